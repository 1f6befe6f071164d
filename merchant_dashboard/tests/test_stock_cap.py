"""Relative stock edits (stock_was) cannot push stock past its cap."""
from __future__ import annotations

import pytest
from django_tenants.utils import schema_context

from conftest import client_for
from storefront.models import ProductVariant
from storefront.services import MAX_STOCK

pytestmark = pytest.mark.django_db


def test_repeated_stock_was_edits_stop_at_the_cap(world):
    staff = client_for(world.shop_a, world.owner_a)
    created = staff.post("/api/dashboard/products/", {"title": "Bolt", "variants": [
        {"sku": "BOLT", "price": "1.00", "stock": MAX_STOCK}]}, format="json").json()
    variant_id = created["variants"][0]["id"]
    edit = {"variants": [{"id": variant_id, "sku": "BOLT", "price": "1.00", "stock": MAX_STOCK, "stock_was": 0}]}
    for _ in range(3):  # each would add MAX_STOCK to today's stock: the first already passes the cap
        res = staff.patch(f"/api/dashboard/products/{created['id']}/", edit, format="json")
        assert res.status_code == 400, res.content
        assert res.json()["error"]["fields"] == {"variants.0.stock": [res.json()["error"]["message"]]}
    with schema_context(world.shop_a.schema_name):
        assert ProductVariant.objects.get(pk=variant_id).stock == MAX_STOCK
    edit["variants"][0].update(stock=5, stock_was=MAX_STOCK)  # a decrease still applies
    assert staff.patch(f"/api/dashboard/products/{created['id']}/", edit, format="json").json()[
        "variants"][0]["stock"] == 5


def test_stock_was_beyond_the_cap_is_refused(world):
    staff = client_for(world.shop_a, world.owner_a)
    created = staff.post("/api/dashboard/products/", {"title": "Nut", "variants": [
        {"sku": "NUT", "price": "1.00", "stock": 1}]}, format="json").json()
    edit = {"variants": [{"id": created["variants"][0]["id"], "sku": "NUT", "price": "1.00", "stock": 0,
                          "stock_was": 2**40}]}
    res = staff.patch(f"/api/dashboard/products/{created['id']}/", edit, format="json")
    assert res.status_code == 400
    assert "variants.0.stock_was" in res.json()["error"]["fields"]
