"""The inbox: what becomes a notification, numbering per recipient, the shopper's API, and
e-mail preferences the order e-mails honour."""
from __future__ import annotations

import pytest
from django_tenants.utils import schema_context

from conftest import client_for
from realtime.notifications.models import FeedItem, Kind, Notification
from realtime.notifications.services import Draft, notification_create
from storefront import tasks
from storefront.emails import order_message
from storefront.models import Order, OrderEmailKind
from storefront.orders import order_fulfil
from storefront.tests.factories import make_product
from storefront.tests.test_checkout_api import checkout, fill_cart

pytestmark = pytest.mark.django_db


@pytest.fixture
def queued(monkeypatch):
    calls = []
    monkeypatch.setattr(tasks.send_order_email, "apply_async", lambda args, **options: calls.append(tuple(args)))
    return calls


@pytest.fixture
def shop(world):
    with schema_context(world.shop_a.schema_name):
        make_product("Mug", "12.00", 5)
    return world.shop_a


def place_order(shop, user, capture) -> Order:
    client = client_for(shop, user)
    with capture(execute=True):
        res = checkout(client, shop, fill_cart(client, shop, ("Mug", 1)))
    assert res.status_code == 201, res.content
    with schema_context(shop.schema_name):
        body = res.json()
        return Order.objects.get(pk=body.get("order", body)["id"])


def test_an_order_and_its_status_changes_land_in_the_shoppers_inbox_with_the_emails_words(
        world, shop, queued, django_capture_on_commit_callbacks):
    order = place_order(shop, world.customer_a, django_capture_on_commit_callbacks)
    with schema_context(shop.schema_name), django_capture_on_commit_callbacks(execute=True):
        order_fulfil(order=order, status="shipped", tracking_number="TRK9")
    with schema_context(shop.schema_name):
        rows = list(Notification.objects.filter(recipient=world.customer_a).order_by("seq"))
        assert [(n.seq, n.kind) for n in rows] == [(1, Kind.ORDER_PLACED), (2, Kind.ORDER_PAID),
                                                   (3, Kind.ORDER_SHIPPED)]
        order.refresh_from_db()
        subject, _, paragraphs = order_message(order=order, kind=OrderEmailKind.SHIPPED)
    assert rows[2].title == subject == f"Order #{order.number} has shipped"
    assert rows[2].body == "\n".join(paragraphs)
    assert "TRK9" in rows[2].body
    assert rows[2].link == f"/account/orders/{order.pk}"
    # nothing of it in the other shop, where the same user id is another person
    with schema_context(world.shop_b.schema_name):
        assert not Notification.objects.exists()


def test_the_merchants_feed_writes_the_order_number_as_every_other_place_does(
        world, shop, queued, django_capture_on_commit_callbacks):
    order = place_order(shop, world.customer_a, django_capture_on_commit_callbacks)
    with schema_context(shop.schema_name):
        titles = {item.kind: item.title for item in FeedItem.objects.filter(data__order_id=order.pk)}
    assert titles == {"order.placed": f"New order #{order.number}: {order.total:.2f} GBP",
                      "order.paid": f"Order #{order.number} paid: {order.total:.2f} GBP"}


def test_sequence_numbers_are_per_recipient_and_gap_free(world):
    with schema_context(world.shop_a.schema_name):
        for _ in range(3):
            notification_create(user_id=world.customer_a.pk, draft=Draft(kind=Kind.PROMOTION, title="x"))
        notification_create(user_id=world.owner_a.pk, draft=Draft(kind=Kind.PROMOTION, title="y"))
        seqs = dict(Notification.objects.values_list("recipient_id", "seq").order_by("recipient_id", "-seq")
                    .distinct("recipient_id"))
    assert seqs == {world.customer_a.pk: 3, world.owner_a.pk: 1}


def test_the_inbox_api_lists_counts_and_marks_read_only_ones_own(world):
    with schema_context(world.shop_a.schema_name):
        mine = [notification_create(user_id=world.customer_a.pk, draft=Draft(kind=Kind.PROMOTION, title=f"n{i}"))
                for i in range(3)]
        theirs = notification_create(user_id=world.owner_a.pk, draft=Draft(kind=Kind.PROMOTION, title="owner's"))
    client = client_for(world.shop_a, world.customer_a)
    res = client.get("/api/notifications/")
    assert res.status_code == 200
    assert [n["title"] for n in res.json()["results"]] == ["n2", "n1", "n0"]
    assert client.get("/api/notifications/state/").json() == {"unread": 3, "last_seq": 3}

    res = client.post("/api/notifications/read/", {"ids": [mine[0].pk, theirs.pk]}, format="json")
    assert res.json() == {"unread": 2, "last_seq": 3}
    with schema_context(world.shop_a.schema_name):
        theirs.refresh_from_db()
        assert theirs.read_at is None
        # listed = reached
        assert Notification.objects.filter(recipient=world.customer_a, delivered_at__isnull=True).count() == 0
    assert client.post("/api/notifications/read/", {"all": True}, format="json").json()["unread"] == 0
    assert client.get("/api/notifications/?unread=1").json()["results"] == []
    bad = client.post("/api/notifications/read/", {}, format="json")
    assert bad.status_code == 400
    assert bad.json()["error"]["fields"]["ids"]


def test_email_preferences_decide_which_order_emails_go(world, shop, queued, django_capture_on_commit_callbacks):
    client = client_for(shop, world.customer_a)
    prefs = {p["kind"]: p["email"] for p in client.get("/api/account/email-preferences/").json()}
    assert prefs["order_shipped"] is True
    assert prefs["promotion"] is False
    res = client.put("/api/account/email-preferences/", {"choices": {"order_placed": False, "order_paid": False}},
                     format="json")
    assert res.status_code == 200
    assert {p["kind"]: p["email"] for p in res.json()}["order_placed"] is False

    order = place_order(shop, world.customer_a, django_capture_on_commit_callbacks)
    assert queued == []  # confirmation and payment e-mails turned off; the inbox still has both
    with schema_context(shop.schema_name):
        assert Notification.objects.filter(recipient=world.customer_a).count() == 2
        with django_capture_on_commit_callbacks(execute=True):
            order_fulfil(order=order, status="shipped", tracking_number="T1")
    assert queued == [(order.pk, "shipped")]


def test_email_preferences_refuse_unknown_kinds_and_non_booleans(world):
    client = client_for(world.shop_a, world.customer_a)
    res = client.put("/api/account/email-preferences/", {"choices": {"nope": True, "promotion": "yes"}}, format="json")
    assert res.status_code == 400
    assert set(res.json()["error"]["fields"]) == {"choices.nope", "choices.promotion"}
    assert client.put("/api/account/email-preferences/", {"choices": []}, format="json").status_code == 400
