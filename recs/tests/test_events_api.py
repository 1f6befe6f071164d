"""The behaviour beacon: good batches are stored, anything wrong stores nothing; a visitor's
anonymous events follow them when they sign in; orders become purchase events."""
from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone
from django_tenants.utils import schema_context

from conftest import client_for
from recs.models import DailyCount, Event, EventKind, Visitor
from recs.services import events_compact
from storefront.tests.factories import make_product

pytestmark = pytest.mark.django_db
VISITOR = "visitor-0001"


@pytest.fixture
def products(world):
    with schema_context(world.shop_a.schema_name):
        return [make_product(f"Lamp {i}", "10.00", 5) for i in range(3)]


def beacon(client, events, visitor=VISITOR, **headers):
    return client.post("/api/recs/events/", {"visitor_id": visitor, "events": events}, format="json", **headers)


def stored(shop) -> int:
    with schema_context(shop.schema_name):
        return Event.objects.count()


def test_a_batch_of_views_and_carts_is_stored(world, products):
    res = beacon(client_for(world.shop_a), [{"kind": "view", "product_id": products[0].pk},
                                            {"kind": "cart", "product_id": products[1].pk, "quantity": 2}])
    assert res.status_code == 202, res.content
    assert res.json() == {"stored": 2}
    with schema_context(world.shop_a.schema_name):
        rows = list(Event.objects.order_by("id").values_list("kind", "product_id", "visitor_id", "quantity"))
        assert rows == [("view", products[0].pk, VISITOR, 1), ("cart", products[1].pk, VISITOR, 2)]


@pytest.mark.parametrize("body", [
    {"visitor_id": VISITOR, "events": [{"kind": "view", "product_id": "12"}]},
    {"visitor_id": VISITOR, "events": [{"kind": "view", "product_id": True}]},
    {"visitor_id": VISITOR, "events": [{"kind": "view", "product_id": 1.5}]},
    {"visitor_id": VISITOR, "events": [{"kind": "purchase", "product_id": 1}]},
    {"visitor_id": VISITOR, "events": [{"kind": "impression", "product_id": 1}]},
    {"visitor_id": VISITOR, "events": "view"},
    {"visitor_id": VISITOR, "events": []},
    {"visitor_id": 12345678, "events": [{"kind": "view", "product_id": 1}]},
    {"visitor_id": "short", "events": [{"kind": "view", "product_id": 1}]},
    {"visitor_id": "bad id with spaces", "events": [{"kind": "view", "product_id": 1}]},
    {"visitor_id": VISITOR, "events": [{"kind": "click", "product_id": 1, "widget": "similar"}]},
    [1, 2, 3],
])
def test_wrong_types_are_refused_and_nothing_is_stored(world, products, body):
    if isinstance(body, dict) and isinstance(body.get("events"), list):
        for event in body["events"]:
            if type(event.get("product_id")) is int and event["product_id"] == 1:
                event["product_id"] = products[0].pk
    client = client_for(world.shop_a)
    good = {"kind": "view", "product_id": products[1].pk}
    if isinstance(body, dict) and isinstance(body.get("events"), list) and body["events"]:
        body["events"].append(good)  # a good event in a bad batch is not stored either
    res = client.post("/api/recs/events/", body, format="json")
    assert res.status_code == 400, res.content
    assert res.json()["error"]["code"] == "validation_error"
    assert stored(world.shop_a) == 0


def test_an_unknown_product_refuses_the_whole_batch(world, products):
    res = beacon(client_for(world.shop_a), [{"kind": "view", "product_id": products[0].pk},
                                            {"kind": "view", "product_id": products[2].pk + 1000}])
    assert res.status_code == 400
    assert "events.1.product_id" in res.json()["error"]["fields"]
    assert stored(world.shop_a) == 0


def test_a_product_of_another_shop_is_unknown_here(world, products):
    with schema_context(world.shop_b.schema_name):
        only_in_b = make_product("Bravo-only kettle", "9.00", 3)
    with schema_context(world.shop_a.schema_name):
        assert not Event.objects.model._meta.apps.get_model("storefront", "Product").objects.filter(
            pk=only_in_b.pk).exists()
    res = beacon(client_for(world.shop_a), [{"kind": "view", "product_id": only_in_b.pk}])
    assert res.status_code == 400
    assert stored(world.shop_a) == 0
    assert stored(world.shop_b) == 0


@override_settings(RECS_BEACON_MAX_EVENTS=50)
def test_an_oversized_batch_is_refused(world, products):
    many = [{"kind": "view", "product_id": products[0].pk}] * 51
    assert beacon(client_for(world.shop_a), many).status_code == 400
    with override_settings(RECS_BEACON_MAX_BYTES=200):
        padded = client_for(world.shop_a).post(
            "/api/recs/events/", data=json.dumps({"visitor_id": VISITOR, "events": [
                {"kind": "view", "product_id": products[0].pk}], "pad": "x" * 300}),
            content_type="application/json")
        assert padded.status_code == 413
        assert padded.json()["error"]["code"] == "body_too_large"
    assert stored(world.shop_a) == 0


