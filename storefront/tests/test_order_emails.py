"""Order e-mails: which events queue which e-mail, and what each one says."""
from __future__ import annotations

import uuid
from urllib.parse import parse_qs, urlsplit

import pytest
from django_tenants.utils import schema_context

from conftest import client_for
from storefront import tasks
from storefront.emails import order_email_send
from storefront.models import Order, OrderEmail, ShopSettings
from storefront.orders import order_cancel, order_fulfil, order_refund
from storefront.tests.factories import make_product
from storefront.tests.test_checkout_api import APPROVED, DECLINED, checkout, fill_cart

pytestmark = pytest.mark.django_db


@pytest.fixture
def queued(monkeypatch):
    calls = []
    monkeypatch.setattr(tasks.send_order_email, "apply_async", lambda args, **options: calls.append(tuple(args)))
    return calls


@pytest.fixture
def shop(world):
    with schema_context(world.shop_a.schema_name):
        make_product("<b>Mug</b>", "12.00", 5)
    return world.shop_a


def guest_checkout(shop, payment=APPROVED):
    client = client_for(shop)
    res = checkout(client, shop, fill_cart(client, shop, ("<b>Mug</b>", 2)), payment=payment)
    body = res.json()
    return body.get("order", body), body["order_token"]


def order_of(shop, data) -> Order:
    return Order.objects.get(pk=data["id"])


