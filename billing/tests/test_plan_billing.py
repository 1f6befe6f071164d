"""The owner's billing page against localstripe: usage against every limit, a card through a
SetupIntent, upgrades and downgrades on Stripe, invoices."""
from __future__ import annotations

import datetime as dt
import json
import urllib.request

import pytest
import stripe
from django.conf import settings
from django.utils import timezone
from django_tenants.utils import schema_context

from billing.dunning import close_overdue, renewal_failed
from billing.models import PlanSubscription
from conftest import PASSWORD, client_for
from saas.accounts.models import Role, User
from saas.kernel.tenancy import tenant_connection
from tenants.models import Plan, Shop, ShopStatus
from tenants.plans import plan_update, shop_plan_set

pytestmark = pytest.mark.django_db


@pytest.fixture
def on_free(world, platform_stripe):
    shop_plan_set(shop=world.shop_a, plan=Plan.objects.get(code="free"))
    yield
    world.shop_a.plan = Plan.objects.get(code="pro")


def owner(world):
    return client_for(world.shop_a, world.owner_a)


def confirm_in_browser(client_secret: str, number: str = "4242424242424242") -> str:
    """What Stripe.js's confirmCardSetup does with the card element: posts the card, with the
    publishable key and the client secret, straight to Stripe (never to our server)."""
    intent_id = client_secret.split("_secret_")[0]
    body = json.dumps({"key": "pk_test_platform", "client_secret": client_secret, "payment_method_data": {
        "type": "card", "card": {"number": number, "exp_month": 12, "exp_year": 2034, "cvc": "123"}}}).encode()
    request = urllib.request.Request(f"{settings.STRIPE_API_BASE}/v1/setup_intents/{intent_id}/confirm", data=body,
                                     method="POST")
    with urllib.request.urlopen(request, timeout=10) as answer:
        assert json.loads(answer.read())["status"] == "succeeded"
    return intent_id


def add_card(world, number: str = "4242424242424242") -> dict:
    setup = owner(world).post("/api/billing/card/setup/")
    assert setup.status_code == 201, setup.content
    assert setup.json()["publishable_key"] == "pk_test_platform"
    intent_id = confirm_in_browser(setup.json()["client_secret"], number)
    res = owner(world).post("/api/billing/card/", {"setup_intent_id": intent_id}, format="json")
    assert res.status_code == 200, res.content
    return res.json()


def test_the_owner_sees_the_plan_usage_against_every_limit_and_the_plans(world, on_free):
    page = owner(world).get("/api/billing/plan/").json()
    assert page["plan"]["code"] == "free"
    assert [p["code"] for p in page["plans"]] == ["free", "growth", "pro"]
    assert page["usage"]["products"] == {"used": 0, "limit": 50}
    assert page["usage"]["staff"] == {"used": 1, "limit": 2}
    assert page["usage"]["custom_domains"] == {"used": 0, "limit": 0}
    assert page["usage"]["api_requests_per_minute"] == {"used": None, "limit": 60}
    assert page["usage"]["recommendations"] == {"used": None, "included": False}
    assert page["subscription"] == {"status": "none", "current_period_end": None, "card": None, "comped": False}
    assert page["stripe"]["js_url"].endswith("/js.stripe.com/v3/")


def test_only_the_owner_opens_billing(world, on_free):
    with schema_context(world.shop_a.schema_name):
        manager = User.objects.create_user("manager@alpha.test", PASSWORD, role=Role.MANAGER)
    assert client_for(world.shop_a, manager).get("/api/billing/plan/").status_code == 403
    assert client_for(world.shop_a, world.customer_a).get("/api/billing/plan/").status_code == 403
    assert client_for(world.shop_a).get("/api/billing/plan/").status_code == 401
    assert client_for(world.shop_b, world.owner_b).get("/api/billing/plan/").json()["plan"]["code"] == "pro"


def test_a_paid_plan_needs_a_card_then_upgrades_on_stripe_and_the_limits_follow(
        world, on_free, django_capture_on_commit_callbacks):
    res = owner(world).post("/api/billing/plan/", {"plan": "growth"}, format="json")
    assert res.status_code == 402
    assert res.json()["error"]["code"] == "card_required"

    page = add_card(world)
    assert page["subscription"]["card"] == {"brand": "visa", "last4": "4242"}
    client_for(world.shop_a).get("/api/recs/trending/")  # the host snapshot, cached with the Free plan
    with django_capture_on_commit_callbacks(execute=True):
        res = owner(world).post("/api/billing/plan/", {"plan": "growth"}, format="json")
    assert res.status_code == 200, res.content
    page = res.json()
    assert page["plan"]["code"] == "growth"
    assert page["subscription"]["status"] == "active"
    assert page["subscription"]["current_period_end"]
    assert page["usage"]["products"]["limit"] == 2000
    assert page["usage"]["recommendations"]["included"] is True
    assert client_for(world.shop_a).get("/api/recs/trending/").status_code == 200  # the new limits apply at once

    sub = PlanSubscription.objects.get(shop_id=world.shop_a.pk)
    client = stripe.StripeClient("sk_test_platform", base_addresses={"api": settings.STRIPE_API_BASE})
    on_stripe = client.v1.subscriptions.retrieve(sub.stripe_subscription_id).to_dict()
    assert on_stripe["items"]["data"][0]["plan"]["id"] == Plan.objects.get(code="growth").stripe_plan_id
    assert on_stripe["items"]["data"][0]["plan"]["amount"] == 2900

    res = owner(world).post("/api/billing/plan/", {"plan": "pro"}, format="json")
    assert res.status_code == 200, res.content
    on_stripe = client.v1.subscriptions.retrieve(sub.stripe_subscription_id).to_dict()
    assert on_stripe["items"]["data"][0]["plan"]["amount"] == 9900  # the same subscription, prorated by Stripe
    invoices = owner(world).get("/api/billing/invoices/").json()
    assert invoices[0]["total"] == "29.00"
    assert invoices[0]["status"] == "paid"

    res = owner(world).post("/api/billing/plan/", {"plan": "free"}, format="json")
    assert res.status_code == 200
    assert res.json()["subscription"]["status"] == "canceled"
    assert client.v1.subscriptions.retrieve(sub.stripe_subscription_id).status == "canceled"
    assert Shop.objects.get(pk=world.shop_a.pk).plan.code == "free"


