"""The six widgets without a trained model: what may never be shown, which fallback serves,
each card's reason, the holdout arm, impressions recorded, and two shops kept apart."""
from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import timezone
from django_tenants.utils import schema_context

from conftest import client_for
from recs.holdout import in_holdout
from recs.models import Event, EventKind, RecsSettings
from storefront.models import Order, OrderLine, ProductStatus
from storefront.services import category_create
from storefront.tests.factories import make_product

pytestmark = pytest.mark.django_db
VISITOR = "visitor-0001"


@pytest.fixture
def catalog(world):
    """Lamps and mugs; the best seller of each kind first (sold_count); some never sellable."""
    with schema_context(world.shop_a.schema_name):
        lamps, mugs = category_create(name="Lamps"), category_create(name="Mugs")
        made = {}
        for title, cat, sold, stock, status in [
            ("Desk lamp", lamps, 50, 5, ProductStatus.ACTIVE), ("Floor lamp", lamps, 40, 5, ProductStatus.ACTIVE),
            ("Wall lamp", lamps, 30, 5, ProductStatus.ACTIVE), ("Sold-out lamp", lamps, 90, 0, ProductStatus.ACTIVE),
            ("Draft lamp", lamps, 80, 5, ProductStatus.DRAFT), ("Old lamp", lamps, 70, 5, ProductStatus.ARCHIVED),
            ("Blue mug", mugs, 20, 5, ProductStatus.ACTIVE), ("Red mug", mugs, 10, 5, ProductStatus.ACTIVE),
        ]:
            product = make_product(title, "10.00", stock, category=cat, status=status)
            type(product).objects.filter(pk=product.pk).update(sold_count=sold)
            made[title] = product.pk
        return made


def titles(res) -> list[str]:
    assert res.status_code == 200, res.content
    return [card["title"] for card in res.json()["items"]]


NEVER = {"Sold-out lamp", "Draft lamp", "Old lamp"}


def test_trending_for_a_new_shop_is_best_sellers_and_never_unsellable(world, catalog):
    res = client_for(world.shop_a).get("/api/recs/trending/", HTTP_X_VISITOR_ID=VISITOR)
    assert titles(res) == ["Desk lamp", "Floor lamp", "Wall lamp", "Blue mug", "Red mug"]
    body = res.json()
    assert (body["strategy"], body["fallback"], body["model_version"]) == ("popularity", "no_model", None)
    assert body["items"][0]["reason"] == {"kind": "trending", "text": "Trending now", "product": None}


def test_recent_behaviour_makes_a_product_trend(world, catalog):
    with schema_context(world.shop_a.schema_name):
        now = timezone.now()
        Event.objects.bulk_create([Event(kind="cart", visitor_id=f"v-{i:06d}x", product_id=catalog["Red mug"],
                                         created_at=now) for i in range(30)])
    assert titles(client_for(world.shop_a).get("/api/recs/trending/"))[0] == "Red mug"


def test_nothing_in_the_cart_or_already_bought_is_recommended(world, catalog):
    client = client_for(world.shop_a, world.customer_a)
    with schema_context(world.shop_a.schema_name):
        from storefront.models import ProductVariant

        order = Order.objects.create(user=world.customer_a, email="a@b.test", currency="EUR", subtotal=Decimal("10"),
                                     total=Decimal("10"))
        OrderLine.objects.create(order=order, product_id=catalog["Desk lamp"], product_slug="x", product_title="x",
                                 sku="x", unit_price=Decimal("10"), quantity=1, line_total=Decimal("10"))
        mug = ProductVariant.objects.get(product_id=catalog["Blue mug"])
    assert client.post("/api/cart/lines/", {"variant_id": mug.pk, "quantity": 1}, format="json").status_code == 201
    shown = titles(client.get("/api/recs/trending/", HTTP_X_VISITOR_ID=VISITOR))
    assert "Desk lamp" not in shown
    assert "Blue mug" not in shown
    assert shown == ["Floor lamp", "Wall lamp", "Red mug"]
    # buy again is the one place a bought product belongs
    again = client.get("/api/recs/buy-again/", HTTP_X_VISITOR_ID=VISITOR)
    assert titles(again) == ["Desk lamp"]
    assert again.json()["fallback"] == "history"
    assert again.json()["items"][0]["reason"]["text"] == "You bought this before"


def test_a_guest_cart_is_excluded_too(world, catalog):
    client = client_for(world.shop_a)
    with schema_context(world.shop_a.schema_name):
        from storefront.models import ProductVariant

        lamp = ProductVariant.objects.get(product_id=catalog["Floor lamp"])
    token = client.post("/api/cart/lines/", {"variant_id": lamp.pk, "quantity": 1}, format="json").json()["token"]
    shown = titles(client.get("/api/recs/cart/", HTTP_X_CART_TOKEN=token, HTTP_X_VISITOR_ID=VISITOR))
    assert "Floor lamp" not in shown
    assert shown[:2] == ["Desk lamp", "Wall lamp"]  # the cart's category first, best sellers first
    body = client.get("/api/recs/cart/", HTTP_X_CART_TOKEN=token).json()
    assert body["fallback"] == "content"
    assert body["items"][0]["reason"] == {"kind": "in_cart", "text": "Goes with Floor lamp in your cart",
                                          "product": {"slug": "floor-lamp", "title": "Floor lamp"}}


