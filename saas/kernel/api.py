"""Base API views. Every endpoint derives from one of these, so none can forget which host it
belongs on or who may call it.

A view declares two things and nothing else about its callers:
  - its host, by its base: `ShopAPIView`, `PlatformAPIView`, or `AnyHostAPIView` (the sign-in
    views that every host serves, each in its own schema);
  - its `access`: `Access.SIGNED_IN` (the default), `Access.PUBLIC_TOKEN_OPTIONAL` (anyone; a
    token is still read when sent, so a foreign or expired one is refused with 401) or
    `Access.PUBLIC_NO_TOKEN` (anyone; no authenticator runs at all).
Role checks are declared too (`StaffAPIView.dashboard_area`, `PlatformAdminAPIView`).

The authenticators and permissions follow from these declarations in `__init_subclass__`; a
class that sets `authentication_classes` or `permission_classes`, or overrides `initial` or
the other steps that check a caller, is refused when it is defined (as PostHog's
TeamAndOrgViewSetMixin does), so a view cannot weaken its base by accident.
"""
from __future__ import annotations

from enum import Enum
from typing import Any, ClassVar

from django_tenants.utils import get_public_schema_name
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework import permissions
from rest_framework.views import APIView

from saas.accounts.authentication import ShopBoundJWTAuthentication
from saas.accounts.roles import role_allows
from saas.kernel.errors import NotFound
from saas.kernel.tenancy import current_schema

# The one place authenticators are listed. API keys will be a second entry here.
AUTHENTICATORS: tuple[type, ...] = (ShopBoundJWTAuthentication,)


class Access(Enum):
    SIGNED_IN = "signed_in"
    PUBLIC_TOKEN_OPTIONAL = "public_token_optional"
    PUBLIC_NO_TOKEN = "public_no_token"


class Host(Enum):
    SHOP = "shop"
    PLATFORM = "platform"
    ANY = "any"


# What a view may not define for itself: these decide who gets in.
GUARDED = ("authentication_classes", "permission_classes", "initial", "host", "perform_authentication",
           "check_permissions", "check_object_permissions", "get_authenticators", "get_permissions")


def on_platform() -> bool:
    return current_schema() == get_public_schema_name()


class IsShopStaff(permissions.BasePermission):
    message = "Only this shop's staff may do this."

    def has_permission(self, request, view) -> bool:
        user = request.user
        return bool(user and user.is_authenticated and user.is_shop_staff)


class HasDashboardRole(permissions.BasePermission):
    """The staff member's role allows this view's area (`dashboard_area`), for reading or
    writing (saas.accounts.roles has the table)."""

    message = "Your role in this shop does not allow this."

    def has_permission(self, request, view) -> bool:
        write = request.method not in permissions.SAFE_METHODS
        return role_allows(request.user.role, getattr(view, "dashboard_area", None), write=write)


class IsShopOwner(permissions.BasePermission):
    message = "Only the shop's owner may do this."

    def has_permission(self, request, view) -> bool:
        user = request.user
        return bool(user and user.is_authenticated and user.is_shop_staff and user.role == "owner")


class IsPlatformAdmin(permissions.BasePermission):
    message = "Only platform admins may do this."

    def has_permission(self, request, view) -> bool:
        user = request.user
        return bool(user and user.is_authenticated and user.is_platform_admin)


class ViewDeclarationError(TypeError):
    """A view tried to decide its callers other than through `access` and its base."""


class BaseAPIView(APIView):
    """The family's root. Concrete views derive from one of the host bases below."""

    host: ClassVar[Host | None] = None
    access: ClassVar[Access] = Access.SIGNED_IN
    # Checks every caller of this view must pass besides signing in (roles); kernel bases only.
    requires: ClassVar[tuple[type[permissions.BasePermission], ...]] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.__module__ != __name__:
            _refuse_overrides(cls)
        if not isinstance(cls.access, Access):
            raise ViewDeclarationError(f"{cls.__qualname__}.access must be an Access, not {cls.access!r}.")
        if cls.requires and cls.access is not Access.SIGNED_IN:
            raise ViewDeclarationError(f"{cls.__qualname__} requires {[p.__name__ for p in cls.requires]}: "
                                       "it cannot be public.")
        if cls.access is Access.PUBLIC_NO_TOKEN:
            cls.authentication_classes = []
        else:
            cls.authentication_classes = list(AUTHENTICATORS)
        if cls.access is Access.SIGNED_IN:
            cls.permission_classes = [permissions.IsAuthenticated, *cls.requires]
        else:
            cls.permission_classes = [permissions.AllowAny]

    def initial(self, request, *args, **kwargs):
        if self.host is None:
            raise TypeError(f"{type(self).__qualname__} derives from no host base.")
        if self.host is not Host.ANY and (
                on_platform() != (self.host is Host.PLATFORM)
                or (self.host is Host.SHOP and getattr(request, "tenant", None) is None)):
            raise NotFound()
        super().initial(request, *args, **kwargs)


def _refuse_overrides(cls: type) -> None:
    for klass in cls.__mro__:
        if klass.__module__ == __name__ or klass.__module__.startswith("rest_framework."):
            continue
        if klass is not cls and issubclass(klass, BaseAPIView):
            continue  # already checked when it was defined
        for name in GUARDED:
            if name in vars(klass):
                raise ViewDeclarationError(
                    f"{cls.__qualname__}: {klass.__qualname__} sets `{name}`. Declare `access = Access...` "
                    "or derive from StaffAPIView/PlatformAdminAPIView instead (saas.kernel.api).")
        if "requires" in vars(klass):
            raise ViewDeclarationError(f"{cls.__qualname__}: `requires` is for the kernel's bases.")


class AnyHostAPIView(BaseAPIView):
    """Served on every host, each in its own schema: sign-up, sign-in, tokens, recovery."""

    host = Host.ANY


class PlatformAPIView(BaseAPIView):
    """Answers only on the platform's own host (public schema)."""

    host = Host.PLATFORM


class ShopAPIView(BaseAPIView):
    """Answers only on a shop's host, with the connection set to that shop's schema."""

    host = Host.SHOP


class StaffAPIView(ShopAPIView):
    requires = (IsShopStaff, HasDashboardRole)
    dashboard_area: ClassVar[str | None] = None  # None: owner and managers only


class OwnerAPIView(ShopAPIView):
    """Only the shop's owner (the plan, the subscription and its invoices)."""

    requires = (IsShopOwner,)


class PlatformAdminAPIView(PlatformAPIView):
    requires = (IsPlatformAdmin,)


class SchemaView(AnyHostAPIView, SpectacularAPIView):
    """This host's OpenAPI document: public, and no token is read."""

    access = Access.PUBLIC_NO_TOKEN


class DocsView(AnyHostAPIView, SpectacularSwaggerSplitView):
    access = Access.PUBLIC_NO_TOKEN
