"""Answers catalog reads from the cache before the rest of the stack runs.

The product list and product pages are most of a shop's traffic and the same for everyone who
asks: their bodies do not depend on who is signed in (a test compares them). A hit here costs
one Redis round trip at most and no URL resolution, DRF dispatch or database work. A request
carrying a token is served from the cache only once the token is verified as the views would
(signature, expiry, this shop); anything else goes on to the views, which answer 401 exactly as
on a cold cache. Misses go on to the views too (which fill the cache). Runs after
tenants.middleware.ShopMiddleware, so the shop is known and active."""
from __future__ import annotations

from django.contrib.auth import get_user_model
from django.http import HttpResponse
from rest_framework import exceptions
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.settings import api_settings as jwt_settings

from saas.accounts.authentication import ShopBoundJWTAuthentication
from saas.kernel.events import publish
from saas.kernel.tenancy import current_schema
from storefront import catalog_cache, events

_AUTH = ShopBoundJWTAuthentication()


def verified_user_id(request) -> tuple[bool, object]:
    """(usable, user id) for the request's credentials: (True, None) when it sends none, (False,
    None) when the views must judge them (a bad, expired or foreign token gets their 401)."""
    if "HTTP_AUTHORIZATION" not in request.META:
        return True, None
    auth = _AUTH
    try:
        raw = auth.get_raw_token(auth.get_header(request))
        if raw is None:
            return False, None
        user_id = auth.get_validated_token(raw).get(jwt_settings.USER_ID_CLAIM)
    except (exceptions.AuthenticationFailed, TokenError):
        return False, None
    if user_id is None:
        return False, None
    return True, get_user_model()._meta.pk.to_python(user_id)  # as the views' request.user.pk


class CatalogCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if getattr(request, "shop", None) is not None:
            key = catalog_cache.request_key(request)
            if key is not None:
                body, _ = catalog_cache.lookup(*key)
                if body is not None:
                    usable, user_id = verified_user_id(request)
                    if usable:
                        if user_id is not None and key[0] == "product":
                            publish(events.ProductViewed(schema_name=current_schema(), slug=key[1], user_id=user_id))
                        response = HttpResponse(body, content_type="application/json")
                        response["X-Content-Type-Options"] = "nosniff"
                        response["X-Cache"] = "hit"
                        return response
        return self.get_response(request)
