"""Host -> shop -> schema, for every HTTP request (WebSockets: tenants/asgi.py)."""
from __future__ import annotations

from django.conf import settings
from django.urls import set_urlconf

from saas.kernel import health
from saas.kernel.errors import json_error
from saas.kernel.tenancy import tenant_connection
from tenants.errors import TenantErrorCode
from tenants.selectors import shop_for_host

SUSPENDED_MESSAGE = "This shop is temporarily unavailable: it has been suspended by the platform."
UNPAID_MESSAGE = ("This shop is closed: its subscription to the platform is unpaid. The owner can pay "
                  "from the dashboard's Billing page to reopen it.")
UNKNOWN_MESSAGE = "There is no shop at this address."
# Open while a shop is closed for non-payment, so that its owner can sign in and pay.
UNPAID_OPEN_PREFIXES = ("/api/auth/", "/api/billing/", "/dashboard")


def host_of(raw_host: str) -> str:
    host = raw_host.strip().lower()
    if host.startswith("["):  # IPv6 literal
        return host.split("]")[0] + "]"
    return host.rsplit(":", 1)[0].rstrip(".") if ":" in host else host.rstrip(".")


def wants_html(request) -> bool:
    return not request.path.startswith("/api/") and "text/html" in request.headers.get("Accept", "")


class ShopMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path in health.PATHS:
            return health.PATHS[request.path](request)
        tenant_connection().set_schema_to_public()
        host = host_of(request.META.get("HTTP_HOST") or request.META.get("SERVER_NAME", ""))
        request.shop = request.tenant = None
        if host in settings.PLATFORM_HOSTS:
            request.urlconf = settings.PUBLIC_SCHEMA_URLCONF
            set_urlconf(request.urlconf)
            return self.get_response(request)

        shop = shop_for_host(host)
        if shop is None:
            if wants_html(request):
                from saas.kernel.spa import unknown_shop_page

                return unknown_shop_page()
            return json_error(TenantErrorCode.UNKNOWN_SHOP, UNKNOWN_MESSAGE, 404)
        request.shop = request.tenant = shop
        request.urlconf = settings.ROOT_URLCONF
        if shop.is_suspended and not request.path.startswith(settings.STATIC_URL) and not (
                shop.is_closed_for_nonpayment and request.path.startswith(UNPAID_OPEN_PREFIXES)):
            if wants_html(request) and request.method == "GET":
                from saas.kernel.spa import spa_response

                return spa_response(request, status=403)
            if shop.is_closed_for_nonpayment:
                return json_error(TenantErrorCode.SHOP_UNPAID, UNPAID_MESSAGE, 403)
            return json_error(TenantErrorCode.SHOP_SUSPENDED, SUSPENDED_MESSAGE, 403)
        tenant_connection().set_tenant(shop)
        try:
            return self.get_response(request)
        finally:
            tenant_connection().set_schema_to_public()
