"""Answers the catalog's reads before the rest of the stack runs, from the cache or the database.

The product list and product pages are most of a shop's traffic and the same for everyone who
asks: their bodies do not depend on who is signed in (a test compares them). So they are
answered here, after tenants.middleware.ShopMiddleware has found the shop and checked it is
open: a cache hit costs one Redis round trip at most; a miss costs the one SQL statement of
`storefront.catalog_reads` and fills the cache. URL resolution, DRF's dispatch and the inner
middlewares (which do nothing for these answers) are skipped: on an uncached read they cost
more than the statement itself.

A request carrying a token is answered here only once the token is verified as the views
would (signature, expiry, this shop); anything else goes on to the views, which answer 401
exactly as on a cold cache. So does any read that fails (an unknown sort, a page past the end,
a slug that is not a slug): the views answer it with the same error they always did."""
from __future__ import annotations

import re
import time
from collections import OrderedDict

from django.contrib.auth import get_user_model
from django.http import HttpResponse
from rest_framework import exceptions
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.settings import api_settings as jwt_settings

from saas.accounts.authentication import ShopBoundJWTAuthentication
from saas.kernel.errors import AppError
from saas.kernel.events import publish
from saas.kernel.tenancy import current_schema
from storefront import catalog_cache, catalog_reads, events

_AUTH = ShopBoundJWTAuthentication()
SLUG = re.compile(r"[-a-zA-Z0-9_]+\Z")  # what the view's <slug:slug> route accepts


# Tokens whose signature and shop were verified in this process: (schema, token) -> (user id,
# expiry). A shopper sends the same token for up to its lifetime, and checking its signature was
# most of a signed-in cache hit. The whole token is the key, so any other bytes are verified
# afresh; the expiry is checked on every use.
_verified: OrderedDict[tuple[str, bytes], tuple[int, float]] = OrderedDict()
VERIFIED_KEPT = 10_000


def verified_user_id(request) -> tuple[bool, int | None]:
    """(usable, user id) for the request's credentials: (True, None) when it sends none, (False,
    None) when the views must judge them (a bad, expired or foreign token gets their 401)."""
    if "HTTP_AUTHORIZATION" not in request.META:
        return True, None
    auth = _AUTH
    try:
        raw = auth.get_raw_token(auth.get_header(request))
    except exceptions.AuthenticationFailed:
        return False, None
    if raw is None:
        return False, None
    key = (current_schema(), raw)
    known = _verified.get(key)
    if known is not None:
        if known[1] > time.time():
            return True, known[0]
        _verified.pop(key, None)  # (another thread may have dropped it first)
        return False, None
    try:
        token = auth.get_validated_token(raw)
    except (exceptions.AuthenticationFailed, TokenError):
        return False, None
    user_id = token.get(jwt_settings.USER_ID_CLAIM)
    if user_id is None or "exp" not in token:
        return False, None
    user_id = get_user_model()._meta.pk.to_python(user_id)  # as the views' request.user.pk
    _verified[key] = (user_id, float(token["exp"]))
    while len(_verified) > VERIFIED_KEPT:
        _verified.popitem(last=False)
    return True, user_id


def build(request, kind: str, params: str) -> bytes | None:
    """The answer's body from the database, or None when the views should answer instead."""
    try:
        if kind == "list":
            return catalog_reads.list_body(request)
        if SLUG.match(params):
            return catalog_reads.detail_body(slug=params, currency=request.shop.currency)
    except (AppError, exceptions.APIException):
        pass
    return None


class CatalogCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if getattr(request, "shop", None) is not None:
            key = catalog_cache.request_key(request)
            if key is not None:
                response = self.answer(request, *key)
                if response is not None:
                    return response
        return self.get_response(request)

    def answer(self, request, kind: str, params: str) -> HttpResponse | None:
        usable, user_id = verified_user_id(request)
        if not usable:
            return None
        body, version = catalog_cache.lookup(kind, params)
        hit = body is not None
        if body is None:
            body = build(request, kind, params)
            if body is None:
                return None
            catalog_cache.store(kind, params, body, version)
        if user_id is not None and kind == "product":
            publish(events.ProductViewed(schema_name=current_schema(), slug=params, user_id=user_id))
        response = HttpResponse(body, content_type="application/json")
        response["X-Content-Type-Options"] = "nosniff"
        response["X-Cache"] = "hit" if hit else "miss"
        return response
