"""Answers anonymous catalog reads from the cache before the rest of the stack runs.

The product list and product pages are most of a shop's traffic and the same for every
anonymous shopper; a hit here costs one Redis round trip and no URL resolution, DRF dispatch
or database work. Misses, and any request carrying credentials, go on to the views (which fill
the cache). Runs after tenants.middleware.ShopMiddleware, so the shop is known and active."""
from __future__ import annotations

from django.http import HttpResponse

from storefront import catalog_cache


class CatalogCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if getattr(request, "shop", None) is not None and "HTTP_AUTHORIZATION" not in request.META:
            key = catalog_cache.request_key(request)
            if key is not None:
                body, _ = catalog_cache.lookup(*key)
                if body is not None:
                    response = HttpResponse(body, content_type="application/json")
                    response["X-Content-Type-Options"] = "nosniff"
                    response["X-Cache"] = "hit"
                    return response
        return self.get_response(request)