def test_similar_for_a_product_the_model_does_not_know_uses_its_content(world, catalog):
    res = client_for(world.shop_a).get("/api/recs/products/floor-lamp/similar/")
    assert titles(res)[:2] == ["Desk lamp", "Wall lamp"]
    assert "Floor lamp" not in titles(res)
    assert not NEVER & set(titles(res))
    assert res.json()["fallback"] == "content"
    assert res.json()["items"][0]["reason"]["text"] == "Similar to Floor lamp"
    assert client_for(world.shop_a).get("/api/recs/products/no-such-thing/similar/").status_code == 404
    assert client_for(world.shop_a).get("/api/recs/products/draft-lamp/similar/").status_code == 404


def test_bought_together_is_hidden_rather_than_padded_without_a_model(world, catalog):
    body = client_for(world.shop_a).get("/api/recs/products/floor-lamp/bought-together/").json()
    assert body["items"] == []
    assert body["strategy"] is None


def test_for_you_uses_this_visits_views_then_popularity(world, catalog):
    client = client_for(world.shop_a)
    first = client.get("/api/recs/for-you/", HTTP_X_VISITOR_ID=VISITOR).json()
    assert first["fallback"] == "popularity"
    assert [c["title"] for c in first["items"]][:2] == ["Desk lamp", "Floor lamp"]
    assert client.post("/api/recs/events/", {"visitor_id": VISITOR, "events": [
        {"kind": "view", "product_id": catalog["Red mug"]}]}, format="json").status_code == 202
    after = client.get("/api/recs/for-you/", HTTP_X_VISITOR_ID=VISITOR).json()
    assert after["fallback"] == "session"
    assert after["items"][0]["title"] == "Blue mug"
    assert after["items"][0]["reason"]["text"] == "Because you viewed Red mug"


def test_each_response_records_its_impressions_under_one_request_id(world, catalog):
    body = client_for(world.shop_a).get("/api/recs/trending/?k=3", HTTP_X_VISITOR_ID=VISITOR).json()
    with schema_context(world.shop_a.schema_name):
        rows = list(Event.objects.filter(kind=EventKind.IMPRESSION).order_by("position")
                    .values_list("request_id", "product_id", "widget", "visitor_id", "position", "served_by"))
    assert [(str(r[0]), r[1], r[2], r[3], r[4]) for r in rows] == [
        (body["request_id"], card["id"], "trending", VISITOR, i) for i, card in enumerate(body["items"])]
    assert {r[5] for r in rows} == {"no_model"}


@pytest.mark.parametrize("k", ["0", "25", "x", "-1"])
def test_k_is_checked(world, catalog, k):
    res = client_for(world.shop_a).get(f"/api/recs/trending/?k={k}")
    assert res.status_code == 400
    assert res.json()["error"]["fields"] == {"k": ["Use 1 to 24."]}


def test_holdout_is_deterministic_by_visitor_and_can_be_off(world, catalog):
    ids = [f"visitor-{i:04d}" for i in range(400)]
    arms = [in_holdout(v, 0.1) for v in ids]
    assert arms == [in_holdout(v, 0.1) for v in ids]
    assert 20 <= sum(arms) <= 60  # about a tenth
    assert not any(in_holdout(v, 0.0) for v in ids)
    held, kept = ids[arms.index(True)], ids[arms.index(False)]
    client = client_for(world.shop_a)
    for _ in range(2):
        assert client.get("/api/recs/for-you/", HTTP_X_VISITOR_ID=held).json()["arm"] == "holdout"
        assert client.get("/api/recs/for-you/", HTTP_X_VISITOR_ID=kept).json()["arm"] == "model"
    held_body = client.get("/api/recs/products/floor-lamp/similar/", HTTP_X_VISITOR_ID=held).json()
    assert (held_body["arm"], held_body["fallback"]) == ("holdout", "holdout")
    staff = client_for(world.shop_a, world.owner_a)
    assert staff.put("/api/dashboard/recs/settings/", {"holdout_share": "0"}, format="json").status_code == 200
    with schema_context(world.shop_a.schema_name):
        assert RecsSettings.load().holdout_share == 0
    assert client.get("/api/recs/for-you/", HTTP_X_VISITOR_ID=held).json()["arm"] == "model"


def test_two_shops_with_the_same_ids_never_read_each_others_events(world, catalog):
    with schema_context(world.shop_b.schema_name):
        b_lamps = category_create(name="Lamps")
        b_ids = [make_product(t, "5.00", 5, category=b_lamps).pk for t in ("B one", "B two", "B three")]
    # same visitor id in both shops; heavy behaviour in A on an id that exists in B too
    with schema_context(world.shop_a.schema_name):
        Event.objects.bulk_create([Event(kind="cart", visitor_id=VISITOR, product_id=catalog["Red mug"],
                                         created_at=timezone.now()) for _ in range(20)])
    b_client = client_for(world.shop_b)
    trending = b_client.get("/api/recs/trending/", HTTP_X_VISITOR_ID=VISITOR).json()
    assert {c["id"] for c in trending["items"]} <= set(b_ids)
    for_you = b_client.get("/api/recs/for-you/", HTTP_X_VISITOR_ID=VISITOR).json()
    assert for_you["fallback"] == "popularity"  # A's views of this visitor mean nothing in B
    with schema_context(world.shop_b.schema_name):
        assert not Event.objects.filter(kind="cart").exists()
