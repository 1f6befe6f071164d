"""Tenant resolution by Host: unknown -> 404, suspended -> 403, warm lookups make no query."""
from __future__ import annotations

import pytest
from django.core.cache import cache

from conftest import client_for
from saas.kernel.tenancy import current_schema
from tenants import selectors

pytestmark = pytest.mark.django_db


def test_unknown_host_is_404_json(world):
    res = client_for(None).get("/api/shop/", HTTP_HOST="nosuchshop.localhost")
    assert res.status_code == 404
    assert res.json()["error"]["code"] == "unknown_shop"
    assert client_for(None).get("/", HTTP_HOST="evil.example").status_code == 404


def test_suspended_shop_is_403_for_api_and_pages(world):
    client = client_for(world.shop_c)
    res = client.get("/api/catalog/products/")
    assert res.status_code == 403
    assert res.json()["error"]["code"] == "shop_suspended"
    page = client.get("/", HTTP_ACCEPT="text/html")
    assert page.status_code == 403
    assert b'"status": "suspended"' in page.content
    assert client.post("/api/auth/login/", {"email": "customer@charlie.test", "password": "x"},
                       format="json").status_code == 403


def test_platform_host_is_public_schema(world):
    res = client_for(None).get("/api/platform/plans/")
    assert res.status_code == 200
    assert [p["code"] for p in res.json()] == ["free", "growth", "pro"]


def test_warm_request_makes_no_lookup_query(world, django_assert_num_queries):
    client = client_for(world.shop_a)
    assert client.get("/api/shop/").status_code == 200  # cold: fills the cache
    with django_assert_num_queries(0):
        assert client.get("/api/shop/").status_code == 200


def test_cold_lookup_is_one_query_and_cache_is_invalidated_on_suspend(world, count_queries):
    from tenants.services import shop_reactivate, shop_suspend

    cache.clear()
    with count_queries() as counter:
        assert selectors.shop_for_host("alpha.localhost").subdomain == "alpha"
    assert counter.count == 1
    shop_suspend(shop=world.shop_a, reason="test")
    assert selectors.shop_for_host("alpha.localhost").is_suspended
    assert client_for(world.shop_a).get("/api/shop/").status_code == 403
    shop_reactivate(shop=world.shop_a)
    assert client_for(world.shop_a).get("/api/shop/").status_code == 200


def test_request_leaves_connection_on_public_schema(world):
    client_for(world.shop_a).get("/api/catalog/products/")
    assert current_schema() == "public"


def test_spa_index_carries_the_hosts_config(world, settings, tmp_path):
    (tmp_path / "index.html").write_text("<html><head><title>Shopyard</title><!--app-config--></head></html>")
    settings.FRONTEND_DIST = tmp_path
    shop_page = client_for(world.shop_a).get("/dashboard", HTTP_ACCEPT="text/html")
    platform_page = client_for(None).get("/shops/new", HTTP_ACCEPT="text/html")
    assert shop_page.status_code == platform_page.status_code == 200
    assert b'"kind": "shop"' in shop_page.content
    assert b'"subdomain": "alpha"' in shop_page.content
    assert b"<title>Alpha \xc2\xb7 Shopyard</title>" in shop_page.content
    assert b'"kind": "platform"' in platform_page.content
    assert b'"shop"' not in platform_page.content


def test_health_and_readiness_on_every_host(world):
    for host in ["localhost", "alpha.localhost", "unknown.example"]:
        assert client_for(None).get("/healthz", HTTP_HOST=host).status_code == 200
        ready = client_for(None).get("/readyz", HTTP_HOST=host)
        assert ready.status_code == 200
        assert ready.json()["checks"] == {"postgres": "ok", "redis": "ok"}


def test_readiness_names_the_part_that_is_down(world, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    res = client_for(None).get("/readyz")
    assert res.status_code == 503
    assert res.json()["checks"]["postgres"] == "ok"
    assert res.json()["checks"]["redis"].startswith("down")
