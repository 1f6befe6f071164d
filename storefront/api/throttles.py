"""Throttles of the shopper's API. Rates come from REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] as for
every throttle here, read when a request is checked (DRF reads them once, at import), so tests
and benchmarks set their own. Cache keys carry the shop's schema (django-tenants' make_key)."""
from __future__ import annotations

from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

CART_HEADER = "X-Cart-Token"


class LiveRateThrottle(SimpleRateThrottle):
    def get_rate(self) -> str | None:
        rates: dict = api_settings.DEFAULT_THROTTLE_RATES
        return rates.get(self.scope or "")

    def ident_of(self, request) -> str | None:
        raise NotImplementedError

    def get_cache_key(self, request, view) -> str | None:
        ident = self.ident_of(request)
        return None if not ident else self.cache_format % {"scope": self.scope, "ident": ident}


class CheckoutCartThrottle(LiveRateThrottle):
    scope = "checkout_cart"

    def ident_of(self, request) -> str | None:
        return (request.headers.get(CART_HEADER) or "").strip()[:64] or None


class CheckoutCustomerThrottle(LiveRateThrottle):
    scope = "checkout_customer"

    def ident_of(self, request) -> str | None:
        user = request.user
        return str(user.pk) if user is not None and user.is_authenticated else None


class CheckoutClientThrottle(LiveRateThrottle):
    scope = "checkout_client"

    def ident_of(self, request) -> str | None:
        return self.get_ident(request)


class OrderLookupThrottle(CheckoutClientThrottle):
    scope = "order_lookup"


CHECKOUT_THROTTLES = [CheckoutCartThrottle, CheckoutCustomerThrottle, CheckoutClientThrottle]
