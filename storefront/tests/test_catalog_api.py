from __future__ import annotations

from decimal import Decimal

import pytest
from django_tenants.utils import schema_context

from conftest import client_for
from storefront.services import product_create

pytestmark = pytest.mark.django_db


def stock(shop, n: int, prefix: str = "Mug"):
    with schema_context(shop.schema_name):
        for i in range(n):
            product_create(title=f"{prefix} {i}", price=Decimal("2.50") + i, stock=i % 3)


def test_each_shop_lists_only_its_own_products(world):
    stock(world.shop_a, 3, "Alpha mug")
    stock(world.shop_b, 2, "Bravo cup")
    a = client_for(world.shop_a).get("/api/catalog/products/").json()
    b = client_for(world.shop_b).get("/api/catalog/products/").json()
    assert a["count"] == 3
    assert b["count"] == 2
    assert all(p["title"].startswith("Alpha") for p in a["results"])
    assert a["results"][0]["currency"] == "GBP"
    assert {p["price"] for p in a["results"]} == {"2.50", "3.50", "4.50"}


def test_search(world):
    stock(world.shop_a, 2, "Teapot")
    stock(world.shop_a, 2, "Lantern")
    res = client_for(world.shop_a).get("/api/catalog/products/?search=lant").json()
    assert [p["title"] for p in res["results"]] == ["Lantern 1", "Lantern 0"]


def test_list_query_count_does_not_grow_with_page_size(world, count_queries):
    stock(world.shop_a, 30)
    client = client_for(world.shop_a)
    client.get("/api/shop/")  # warms the host cache
    with count_queries() as small:
        assert len(client.get("/api/catalog/products/?page_size=2").json()["results"]) == 2
    with count_queries() as large:
        assert len(client.get("/api/catalog/products/?page_size=30").json()["results"]) == 30
    assert small.count == large.count == 2, (small.queries, large.queries)


def test_bad_page_is_404_json(world):
    res = client_for(world.shop_a).get("/api/catalog/products/?page=999")
    assert res.status_code == 404
    assert res.json()["error"]["code"] == "not_found"
