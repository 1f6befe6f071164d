"""Dunning, driven as Stripe drives it: signed webhook payloads to the platform's endpoint
(replayed and reordered), and the periodic task that closes overdue shops."""
from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from billing.dunning import close_overdue, renewal_failed
from billing.models import PlanSubscription, StripeEvent
from billing.webhooks import signed_test_payload
from conftest import client_for
from tenants.models import Plan, Shop, ShopStatus
from tenants.services import shop_suspend

pytestmark = pytest.mark.django_db
SECRET = "whsec_platform_test"
T0 = 1_800_000_000


@pytest.fixture(autouse=True)
def _platform_webhook(settings):
    settings.STRIPE_PLATFORM_WEBHOOK_SECRET = SECRET
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def subscribed(world) -> PlanSubscription:
    return PlanSubscription.objects.create(shop_id=world.shop_a.pk, stripe_customer_id="cus_alpha",
                                           stripe_subscription_id="sub_alpha", status="active",
                                           card_brand="visa", card_last4="4242")


def invoice_event(event_id: str, kind: str, invoice: str = "in_1", created: int = T0, **extra) -> dict:
    obj = {"id": invoice, "object": "invoice", "customer": "cus_alpha", "subscription": "sub_alpha",
           "billing_reason": "subscription_cycle", "created": created,
           "status": "open" if kind == "invoice.payment_failed" else "paid", **extra}
    return {"id": event_id, "object": "event", "type": kind, "created": created, "livemode": False,
            "data": {"object": obj}}


def post(event: dict, secret: str = SECRET, **kw):
    payload, header = signed_test_payload(event, secret=secret, **kw)
    return client_for(None).post("/api/billing/webhooks/stripe/", data=payload, content_type="application/json",
                                 HTTP_STRIPE_SIGNATURE=header)


def shop_status(world) -> str:
    return Shop.objects.get(pk=world.shop_a.pk).status


def billing(world) -> dict:
    res = client_for(world.shop_a, world.owner_a).get("/api/billing/plan/")
    assert res.status_code == 200, res.content
    return res.json()


def test_a_failed_renewal_opens_a_grace_period_warns_the_owner_once_and_keeps_the_shop_open(
        world, subscribed, django_capture_on_commit_callbacks):
    event = invoice_event("evt_fail", "invoice.payment_failed")
    with django_capture_on_commit_callbacks(execute=True):
        assert post(event).json() == {"received": True, "applied": True}
        assert post(event).json() == {"received": True, "applied": False}  # Stripe sends it again
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["merchant-a@platform.test"]
    assert "/dashboard/billing" in mail.outbox[0].body
    state = billing(world)["dunning"]
    assert state["state"] == "grace"
    assert "failed" in state["message"]
    grace = dt.datetime.fromisoformat(state["grace_until"])
    assert dt.timedelta(days=6, hours=23) < grace - timezone.now() <= dt.timedelta(days=7)
    assert client_for(world.shop_a).get("/api/catalog/products/").status_code == 200
    assert close_overdue() == []  # not yet


def test_unpaid_after_the_grace_period_the_storefront_closes_but_the_owner_can_still_pay(world, subscribed):
    assert post(invoice_event("evt_fail", "invoice.payment_failed")).status_code == 200
    assert close_overdue(now=timezone.now() + dt.timedelta(days=8)) == [world.shop_a.pk]
    assert shop_status(world) == ShopStatus.UNPAID
    shopper = client_for(world.shop_a).get("/api/catalog/products/")
    assert shopper.status_code == 403
    assert shopper.json()["error"]["code"] == "shop_unpaid"
    assert "unpaid" in shopper.json()["error"]["message"]
    page = client_for(world.shop_a).get("/", HTTP_ACCEPT="text/html")
    assert page.status_code == 403
    assert client_for(world.shop_a).get("/dashboard/billing", HTTP_ACCEPT="text/html").status_code == 200
    owner = client_for(world.shop_a, world.owner_a)
    assert owner.get("/api/auth/me/").status_code == 200
    assert owner.get("/api/dashboard/products/").status_code == 403  # only billing stays open
    assert billing(world)["dunning"]["state"] == "closed"

    assert post(invoice_event("evt_paid", "invoice.payment_succeeded", created=T0 + 60)).json()["applied"]
    assert shop_status(world) == ShopStatus.ACTIVE
    assert client_for(world.shop_a).get("/api/catalog/products/").status_code == 200
    assert billing(world)["dunning"] == {"state": "ok", "grace_until": None, "message": ""}


def test_events_out_of_order_follow_the_newest_about_each_invoice(world, subscribed):
    # the payment that came later arrives first; the older failure must not open a grace period
    assert post(invoice_event("evt_paid", "invoice.paid", created=T0 + 60)).json()["applied"]
    assert post(invoice_event("evt_fail", "invoice.payment_failed", created=T0)).json()["applied"]
    assert billing(world)["dunning"]["state"] == "ok"
    # a newer renewal fails; a late payment of an older invoice does not clear it
    assert post(invoice_event("evt_fail2", "invoice.payment_failed", invoice="in_2", created=T0 + 3600)).json()
    assert post(invoice_event("evt_old_paid", "invoice.paid", invoice="in_0", created=T0 - 3600)).json()
    assert billing(world)["dunning"]["state"] == "grace"
    assert PlanSubscription.objects.get(shop_id=world.shop_a.pk).unpaid_invoice_id == "in_2"


def test_a_failed_first_payment_or_one_of_an_old_subscription_opens_no_grace_period(world, subscribed):
    assert post(invoice_event("evt_first", "invoice.payment_failed", billing_reason="subscription_create")).json()
    assert post(invoice_event("evt_old", "invoice.payment_failed", invoice="in_old", subscription="sub_gone")).json()
    assert billing(world)["dunning"]["state"] == "ok"