def test_checkout_and_status_changes_queue_their_emails_after_commit(shop, queued,
                                                                     django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        paid, _ = guest_checkout(shop)
    with django_capture_on_commit_callbacks(execute=True):
        declined, _ = guest_checkout(shop, DECLINED)
    assert queued == [(paid["id"], "confirmation"), (paid["id"], "payment"), (declined["id"], "confirmation")]
    queued.clear()
    with schema_context(shop.schema_name):
        with django_capture_on_commit_callbacks(execute=True):
            order_fulfil(order=order_of(shop, paid), status="shipped", tracking_number="TRK123")
        with django_capture_on_commit_callbacks(execute=True):
            order_cancel(order=order_of(shop, declined), reason="Not paid in time")
    assert queued == [(paid["id"], "shipped"), (declined["id"], "cancelled")]


def test_a_paid_guest_order_gets_one_confirmation_with_its_link(shop, mailoutbox):
    data, token = guest_checkout(shop)
    with schema_context(shop.schema_name):
        order = order_of(shop, data)
        assert order_email_send(order=order, kind="confirmation") is True
        assert order_email_send(order=order, kind="confirmation") is False  # a task delivered twice
        assert order_email_send(order=order, kind="payment") is False  # the confirmation said it was paid
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.subject == f"Order #{data['number']} confirmed · Alpha"
    assert mail.from_email == "Alpha <no-reply@localhost>"
    assert mail.to == ["ada@buyer.test"]
    assert mail.reply_to == []
    assert f"We have received your order #{data['number']} and your payment of {data['total']} GBP" in mail.body
    assert f"\nOrder #{data['number']}\n" in mail.body
    assert "2 x <b>Mug</b>" in mail.body
    link = next(word for word in mail.body.split() if "/orders/" in word)
    parts = urlsplit(link)
    assert parts.netloc.startswith("alpha.")
    assert parts.path == f"/orders/{data['id']}"
    link_token = parse_qs(parts.query)["token"][0]  # minted when the e-mail is built: its own timestamp
    html = mail.alternatives[0][0]
    assert mail.alternatives[0][1] == "text/html"
    assert "&lt;b&gt;Mug&lt;/b&gt;" in html
    assert f">Order #{data['number']}</caption>" in html
    assert "<b>Mug</b>" not in html
    assert link.replace("&", "&amp;") in html
    # the token in the link opens the order in a fresh browser, as the checkout's own does
    for each in (link_token, token):
        assert client_for(shop).get(f"/api/orders/{data['id']}/", HTTP_X_ORDER_TOKEN=each).status_code == 200


def test_an_unpaid_confirmation_asks_for_payment_then_payment_is_its_own_email(shop, mailoutbox):
    data, token = guest_checkout(shop, DECLINED)
    with schema_context(shop.schema_name):
        order_email_send(order=order_of(shop, data), kind="confirmation")
    assert "payment needed" in mailoutbox[0].subject
    assert "not paid yet" in mailoutbox[0].body
    client_for(shop).post(f"/api/orders/{data['id']}/pay/", {"payment": APPROVED}, format="json",
                          HTTP_IDEMPOTENCY_KEY=str(uuid.uuid4()), HTTP_X_ORDER_TOKEN=token)
    with schema_context(shop.schema_name):
        assert order_email_send(order=order_of(shop, data), kind="payment") is True
    assert mailoutbox[1].subject == f"Payment received for order #{data['number']} · Alpha"


def test_shipped_cancelled_and_refunded_emails(shop, world, mailoutbox):
    with schema_context(shop.schema_name):
        ShopSettings.objects.update_or_create(pk=1, defaults={"contact_email": "help@alpha.test"})
    client = client_for(shop, world.customer_a)
    fill_cart(client, shop, ("<b>Mug</b>", 1))
    shipped = checkout(client, shop, None).json()
    fill_cart(client, shop, ("<b>Mug</b>", 1))
    cancelled = checkout(client, shop, None).json()
    with schema_context(shop.schema_name):
        order_fulfil(order=order_of(shop, shipped), status="shipped", tracking_number="TRK-42")
        order_email_send(order=order_of(shop, shipped), kind="shipped")
        order_cancel(order=order_of(shop, cancelled), reason="Out of stock")
        order_email_send(order=order_of(shop, cancelled), kind="cancelled")
        order_refund(order=order_of(shop, shipped), reason="Broken")
        order_email_send(order=order_of(shop, shipped), kind="refunded")
        assert OrderEmail.objects.filter(order_id=shipped["id"]).count() == 2
    ship, cancel, refund = mailoutbox
    assert ship.subject.startswith(f"Order #{shipped['number']} has shipped")
    assert "Tracking number: TRK-42" in ship.body
    assert "TRK-42" in ship.alternatives[0][0]
    assert ship.reply_to == ["help@alpha.test"]
    assert "token=" not in ship.body  # a signed-in customer signs in to see it
    assert f"/orders/{shipped['id']}" in ship.body
    assert cancel.subject.startswith(f"Order #{cancelled['number']} cancelled")
    assert "is refunded to the card" in cancel.body
    assert refund.subject.startswith(f"Refund for order #{shipped['number']}")
    assert f"refunded {shipped['total']} GBP" in refund.body


def test_the_confirmation_waits_for_the_first_charge_to_be_answered(shop, world, mailoutbox):
    from celery.exceptions import Retry

    from storefront.checkout import _place
    from storefront.payment_attempts import order_pay
    from storefront.shipping import rate_for
    from storefront.tests.test_checkout_api import ADDRESS, rate

    client = client_for(shop, world.customer_a)
    fill_cart(client, shop, ("<b>Mug</b>", 1))
    with schema_context(shop.schema_name):
        order = _place(user=world.customer_a, cart_token=None, email="ada@buyer.test", shipping_address=ADDRESS,
                       rate=rate_for(rate_id=rate(shop)), discount_code="", idempotency_key="k1", currency="GBP")
        with pytest.raises(Retry):
            tasks.send_order_email(order.pk, "confirmation")
        assert mailoutbox == []
        order_pay(order=order, payment=APPROVED, idempotency_key="k1")
        assert tasks.send_order_email(order.pk, "confirmation")["sent"] is True
        assert tasks.send_order_email(order.pk, "payment")["sent"] is False
    assert [m.subject for m in mailoutbox] == [f"Order #{order.number} confirmed · Alpha"]
