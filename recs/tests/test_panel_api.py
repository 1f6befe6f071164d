"""The merchant's panel counts impressions, clicks and what the clicks led to, by the stated
rule, and compares the holdout arm; staff only; retrain queues one run at a time."""
from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from django_tenants.utils import schema_context

from conftest import client_for
from recs.holdout import mean_ci, proportion_ci
from recs.models import Event, ModelVersion
from storefront.models import ShippingRate
from storefront.tests.factories import make_product
from storefront.tests.test_checkout_api import checkout, fill_cart

pytestmark = pytest.mark.django_db
VISITOR = "visitor-0001"


@pytest.fixture
def shop(world):
    with schema_context(world.shop_a.schema_name):
        ShippingRate.objects.get_or_create(name="Standard", defaults={"price": Decimal("3.00")})
        for i, title in enumerate(["Kettle", "Toaster", "Blender"]):
            p = make_product(title, "25.00", 10)
            type(p).objects.filter(pk=p.pk).update(sold_count=10 - i)
    return world.shop_a


def widget(panel: dict, name: str) -> dict:
    return next(w for w in panel["widgets"] if w["widget"] == name)


def test_impression_click_cart_and_order_are_counted_and_attributed(world, shop, django_capture_on_commit_callbacks):
    client = client_for(shop)
    shown = client.get("/api/recs/trending/?k=3", HTTP_X_VISITOR_ID=VISITOR).json()
    card = next(c for c in shown["items"] if c["title"] == "Toaster")
    token = fill_cart(client, shop, ("Toaster", 2))
    assert client.post("/api/recs/events/", {"visitor_id": VISITOR, "events": [
        {"kind": "click", "product_id": card["id"], "widget": "trending", "request_id": shown["request_id"]},
        {"kind": "cart", "product_id": card["id"], "quantity": 2},
    ]}, format="json", HTTP_X_CART_TOKEN=token).status_code == 202
    with django_capture_on_commit_callbacks(execute=True):
        assert checkout(client, shop, token).status_code == 201

    panel = client_for(shop, world.owner_a).get("/api/dashboard/recs/").json()
    trending = widget(panel, "trending")
    assert (trending["impressions"], trending["clicks"], trending["add_to_carts"], trending["orders"],
            trending["revenue"]) == (3, 1, 1, 1, "50.00")
    assert trending["ctr"] == pytest.approx(1 / 3)
    assert trending["served_by"] == {"no_model": 3}
    assert widget(panel, "similar")["impressions"] == 0
    assert "within 7 days" in panel["attribution_rule"]
    model_arm = next(a for a in panel["arms"] if a["arm"] == "model")
    assert (model_arm["visitors"], model_arm["impressions"], model_arm["clicks"], model_arm["revenue_per_visitor"]) == (
        1, 3, 1, "50.00")  # every line the visitor ordered after exposure, shipping not included
    assert panel["model"] is None
    assert panel["settings"] == {"holdout_share": "0.100"}
    assert panel["cache"]["bound_bytes"] > 0


def test_a_purchase_long_after_the_click_is_not_attributed(world, shop):
    with schema_context(shop.schema_name):
        product = type(make_product("Late", "5.00", 3))
        pid = product.objects.get(title="Kettle").pk
        long_ago = timezone.now() - timedelta(days=20)
        Event.objects.create(kind="click", visitor_id=VISITOR, product_id=pid, widget="similar", created_at=long_ago)
        Event.objects.create(kind="purchase", visitor_id=VISITOR, product_id=pid, order_id=1,
                             revenue=Decimal("25.00"), created_at=long_ago + timedelta(days=8))
        Event.objects.create(kind="purchase", visitor_id="someone-else", product_id=pid, order_id=2,
                             revenue=Decimal("25.00"), created_at=long_ago + timedelta(days=1))
    similar = widget(client_for(shop, world.owner_a).get("/api/dashboard/recs/").json(), "similar")
    assert (similar["clicks"], similar["orders"], similar["revenue"]) == (1, 0, "0.00")


def test_intervals():
    low, high = proportion_ci(10, 100)
    assert low < 0.1 < high
    assert (round(low, 3), round(high, 3)) == (0.055, 0.174)  # Wilson, 95 %
    assert proportion_ci(0, 0) is None
    low, high = mean_ci([0.0, 10.0, 20.0])
    assert low < 10 < high
    assert mean_ci([5.0]) is None


def test_settings_are_checked(world, shop):
    staff = client_for(shop, world.owner_a)
    for bad in ("0.9", "-0.1", "abc"):
        res = staff.put("/api/dashboard/recs/settings/", {"holdout_share": bad}, format="json")
        assert res.status_code == 400
        assert "holdout_share" in res.json()["error"]["fields"]
    assert staff.put("/api/dashboard/recs/settings/", {"holdout_share": "0.25"},
                     format="json").json() == {"holdout_share": "0.250"}


def test_retrain_queues_one_run_at_a_time_and_reports_its_status(world, shop, django_capture_on_commit_callbacks):
    staff = client_for(shop, world.owner_a)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        first = staff.post("/api/dashboard/recs/train/")
        again = staff.post("/api/dashboard/recs/train/")
    assert first.status_code == 202
    assert again.json()["id"] == first.json()["id"]
    assert len(queued) == 1  # one task, not two
    status = staff.get(f"/api/dashboard/recs/train/{first.json()['id']}/").json()
    assert (status["status"], status["progress"], status["trigger"]) == ("queued", 0, "manual")
    assert staff.get("/api/dashboard/recs/train/999999/").status_code == 404
    with schema_context(world.shop_b.schema_name):
        assert not ModelVersion.objects.exists()
    assert client_for(shop, world.customer_a).get("/api/dashboard/recs/").status_code == 403