def test_paying_never_lifts_an_admins_suspension(world, subscribed):
    assert post(invoice_event("evt_fail", "invoice.payment_failed")).status_code == 200
    shop_suspend(shop=Shop.objects.get(pk=world.shop_a.pk), reason="Fraud review")
    assert close_overdue(now=timezone.now() + dt.timedelta(days=8)) == []  # stays the admin's suspension
    assert post(invoice_event("evt_paid", "invoice.paid", created=T0 + 60)).status_code == 200
    shop = Shop.objects.get(pk=world.shop_a.pk)
    assert (shop.status, shop.suspended_reason) == (ShopStatus.SUSPENDED, "Fraud review")
    assert client_for(world.shop_a).get("/api/catalog/products/").json()["error"]["code"] == "shop_suspended"


def test_a_bad_signature_a_stale_one_and_a_changed_body_are_refused(world, subscribed):
    event = invoice_event("evt_fail", "invoice.payment_failed")
    assert post(event, secret="whsec_someone_else").status_code == 400
    assert post(event, timestamp=int(timezone.now().timestamp()) - 301).status_code == 400
    payload, header = signed_test_payload(event, secret=SECRET)
    changed = payload.replace(b"in_1", b"in_9")
    res = client_for(None).post("/api/billing/webhooks/stripe/", data=changed, content_type="application/json",
                                HTTP_STRIPE_SIGNATURE=header)
    assert res.status_code == 400
    assert not StripeEvent.objects.exists()
    assert billing(world)["dunning"]["state"] == "ok"
    # the platform's endpoint is on the root domain only
    assert client_for(world.shop_a).post("/api/billing/webhooks/stripe/", data=payload,
                                         content_type="application/json",
                                         HTTP_STRIPE_SIGNATURE=header).status_code in (400, 404)


def test_a_cancelled_subscription_puts_the_shop_on_the_free_plan_and_stale_updates_are_ignored(world, subscribed):
    growth = Plan.objects.get(code="growth")
    Plan.objects.filter(pk=growth.pk).update(stripe_plan_id="shopyard-growth")

    def sub_event(event_id, kind, status, created, plan="shopyard-growth"):
        return {"id": event_id, "type": kind, "created": created, "data": {"object": {
            "id": "sub_alpha", "object": "subscription", "customer": "cus_alpha", "status": status,
            "current_period_end": created + 30 * 86400, "items": {"data": [{"plan": {"id": plan}}]}}}}

    assert post(sub_event("evt_del", "customer.subscription.deleted", "canceled", T0 + 100)).status_code == 200
    assert Shop.objects.get(pk=world.shop_a.pk).plan.code == "free"
    # an older "active" update arriving late changes nothing
    assert post(sub_event("evt_upd", "customer.subscription.updated", "active", T0 + 50)).json()["applied"]
    assert Shop.objects.get(pk=world.shop_a.pk).plan.code == "free"
    assert PlanSubscription.objects.get(shop_id=world.shop_a.pk).status == "canceled"


def test_a_platform_admin_comps_a_plan_which_ends_dunning_and_reopens_the_shop(world, subscribed):
    assert post(invoice_event("evt_fail", "invoice.payment_failed")).status_code == 200
    close_overdue(now=timezone.now() + dt.timedelta(days=8))
    assert shop_status(world) == ShopStatus.UNPAID
    merchant = client_for(None, world.merchant_a)
    assert merchant.post(f"/api/platform/admin/shops/{world.shop_a.pk}/comp/", {"plan": "pro"},
                         format="json").status_code == 403
    PlanSubscription.objects.filter(shop_id=world.shop_a.pk).update(stripe_subscription_id="")  # nothing on Stripe
    admin = client_for(None, world.admin)
    res = admin.post(f"/api/platform/admin/shops/{world.shop_a.pk}/comp/", {"plan": "growth"}, format="json")
    assert res.status_code == 200, res.content
    assert res.json()["comped"] is True
    shop = Shop.objects.get(pk=world.shop_a.pk)
    assert (shop.status, shop.plan.code) == (ShopStatus.ACTIVE, "growth")
    # a comped shop is not dunned, and its owner cannot change the plan it was given
    assert post(invoice_event("evt_fail2", "invoice.payment_failed", invoice="in_2", created=T0 + 99)).status_code
    assert billing(world)["dunning"]["state"] == "ok"
    res = client_for(world.shop_a, world.owner_a).post("/api/billing/plan/", {"plan": "free"}, format="json")
    assert res.status_code == 409
    assert res.json()["error"]["code"] == "plan_comped"
    assert admin.delete(f"/api/platform/admin/shops/{world.shop_a.pk}/comp/").json()["comped"] is False
    assert Shop.objects.get(pk=world.shop_a.pk).plan.code == "free"


def test_moving_to_the_free_plan_ends_the_grace_period_and_reopens_a_closed_shop(world, subscribed, settings):
    settings.STRIPE_PLATFORM_SECRET_KEY = ""  # the subscription is already gone on Stripe's side
    PlanSubscription.objects.filter(shop_id=world.shop_a.pk).update(stripe_subscription_id="", status="none")
    renewal_failed(shop_id=world.shop_a.pk, invoice_id="in_1", invoice_created=T0)
    close_overdue(now=timezone.now() + dt.timedelta(days=8))
    assert shop_status(world) == ShopStatus.UNPAID
    res = client_for(world.shop_a, world.owner_a).post("/api/billing/plan/", {"plan": "free"}, format="json")
    assert res.status_code == 200, res.content
    assert res.json()["dunning"]["state"] == "ok"
    assert shop_status(world) == ShopStatus.ACTIVE