def test_a_click_must_match_an_impression_shown_to_that_visitor(world, products):
    client = client_for(world.shop_a)
    shown = client.get("/api/recs/trending/?k=1", HTTP_X_VISITOR_ID=VISITOR).json()
    assert shown["items"], "trending falls back to best sellers"
    card = shown["items"][0]
    click = {"kind": "click", "product_id": card["id"], "widget": "trending", "request_id": shown["request_id"]}
    assert beacon(client, [click], visitor="someone-else-01").status_code == 400
    assert beacon(client, [{**click, "product_id": next(p.pk for p in products if p.pk != card["id"])}]
                  ).status_code == 400
    res = beacon(client, [click])
    assert res.status_code == 202, res.content
    with schema_context(world.shop_a.schema_name):
        assert Event.objects.filter(kind=EventKind.CLICK, product_id=card["id"], widget="trending").count() == 1


@override_settings(RECS_BEACON_RATE="3/min")
def test_the_beacon_is_rate_limited(world, products):
    client = client_for(world.shop_a)
    codes = [beacon(client, [{"kind": "view", "product_id": products[0].pk}]).status_code for _ in range(4)]
    assert codes == [202, 202, 202, 429]
    assert stored(world.shop_a) == 3


def test_anonymous_events_follow_the_visitor_when_they_sign_in(world, products):
    beacon(client_for(world.shop_a), [{"kind": "view", "product_id": products[0].pk}])
    signed_in = client_for(world.shop_a, world.customer_a)
    assert beacon(signed_in, [{"kind": "view", "product_id": products[1].pk}]).status_code == 202
    with schema_context(world.shop_a.schema_name):
        assert set(Event.objects.values_list("user_id", flat=True)) == {world.customer_a.pk}
        assert Visitor.objects.get(pk=VISITOR).user_id == world.customer_a.pk


def test_an_order_becomes_purchase_events_of_the_visitor_that_filled_the_cart(
        world, products, django_capture_on_commit_callbacks):
    from storefront.tests.test_checkout_api import checkout, fill_cart

    client = client_for(world.shop_a)
    with schema_context(world.shop_a.schema_name):
        from storefront.models import ShippingRate

        ShippingRate.objects.get_or_create(name="Standard", defaults={"price": "3.00"})
    token = fill_cart(client, world.shop_a, ("Lamp 0", 2))
    assert beacon(client, [{"kind": "cart", "product_id": products[0].pk}], HTTP_X_CART_TOKEN=token).status_code == 202
    with django_capture_on_commit_callbacks(execute=True):
        assert checkout(client, world.shop_a, token).status_code == 201
    with schema_context(world.shop_a.schema_name):
        purchase = Event.objects.get(kind=EventKind.PURCHASE)
        assert (purchase.visitor_id, purchase.product_id, purchase.quantity, str(purchase.revenue)) == (
            VISITOR, products[0].pk, 2, "20.00")


def test_old_raw_events_are_compacted_into_daily_counts(world, products):
    with schema_context(world.shop_a.schema_name):
        old = timezone.now() - timedelta(days=400)
        Event.objects.bulk_create([Event(kind="view", visitor_id=VISITOR, product_id=products[0].pk, created_at=old)
                                   for _ in range(3)] +
                                  [Event(kind="view", visitor_id=VISITOR, product_id=products[0].pk,
                                         created_at=timezone.now())])
        assert events_compact(older_than=timedelta(days=180)) == 3
        assert Event.objects.count() == 1
        daily = DailyCount.objects.get()
        assert (daily.day, daily.product_id, daily.kind, daily.count) == (old.date(), products[0].pk, "view", 3)
        # compacting again adds nothing twice
        assert events_compact(older_than=timedelta(days=180)) == 0
        assert DailyCount.objects.get().count == 3


def test_a_product_may_be_named_by_slug(world, products):
    client = client_for(world.shop_a)
    assert beacon(client, [{"kind": "cart", "slug": "no-such-lamp"}]).status_code == 400
    assert beacon(client, [{"kind": "cart", "slug": products[2].slug, "product_id": products[2].pk}]).status_code == 400
    assert stored(world.shop_a) == 0
    assert beacon(client, [{"kind": "cart", "slug": products[2].slug}]).status_code == 202
    with schema_context(world.shop_a.schema_name):
        assert Event.objects.get().product_id == products[2].pk


def test_an_empty_batch_signed_in_links_the_visitor_and_anonymous_it_is_refused(world, products):
    assert beacon(client_for(world.shop_a), [{"kind": "view", "product_id": products[0].pk}]).status_code == 202
    assert beacon(client_for(world.shop_a), []).status_code == 400
    res = beacon(client_for(world.shop_a, world.customer_a), [])
    assert res.status_code == 202
    assert res.json() == {"stored": 0}
    with schema_context(world.shop_a.schema_name):
        assert Visitor.objects.get(pk=VISITOR).user_id == world.customer_a.pk
        assert Event.objects.get().user_id == world.customer_a.pk


@override_settings(RECS_RETRAIN_AFTER_EVENTS=3)
def test_enough_new_events_queue_one_retrain(world, products, django_capture_on_commit_callbacks):
    from recs.models import ModelVersion

    client = client_for(world.shop_a)
    with django_capture_on_commit_callbacks() as first:
        beacon(client, [{"kind": "view", "product_id": products[0].pk}] * 2)
    assert first == []
    with django_capture_on_commit_callbacks() as second:
        beacon(client, [{"kind": "view", "product_id": products[1].pk}] * 2)
    assert len(second) == 1
    with django_capture_on_commit_callbacks() as queued:
        second[0]()  # after the beacon's commit: queue the run (its task after the run's own commit)
    assert len(queued) == 1
    with schema_context(world.shop_a.schema_name):
        assert list(ModelVersion.objects.values_list("trigger", "status")) == [("events", "queued")]
    with schema_context(world.shop_b.schema_name):
        assert not ModelVersion.objects.exists()
