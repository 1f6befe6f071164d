"""Shoppers paying a shop through its own Stripe account, against localstripe: the keys, the
three steps, 3-D Secure, declines, the shop's webhook (signed, replayed, reordered), the
reconciliation after a crash between steps, and refunds."""
from __future__ import annotations

import time
import uuid
from datetime import timedelta
from decimal import Decimal

import pytest
import requests
from django.utils import timezone
from django_tenants.utils import schema_context

from billing.models import ShopStripeAccount
from billing.stripe_accounts import stripe_account_save
from billing.tests.conftest import authenticate, card
from billing.webhooks import signed_test_payload
from conftest import client_for
from saas.kernel import events
from storefront import events as shop_events
from storefront.models import Order, Payment
from storefront.payment_attempts import payments_reconcile
from storefront.payments import GatewayUnavailable
from storefront.tests.factories import make_product
from storefront.tests.test_checkout_api import checkout, fill_cart

pytestmark = pytest.mark.django_db
WEBHOOK_SECRET = "whsec_shopyardtest1234"
APPROVED, DECLINES, NEEDS_ACTION = "4242424242424242", "4000000000000341", "4000002500003155"


@pytest.fixture
def stripe_shop(world, localstripe_url):
    with schema_context(world.shop_a.schema_name):
        stripe_account_save(publishable_key="pk_test_shopyard12345", secret_key="sk_test_shopyard12345",
                            webhook_secret=WEBHOOK_SECRET)
        make_product("Lamp", "20.00", 5)
    return world.shop_a


def place(client, shop, number: str, key: str | None = None):
    fill_cart(client, shop, ("Lamp", 1))
    return checkout(client, shop, None, key=key, payment={"payment_method": card(settings_url(), number)})


def settings_url() -> str:
    from django.conf import settings

    return settings.STRIPE_API_BASE


def intent(reference: str) -> dict:
    res = requests.get(f"{settings_url()}/v1/payment_intents/{reference}", auth=("sk_test_shopyard12345", ""),
                       timeout=10)
    return res.json()


def pay(client, order_id: int, number: str, key: str | None = None):
    return client.post(f"/api/orders/{order_id}/pay/", {"payment": {"payment_method": card(settings_url(), number)}},
                       format="json", HTTP_IDEMPOTENCY_KEY=key or str(uuid.uuid4()))


def test_the_keys_are_stored_encrypted_and_only_their_ends_are_shown(world, localstripe_url):
    owner = client_for(world.shop_a, world.owner_a)
    res = owner.put("/api/billing/stripe-account/", {"publishable_key": "pk_test_abcdefgh1234",
                                                     "secret_key": "sk_test_secretvalue9876",
                                                     "webhook_secret": "whsec_signingvalue5555"}, format="json")
    assert res.status_code == 200, res.content
    body = res.json()
    assert body["configured"]
    assert body["secret_key_hint"] == "9876"
    assert body["webhook_secret_hint"] == "5555"
    assert "sk_test_secretvalue9876" not in res.content.decode()
    assert body["webhook_url"].endswith("/api/billing/webhooks/stripe/")
    with schema_context(world.shop_a.schema_name):
        stored = ShopStripeAccount.objects.get()
        assert "secretvalue" not in stored.secret_key_encrypted
        assert "signingvalue" not in stored.webhook_secret_encrypted
    # a new publishable key alone keeps the stored secrets
    kept = owner.put("/api/billing/stripe-account/", {"publishable_key": "pk_test_zzzzzzzz1234"}, format="json")
    assert kept.json()["secret_key_hint"] == "9876"
    assert client_for(world.shop_a).get("/api/billing/payment-config/").json() == {
        "gateway": "stripe", "publishable_key": "pk_test_zzzzzzzz1234"}
    bad = owner.put("/api/billing/stripe-account/", {"publishable_key": "pk_live_abcdefgh1234",
                                                     "secret_key": "sk_test_x"}, format="json")
    assert bad.status_code == 400
    assert set(bad.json()["error"]["fields"]) == {"secret_key"}
    # a customer, anonymous callers and the other shop's owner get nothing
    assert client_for(world.shop_a, world.customer_a).get("/api/billing/stripe-account/").status_code == 403
    assert client_for(world.shop_a).get("/api/billing/stripe-account/").status_code == 401
    assert owner.delete("/api/billing/stripe-account/").status_code == 204
    assert client_for(world.shop_a).get("/api/billing/payment-config/").json()["gateway"] == "offline-test"