def test_a_downgrade_the_usage_exceeds_is_refused_with_what_must_go(world, on_free):
    plan_update(plan=Plan.objects.get(code="free"), max_products=0)
    shop_plan_set(shop=world.shop_a, plan=Plan.objects.get(code="pro"))
    with schema_context(world.shop_a.schema_name):
        from storefront.services import product_create

        tenant_connection().set_tenant(Shop.objects.get(pk=world.shop_a.pk))
        product_create(title="Keeper", variants=[{"sku": "KEEP-1", "price": "1.00", "stock": 1}])
    res = owner(world).post("/api/billing/plan/", {"plan": "free"}, format="json")
    assert res.status_code == 409
    assert res.json()["error"]["code"] == "downgrade_blocked"
    assert "archive or delete 1" in res.json()["error"]["fields"]["products"][0]
    assert Shop.objects.get(pk=world.shop_a.pk).plan.code == "pro"


def test_a_card_set_up_for_another_customer_or_not_confirmed_is_refused(world, on_free):
    setup = owner(world).post("/api/billing/card/setup/").json()
    res = owner(world).post("/api/billing/card/", {"setup_intent_id": setup["id"]}, format="json")
    assert res.status_code == 409
    assert res.json()["error"]["code"] == "card_not_confirmed"
    client = stripe.StripeClient("sk_test_platform", base_addresses={"api": settings.STRIPE_API_BASE})
    stranger = client.v1.customers.create(params={"email": "someone@else.test"})
    foreign = client.v1.setup_intents.create(params={"customer": stranger.id})
    confirm_in_browser(foreign.client_secret or "")
    res = owner(world).post("/api/billing/card/", {"setup_intent_id": foreign.id}, format="json")
    assert res.status_code == 400
    assert res.json()["error"]["code"] == "setup_intent_invalid"
    assert owner(world).get("/api/billing/plan/").json()["subscription"]["card"] is None


def test_without_a_platform_stripe_account_paid_plans_say_so(world, on_free, settings):
    settings.STRIPE_PLATFORM_SECRET_KEY = ""
    res = owner(world).post("/api/billing/plan/", {"plan": "growth"}, format="json")
    assert res.status_code == 503
    assert res.json()["error"]["code"] == "billing_not_configured"
    assert owner(world).post("/api/billing/plan/", {"plan": "nope"}, format="json").status_code == 400


DECLINES_CHARGES = "4000000000000341"  # attaches, then every charge is declined


def test_a_declined_first_payment_leaves_the_shop_on_its_plan(world, on_free):
    add_card(world, DECLINES_CHARGES)
    res = owner(world).post("/api/billing/plan/", {"plan": "growth"}, format="json")
    assert res.status_code == 402
    assert res.json()["error"]["code"] == "card_declined"
    assert Shop.objects.get(pk=world.shop_a.pk).plan.code == "free"
    assert PlanSubscription.objects.get(shop_id=world.shop_a.pk).status == "none"


def test_after_a_failed_renewal_the_owner_replaces_the_card_and_pays_which_reopens_the_shop_at_once(world, on_free):
    add_card(world)
    assert owner(world).post("/api/billing/plan/", {"plan": "growth"}, format="json").status_code == 200
    add_card(world, DECLINES_CHARGES)
    sub = PlanSubscription.objects.get(shop_id=world.shop_a.pk)
    client = stripe.StripeClient("sk_test_platform", base_addresses={"api": settings.STRIPE_API_BASE})
    renewal = client.v1.invoices.create(params={"customer": sub.stripe_customer_id,
                                                "subscription": sub.stripe_subscription_id})
    try:  # Stripe answers a declined charge with an error, localstripe with the invoice left open
        client.v1.invoices.pay(renewal.id)
    except stripe.CardError:
        pass
    assert client.v1.invoices.retrieve(renewal.id).status == "open"
    renewal_failed(shop_id=world.shop_a.pk, invoice_id=renewal.id, invoice_created=renewal.created)
    close_overdue(now=timezone.now() + dt.timedelta(days=8))
    assert Shop.objects.get(pk=world.shop_a.pk).status == ShopStatus.UNPAID
    assert client_for(world.shop_a).get("/api/catalog/products/").status_code == 403

    res = owner(world).post("/api/billing/pay/")
    assert res.status_code == 402  # the same card again
    assert res.json()["error"]["code"] == "card_declined"
    add_card(world)
    res = owner(world).post("/api/billing/pay/")
    assert res.status_code == 200, res.content
    assert res.json()["dunning"]["state"] == "ok"
    assert Shop.objects.get(pk=world.shop_a.pk).status == ShopStatus.ACTIVE
    assert client.v1.invoices.retrieve(renewal.id).status == "paid"
    assert owner(world).post("/api/billing/pay/").json()["error"]["code"] == "nothing_due"
