"""Every endpoint that needs a caller refuses anonymous callers and tokens of any other
schema: another shop's, the platform's on a shop, a shop's on the platform.

The endpoints are found by walking the URL configurations, so a new endpoint is covered
the day it is added."""
from __future__ import annotations

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework.permissions import AllowAny
from rest_framework.views import APIView

from conftest import client_for, token_for

pytestmark = pytest.mark.django_db

METHODS = ("get", "post", "put", "patch", "delete")


def _walk(patterns, prefix=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from _walk(p.url_patterns, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), p.callback


def protected_endpoints(urlconf: str, *, open_ones: bool = False) -> list[tuple[str, str]]:
    """Endpoints that need a caller; with open_ones, those open to anonymous callers that still
    read a token when one is sent (a foreign token must not pass there either)."""
    found = []
    for route, callback in _walk(get_resolver(urlconf).url_patterns):
        view = getattr(callback, "view_class", None)
        if view is None or not issubclass(view, APIView):
            continue
        is_open = any(perm is AllowAny for perm in view.permission_classes)
        if is_open != open_ones or (open_ones and not view.authentication_classes):
            continue
        path = "/" + re.sub(r"<(?:int:)?[^>]+>", "1", route).lstrip("^").rstrip("$")
        for method in METHODS:
            if hasattr(view, method):
                found.append((method, path))
    return found


TENANT_ENDPOINTS = protected_endpoints("saas.urls_tenant")
PLATFORM_ENDPOINTS = protected_endpoints("saas.urls_public")
OPEN_TENANT_ENDPOINTS = protected_endpoints("saas.urls_tenant", open_ones=True)


def test_the_walk_finds_the_endpoints_we_know():
    assert ("get", "/api/auth/me/") in TENANT_ENDPOINTS
    assert ("get", "/api/dashboard/overview/") in TENANT_ENDPOINTS
    assert ("post", "/api/platform/shops/") in PLATFORM_ENDPOINTS
    assert ("post", "/api/platform/admin/shops/1/suspend/") in PLATFORM_ENDPOINTS
    assert ("post", "/api/checkout/") in OPEN_TENANT_ENDPOINTS
    assert ("get", "/api/catalog/products/") in OPEN_TENANT_ENDPOINTS
    for method, path in [("get", "/api/account/addresses/"), ("post", "/api/account/addresses/"),
                         ("patch", "/api/account/addresses/1/"), ("delete", "/api/account/addresses/1/"),
                         ("patch", "/api/dashboard/products/1/images/1/"),
                         ("post", "/api/dashboard/products/1/images/order/")]:
        assert (method, path) in TENANT_ENDPOINTS
    for method, path in [("post", "/api/orders/lookup/"), ("get", "/api/orders/1/"), ("post", "/api/orders/1/pay/")]:
        assert (method, path) in OPEN_TENANT_ENDPOINTS
    # recommendations: the panel is staff-only; the widgets and the beacon are open but refuse foreign tokens
    for path in ("/api/dashboard/recs/", "/api/dashboard/recs/train/1/", "/api/dashboard/recs/versions/"):
        assert ("get", path) in TENANT_ENDPOINTS
    assert ("post", "/api/dashboard/recs/train/") in TENANT_ENDPOINTS
    assert ("put", "/api/dashboard/recs/settings/") in TENANT_ENDPOINTS
    for path in ("/api/recs/products/1/similar/", "/api/recs/products/1/bought-together/", "/api/recs/for-you/",
                 "/api/recs/trending/", "/api/recs/cart/", "/api/recs/buy-again/"):
        assert ("get", path) in OPEN_TENANT_ENDPOINTS
    assert ("post", "/api/recs/events/") in OPEN_TENANT_ENDPOINTS


def call(client, method, path):
    return getattr(client, method)(path, {}, format="json")


@pytest.mark.parametrize(("method", "path"), TENANT_ENDPOINTS)
def test_shop_endpoint_refuses_anonymous_and_foreign_tokens(world, method, path):
    shop_a_host = client_for(world.shop_a)
    assert call(shop_a_host, method, path).status_code == 401, "anonymous"

    # the same user id exists in shop B, as shop B's owner: its token must still be refused on A
    for shop, user in [(world.shop_b, world.owner_b), (world.shop_b, world.customer_b), (None, world.admin),
                       (None, world.merchant_a)]:
        client = client_for(world.shop_a)
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {token_for(shop, user)['access']}")
        res = call(client, method, path)
        assert res.status_code == 401, (shop, user, res.content)
        assert res.json()["error"]["code"] in {"token_wrong_shop", "authentication_failed"}


@pytest.mark.parametrize(("method", "path"), OPEN_TENANT_ENDPOINTS)
def test_open_shop_endpoint_still_refuses_a_foreign_token(world, method, path):
    """The catalog and a guest cart need no sign-in, but a token from elsewhere is an error,
    not a silent guest."""
    for shop, user in [(world.shop_b, world.customer_b), (None, world.merchant_a)]:
        client = client_for(world.shop_a)
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {token_for(shop, user)['access']}")
        assert call(client, method, path).status_code == 401, (shop, user, method, path)


@pytest.mark.parametrize(("method", "path"), PLATFORM_ENDPOINTS)
def test_platform_endpoint_refuses_anonymous_and_shop_tokens(world, method, path):
    assert call(client_for(None), method, path).status_code == 401, "anonymous"
    for shop, user in [(world.shop_a, world.owner_a), (world.shop_a, world.customer_a)]:
        client = client_for(None)
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {token_for(shop, user)['access']}")
        res = call(client, method, path)
        assert res.status_code == 401, (shop, user, res.content)


@pytest.mark.parametrize("prefix", ["/api/auth/", "/api/platform/auth/"])
def test_refresh_and_logout_refuse_another_schemas_refresh_token(world, prefix):
    shop = world.shop_a if prefix == "/api/auth/" else None
    foreign = token_for(world.shop_b, world.customer_b) if shop else token_for(world.shop_a, world.customer_a)
    client = client_for(shop)
    for action in ("refresh", "logout"):
        res = client.post(f"{prefix}{action}/", {"refresh": foreign["refresh"]}, format="json")
        assert res.status_code == 401
        assert res.json()["error"]["code"] == "token_wrong_shop"


def test_platform_paths_do_not_exist_on_shops_and_shop_paths_not_on_platform(world):
    assert client_for(world.shop_a).get("/api/platform/shops/").status_code == 404
    assert client_for(None).get("/api/catalog/products/").status_code == 404
    assert client_for(None).get("/api/auth/me/").status_code == 404