def test_a_card_payment_goes_through_stripe_in_minor_units(stripe_shop, world, django_capture_on_commit_callbacks):
    client = client_for(stripe_shop, world.customer_a)
    with events.captured() as box, django_capture_on_commit_callbacks(execute=True):
        res = place(client, stripe_shop, APPROVED)
    assert res.status_code == 201, res.content
    order = res.json()
    assert (order["status"], order["payment_status"]) == ("paid", "paid")
    [attempt] = order["payments"]
    assert attempt["status"] == "succeeded"
    assert attempt["reference"].startswith("pi_")
    pi = intent(attempt["reference"])
    total = Decimal(order["total"])
    assert pi["amount"] == int(total * 100)
    assert pi["currency"] == "gbp"
    assert pi["status"] == "succeeded"
    assert pi["metadata"]["order_id"] == str(order["id"])
    assert [type(e) for e in box if isinstance(e, shop_events.OrderPaid)] == [shop_events.OrderPaid]


def test_a_declined_card_says_why_and_the_order_stays_payable(stripe_shop, world):
    client = client_for(stripe_shop, world.customer_a)
    res = place(client, stripe_shop, DECLINES)
    assert res.status_code == 402
    assert res.json()["error"]["code"] == "card_declined"
    assert "declined" in res.json()["error"]["message"]
    order_id = res.json()["order"]["id"]
    paid = pay(client, order_id, APPROVED)
    assert paid.status_code == 200
    assert paid.json()["payment_status"] == "paid"
    assert [p["status"] for p in paid.json()["payments"]] == ["failed", "succeeded"]


def test_a_card_that_needs_authentication_is_paid_after_the_3d_secure_step(stripe_shop, world, localstripe_url):
    client = client_for(stripe_shop, world.customer_a)
    key = str(uuid.uuid4())
    body = {"payment_method": card(localstripe_url, NEEDS_ACTION)}
    fill_cart(client, stripe_shop, ("Lamp", 1))
    first = checkout(client, stripe_shop, None, key=key, payment=body)
    assert first.status_code == 202, first.content
    pending = first.json()
    assert pending["payment"]["status"] == "requires_action"
    assert pending["payment_status"] == "pending"
    reference = pending["payments"][0]["reference"]
    # the browser's word is not enough: sending the request again before authenticating changes nothing
    assert checkout(client, stripe_shop, None, key=key, payment=body).status_code == 202
    authenticate(localstripe_url, reference, pending["payment"]["client_secret"])
    done = checkout(client, stripe_shop, None, key=key, payment=body)  # read again from Stripe
    assert done.status_code == 201
    assert done.json()["payment_status"] == "paid"


def test_failed_authentication_leaves_the_order_payable(stripe_shop, world, localstripe_url):
    client = client_for(stripe_shop, world.customer_a)
    res = place(client, stripe_shop, NEEDS_ACTION)
    pending = res.json()
    authenticate(localstripe_url, pending["payments"][0]["reference"], pending["payment"]["client_secret"],
                 success=False)
    again = pay(client, pending["id"], APPROVED)
    assert again.status_code == 200
    assert again.json()["payment_status"] == "paid"
    assert [p["status"] for p in again.json()["payments"]] == ["failed", "succeeded"]


def webhook(shop, event: dict, secret: str = WEBHOOK_SECRET):
    payload, header = signed_test_payload(event, secret=secret)
    return client_for(shop).generic("POST", "/api/billing/webhooks/stripe/", payload.decode(),
                                    content_type="application/json", HTTP_STRIPE_SIGNATURE=header)


def pi_event(event_id: str, pi: dict, type_: str, created: int) -> dict:
    return {"id": event_id, "object": "event", "type": type_, "created": created, "livemode": False,
            "data": {"object": pi}}


