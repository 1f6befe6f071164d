"""Every endpoint that needs a caller refuses anonymous callers and tokens of any other
schema: another shop's, the platform's on a shop, a shop's on the platform.

The endpoints are found by walking the URL configurations, so a new endpoint is covered
the day it is added."""
from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django_tenants.utils import schema_context
from rest_framework.views import APIView
from rest_framework_simplejwt.tokens import AccessToken

from conftest import client_for, token_for
from saas.accounts.authentication import SHOP_CLAIM
from saas.kernel.api import Access, BaseAPIView

pytestmark = pytest.mark.django_db

METHODS = ("get", "post", "put", "patch", "delete")


def _walk(patterns, prefix=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from _walk(p.url_patterns, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), p.callback


def api_views(urlconf: str) -> list[tuple[str, Any]]:
    return [(route, callback.view_class) for route, callback in _walk(get_resolver(urlconf).url_patterns)
            if issubclass(getattr(callback, "view_class", object), APIView)]


def endpoints(urlconf: str, access: Access) -> list[tuple[str, str]]:
    """The endpoints whose views declare `access` (saas.kernel.api): read from the views
    themselves, so a new endpoint is covered, in its declared mode, the day it is added."""
    found = []
    for route, view in api_views(urlconf):
        if view.access is not access:
            continue
        path = "/" + re.sub(r"<(?:int:)?[^>]+>", "1", route).lstrip("^").rstrip("$")
        for method in METHODS:
            if hasattr(view, method):
                found.append((method, path))
    return found


TENANT_ENDPOINTS = endpoints("saas.urls_tenant", Access.SIGNED_IN)
PLATFORM_ENDPOINTS = endpoints("saas.urls_public", Access.SIGNED_IN)
OPEN_TENANT_ENDPOINTS = endpoints("saas.urls_tenant", Access.PUBLIC_TOKEN_OPTIONAL)
OPEN_PLATFORM_ENDPOINTS = endpoints("saas.urls_public", Access.PUBLIC_TOKEN_OPTIONAL)
NO_TOKEN_ENDPOINTS = [(shop, method, path) for shop, urlconf in (("a", "saas.urls_tenant"), (None, "saas.urls_public"))
                      for method, path in endpoints(urlconf, Access.PUBLIC_NO_TOKEN)]


@pytest.mark.parametrize("urlconf", ["saas.urls_tenant", "saas.urls_public"])
def test_every_api_view_is_of_the_base_family(urlconf):
    strays = [(route, view) for route, view in api_views(urlconf) if not issubclass(view, BaseAPIView)]
    assert strays == []


def test_the_walk_finds_the_endpoints_we_know():
    assert ("get", "/api/auth/me/") in TENANT_ENDPOINTS
    assert ("get", "/api/dashboard/overview/") in TENANT_ENDPOINTS
    assert ("post", "/api/cart/merge/") in TENANT_ENDPOINTS
    assert ("post", "/api/platform/shops/") in PLATFORM_ENDPOINTS
    assert ("post", "/api/platform/admin/shops/1/suspend/") in PLATFORM_ENDPOINTS
    assert ("get", "/api/platform/auth/me/") in PLATFORM_ENDPOINTS
    assert ("post", "/api/checkout/") in OPEN_TENANT_ENDPOINTS
    assert ("get", "/api/catalog/products/") in OPEN_TENANT_ENDPOINTS
    assert ("get", "/api/platform/plans/") in OPEN_PLATFORM_ENDPOINTS
    for shop, method, path in [("a", "get", "/api/shop/"), ("a", "get", "/media/1"),
                               ("a", "post", "/api/auth/handoff/"), ("a", "post", "/api/auth/login/"),
                               (None, "post", "/api/platform/auth/signup/"),
                               ("a", "get", "/api/schema/"), (None, "get", "/api/docs/")]:
        assert (shop, method, path) in NO_TOKEN_ENDPOINTS
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


def expired_access_token(shop, user) -> str:
    with schema_context(shop.schema_name):
        access = AccessToken.for_user(user)
        access[SHOP_CLAIM] = shop.schema_name
        access.set_exp(lifetime=-timedelta(minutes=1))
        return str(access)


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
    """The catalog and a guest cart need no sign-in, but a token from elsewhere, or this shop's
    own once expired, is an error, not a silent guest."""
    tokens = [token_for(shop, user)["access"] for shop, user in [(world.shop_b, world.customer_b),
                                                                 (None, world.merchant_a)]]
    for token in [*tokens, expired_access_token(world.shop_a, world.customer_a)]:
        client = client_for(world.shop_a)
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
        assert call(client, method, path).status_code == 401, (token, method, path)


@pytest.mark.parametrize(("method", "path"), OPEN_PLATFORM_ENDPOINTS)
def test_open_platform_endpoint_still_refuses_a_shop_token(world, method, path):
    client = client_for(None)
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token_for(world.shop_a, world.owner_a)['access']}")
    res = call(client, method, path)
    assert res.status_code == 401, (method, path, res.content)


@pytest.mark.parametrize(("shop", "method", "path"), NO_TOKEN_ENDPOINTS)
def test_no_token_endpoint_reads_no_token(world, shop, method, path):
    """Media, shop info, the docs and the sign-in steps run no authenticator: a token from
    elsewhere (or garbage) is not read, so it can neither sign anyone in nor fail the call."""
    client = client_for(world.shop_a if shop else None)
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token_for(world.shop_b, world.customer_b)['access']}")
    assert call(client, method, path).status_code != 401, (method, path)
    client.credentials(HTTP_AUTHORIZATION="Bearer not-a-token")
    assert call(client, method, path).status_code != 401, (method, path)


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
