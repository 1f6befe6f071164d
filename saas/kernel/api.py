"""Base API views. Every endpoint derives from one of these, so none can forget which
host it belongs on or who may call it."""
from __future__ import annotations

from django_tenants.utils import get_public_schema_name
from rest_framework import permissions
from rest_framework.exceptions import NotFound
from rest_framework.views import APIView

from saas.accounts.roles import role_allows
from saas.kernel.tenancy import current_schema


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


class IsPlatformAdmin(permissions.BasePermission):
    message = "Only platform admins may do this."

    def has_permission(self, request, view) -> bool:
        user = request.user
        return bool(user and user.is_authenticated and user.is_platform_admin)


class PlatformAPIView(APIView):
    """Answers only on the platform's own host (public schema)."""

    def initial(self, request, *args, **kwargs):
        if not on_platform():
            raise NotFound()
        super().initial(request, *args, **kwargs)


class ShopAPIView(APIView):
    """Answers only on a shop's host, with the connection set to that shop's schema."""

    def initial(self, request, *args, **kwargs):
        if on_platform() or getattr(request, "tenant", None) is None:
            raise NotFound()
        super().initial(request, *args, **kwargs)


class StaffAPIView(ShopAPIView):
    permission_classes = [permissions.IsAuthenticated, IsShopStaff, HasDashboardRole]
    dashboard_area: str | None = None  # None: owner and managers only


class PlatformAdminAPIView(PlatformAPIView):
    permission_classes = [permissions.IsAuthenticated, IsPlatformAdmin]