def test_the_webhook_marks_paid_once_and_ignores_replays_and_older_events(stripe_shop, world, localstripe_url,
                                                                         django_capture_on_commit_callbacks):
    client = client_for(stripe_shop, world.customer_a)
    pending = place(client, stripe_shop, NEEDS_ACTION).json()
    reference = pending["payments"][0]["reference"]
    requires_action = intent(reference)
    authenticate(localstripe_url, reference, pending["payment"]["client_secret"])
    succeeded = intent(reference)
    now = int(time.time())
    assert webhook(stripe_shop, pi_event("evt_s", succeeded, "payment_intent.succeeded", now),
                   secret="whsec_wrongsecret0000").status_code == 400
    with events.captured() as box, django_capture_on_commit_callbacks(execute=True):
        first = webhook(stripe_shop, pi_event("evt_s", succeeded, "payment_intent.succeeded", now))
        replay = webhook(stripe_shop, pi_event("evt_s", succeeded, "payment_intent.succeeded", now))
        older = webhook(stripe_shop, pi_event("evt_a", requires_action, "payment_intent.requires_action", now - 5))
    assert first.json()["applied"]
    assert not replay.json()["applied"]
    assert older.status_code == 200
    assert sum(isinstance(e, shop_events.OrderPaid) for e in box) == 1
    with schema_context(stripe_shop.schema_name):
        assert Order.objects.get(pk=pending["id"]).payment_status == "paid"
        assert Payment.objects.get(reference=reference).status == "succeeded"


def test_a_crash_after_stripe_charged_is_recovered_by_the_reconciliation(stripe_shop, world, monkeypatch):
    from billing.stripe_gateway import StripeGateway

    real_create = StripeGateway.create

    def charged_then_lost(self, **kwargs):
        real_create(self, **kwargs)  # Stripe took the money; the answer never came back
        raise GatewayUnavailable("connection reset")

    monkeypatch.setattr(StripeGateway, "create", charged_then_lost)
    client = client_for(stripe_shop, world.customer_a)
    res = place(client, stripe_shop, APPROVED)
    assert res.status_code == 202
    assert res.json()["payment"]["status"] == "creating"
    monkeypatch.undo()
    with schema_context(stripe_shop.schema_name):
        attempt = Payment.objects.get(order_id=res.json()["id"])
        assert (attempt.status, attempt.reference) == ("creating", "")
        assert payments_reconcile(now=timezone.now()) == 0  # too recent: the request may still be running
        assert payments_reconcile(now=timezone.now() + timedelta(minutes=5)) == 1
        attempt.refresh_from_db()
        assert attempt.status == "succeeded"
        assert attempt.reference.startswith("pi_")
        assert Order.objects.get(pk=attempt.order_id).payment_status == "paid"


def test_a_crash_before_stripe_was_asked_fails_the_attempt_and_the_order_stays_payable(stripe_shop, world,
                                                                                     monkeypatch):
    from billing.stripe_gateway import StripeGateway

    def never_sent(self, **kwargs):
        raise GatewayUnavailable("no route to host")

    monkeypatch.setattr(StripeGateway, "create", never_sent)
    client = client_for(stripe_shop, world.customer_a)
    order_id = place(client, stripe_shop, APPROVED).json()["id"]
    monkeypatch.undo()
    refused = pay(client, order_id, APPROVED)
    assert refused.status_code == 409
    assert refused.json()["error"]["code"] == "payment_in_progress"
    with schema_context(stripe_shop.schema_name):
        assert payments_reconcile(now=timezone.now() + timedelta(minutes=5)) == 1
        assert Payment.objects.get(order_id=order_id).status == "failed"
    paid = pay(client, order_id, APPROVED)
    assert paid.status_code == 200
    assert paid.json()["payment_status"] == "paid"


def test_an_abandoned_authentication_is_cancelled_before_another_card_is_charged(stripe_shop, world):
    client = client_for(stripe_shop, world.customer_a)
    pending = place(client, stripe_shop, NEEDS_ACTION).json()
    paid = pay(client, pending["id"], APPROVED)
    assert paid.status_code == 200
    first, second = paid.json()["payments"]
    assert first["status"] == "cancelled"
    assert intent(first["reference"])["status"] == "canceled"
    assert second["status"] == "succeeded"


def test_a_second_success_on_a_paid_order_is_refunded_at_once(stripe_shop, world, localstripe_url,
                                                              django_capture_on_commit_callbacks):
    client = client_for(stripe_shop, world.customer_a)
    pending = place(client, stripe_shop, NEEDS_ACTION).json()
    reference = pending["payments"][0]["reference"]
    with schema_context(stripe_shop.schema_name):
        # another attempt paid the order meanwhile (e.g. in another tab)
        Order.objects.filter(pk=pending["id"]).update(status="paid", payment_status="paid")
    authenticate(localstripe_url, reference, pending["payment"]["client_secret"])
    with django_capture_on_commit_callbacks(execute=True):
        webhook(stripe_shop, pi_event("evt_dup", intent(reference), "payment_intent.succeeded", int(time.time())))
    with schema_context(stripe_shop.schema_name):
        refund = Payment.objects.get(order_id=pending["id"], kind="refund")
        assert refund.status == "succeeded"
        assert refund.reference.startswith("re_")
        assert Order.objects.get(pk=pending["id"]).payment_status == "paid"


