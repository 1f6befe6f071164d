"""The base view family decides who may call a view; a subclass that tries to decide it any
other way is refused when the class is defined, not when a request finds the hole."""
from __future__ import annotations

import pytest
from rest_framework.permissions import AllowAny, IsAuthenticated

from saas.kernel import api
from saas.kernel.api import (
    AUTHENTICATORS,
    Access,
    HasDashboardRole,
    IsShopStaff,
    PlatformAdminAPIView,
    ShopAPIView,
    StaffAPIView,
    ViewDeclarationError,
)


@pytest.mark.parametrize("body", [
    {"authentication_classes": []},
    {"authentication_classes": list(AUTHENTICATORS)},  # even a copy of the right list: one place decides
    {"permission_classes": [AllowAny]},
    {"initial": lambda self, request, *a, **k: None},
    {"check_permissions": lambda self, request: None},
    {"get_authenticators": lambda self: []},
    {"perform_authentication": lambda self, request: None},
    {"host": api.Host.ANY},
    {"requires": ()},
])
@pytest.mark.parametrize("base", [ShopAPIView, StaffAPIView, PlatformAdminAPIView])
def test_a_subclass_that_sets_its_own_guards_fails_at_class_creation(base, body):
    with pytest.raises(ViewDeclarationError):
        type("Weakened", (base,), dict(body))


def test_a_mixin_cannot_smuggle_the_guards_in():
    class Open:
        permission_classes = [AllowAny]

    with pytest.raises(ViewDeclarationError, match="Open sets `permission_classes`"):
        class Sneaky(Open, ShopAPIView):
            pass


def test_a_staff_view_cannot_be_declared_public():
    for access in (Access.PUBLIC_TOKEN_OPTIONAL, Access.PUBLIC_NO_TOKEN):
        with pytest.raises(ViewDeclarationError, match="cannot be public"):
            type("PublicStaff", (StaffAPIView,), {"access": access})


def test_access_must_be_one_of_the_modes():
    with pytest.raises(ViewDeclarationError):
        type("Stringly", (ShopAPIView,), {"access": "public"})


def test_the_declaration_decides_authenticators_and_permissions():
    signed_in = type("SignedIn", (ShopAPIView,), {})
    optional = type("Optional", (ShopAPIView,), {"access": Access.PUBLIC_TOKEN_OPTIONAL})
    no_token = type("NoToken", (ShopAPIView,), {"access": Access.PUBLIC_NO_TOKEN})
    staff = type("Staff", (StaffAPIView,), {"dashboard_area": "orders"})
    assert signed_in.permission_classes == [IsAuthenticated]
    assert signed_in.authentication_classes == list(AUTHENTICATORS)
    assert optional.permission_classes == [AllowAny]
    assert optional.authentication_classes == list(AUTHENTICATORS)
    assert no_token.permission_classes == [AllowAny]
    assert no_token.authentication_classes == []
    assert staff.permission_classes == [IsAuthenticated, IsShopStaff, HasDashboardRole]
    # a public view below a signed-in one may tighten back to signed-in
    tightened = type("Tightened", (optional,), {"access": Access.SIGNED_IN})
    assert tightened.permission_classes == [IsAuthenticated]