def staff_refund(world, order_id: int, amount: str | None, key: str | None = None):
    body = {"reason": "Damaged"} | ({"amount": amount} if amount is not None else {})
    return client_for(world.shop_a, world.owner_a).post(f"/api/dashboard/orders/{order_id}/refund/", body,
                                                         format="json", HTTP_IDEMPOTENCY_KEY=key or str(uuid.uuid4()))


def test_several_partial_refunds_up_to_what_was_paid(stripe_shop, world, django_capture_on_commit_callbacks):
    client = client_for(stripe_shop, world.customer_a)
    order = place(client, stripe_shop, APPROVED).json()
    total = Decimal(order["total"])
    key = str(uuid.uuid4())
    with events.captured() as box, django_capture_on_commit_callbacks(execute=True):
        first = staff_refund(world, order["id"], "5.00", key)
        again = staff_refund(world, order["id"], "5.00", key)  # the same request retried: one refund
        assert first.status_code == again.status_code == 200, first.content
        assert first.json()["payment_status"] == "partly_refunded"
        assert first.json()["status"] == "paid"
        too_much = staff_refund(world, order["id"], str(total))
        assert too_much.status_code == 400
        assert too_much.json()["error"]["fields"]["amount"]
        rest = staff_refund(world, order["id"], None)
    assert rest.status_code == 200
    assert (rest.json()["status"], rest.json()["payment_status"]) == ("refunded", "refunded")
    refunds = [p for p in rest.json()["payments"] if p["kind"] == "refund"]
    assert [Decimal(p["amount"]) for p in refunds] == [Decimal("5.00"), total - 5]
    assert all(p["reference"].startswith("re_") for p in refunds)
    assert [e.amount for e in box if isinstance(e, shop_events.OrderRefunded)] == [Decimal("5.00"), total - 5]
    assert any(refunds[0]["reference"] in entry["note"] for entry in rest.json()["timeline"])
    res = requests.get(f"{settings_url()}/v1/refunds", params={"payment_intent": order["payments"][0]["reference"]},
                       auth=("sk_test_shopyard12345", ""), timeout=10).json()
    assert sorted(r["amount"] for r in res["data"]) == sorted([500, int((total - 5) * 100)])
    assert staff_refund(world, order["id"], "1.00").status_code == 400


def test_staff_without_orders_access_cannot_refund_and_shoppers_cannot_either(stripe_shop, world):
    client = client_for(stripe_shop, world.customer_a)
    order = place(client, stripe_shop, APPROVED).json()
    res = client.post(f"/api/dashboard/orders/{order['id']}/refund/", {}, format="json")
    assert res.status_code == 403


def test_the_offline_gateway_takes_the_same_path(world):
    from storefront.tests.test_checkout_api import APPROVED as TEST_CARD

    with schema_context(world.shop_a.schema_name):
        make_product("Lamp", "20.00", 5)
    client = client_for(world.shop_a, world.customer_a)
    fill_cart(client, world.shop_a, ("Lamp", 1))
    order = checkout(client, world.shop_a, None, payment=TEST_CARD).json()
    assert order["payments"][0]["gateway"] == "offline-test"
    assert order["payments"][0]["status"] == "succeeded"
    assert staff_refund(world, order["id"], "3.00").json()["payment_status"] == "partly_refunded"


def test_the_reconciliation_task_runs_in_each_shop(stripe_shop, world, monkeypatch):
    from billing.stripe_gateway import StripeGateway
    from storefront import tasks

    monkeypatch.setattr(StripeGateway, "create", lambda self, **kwargs: (_ for _ in ()).throw(GatewayUnavailable("x")))
    order_id = place(client_for(stripe_shop, world.customer_a), stripe_shop, APPROVED).json()["id"]
    monkeypatch.undo()
    with schema_context(stripe_shop.schema_name):
        Payment.objects.filter(order_id=order_id).update(updated_at=timezone.now() - timedelta(minutes=10))
        assert tasks.reconcile_payments.apply().get() == 1
        assert Payment.objects.get(order_id=order_id).status == "failed"
