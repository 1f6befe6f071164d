"""Merchants pay the platform for their plan through the platform's own Stripe account.

Stripe is called before any row is locked and the result written after, so a slow or failing
Stripe never holds a lock; every request that creates something carries an idempotency key.
What Stripe says later (renewals, failures) arrives by webhook (billing.plan_webhooks)."""
from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Any

import stripe
from django.conf import settings
from django.db import transaction

from billing.errors import BillingErrorCode
from billing.plan_models import PlanSubscription, SubscriptionStatus
from saas.kernel.errors import AppError
from storefront.errors import StorefrontErrorCode
from tenants.models import Plan, Shop
from tenants.plans import plan_change_check, shop_plan_set


def stripe_client() -> stripe.StripeClient:
    if not settings.STRIPE_PLATFORM_SECRET_KEY:
        raise AppError(BillingErrorCode.BILLING_NOT_CONFIGURED,
                       "Paid plans are not available here yet: the platform has no Stripe "
                       "account configured.", status_code=503)
    options: dict[str, Any] = {}
    if settings.STRIPE_API_BASE:
        options["base_addresses"] = {"api": settings.STRIPE_API_BASE}
    return stripe.StripeClient(settings.STRIPE_PLATFORM_SECRET_KEY, max_network_retries=1, **options)


def _stripe_error(exc: stripe.StripeError) -> AppError:
    message = getattr(exc, "user_message", None) or "The payment provider refused the request."
    if isinstance(exc, stripe.CardError):
        return AppError(StorefrontErrorCode.CARD_DECLINED, f"The card was declined: {message}", status_code=402)
    return AppError(BillingErrorCode.STRIPE_ERROR, message, status_code=502)


def is_free(plan: Plan) -> bool:
    return plan.monthly_price <= Decimal("0")


def subscription_of(shop: Shop) -> PlanSubscription:
    sub, _ = PlanSubscription.objects.get_or_create(shop_id=shop.pk)
    return sub


def plan_stripe_id(plan: Plan, client: stripe.StripeClient) -> str:
    """The plan's twin on Stripe (a Stripe Plan keeps its price forever: a new price, a new twin)."""
    if plan.stripe_plan_id:
        return plan.stripe_plan_id
    cents = int(plan.monthly_price * 100)
    twin_id = f"shopyard-{plan.code}-{plan.currency.lower()}-{cents}"
    try:
        client.v1.plans.retrieve(twin_id)
    except stripe.InvalidRequestError:
        client.v1.plans.create(params={"id": twin_id, "amount": cents, "currency": plan.currency.lower(),
                                       "interval": "month", "product": {"name": f"Shopyard {plan.name}"}},
                               options={"idempotency_key": f"plan:{twin_id}"})
    Plan.objects.filter(pk=plan.pk).update(stripe_plan_id=twin_id)
    plan.stripe_plan_id = twin_id
    return twin_id


def _customer(shop: Shop, sub: PlanSubscription, client: stripe.StripeClient) -> str:
    if sub.stripe_customer_id:
        return sub.stripe_customer_id
    customer = client.v1.customers.create(
        params={"email": shop.owner.email, "name": shop.name, "metadata": {"shop_id": str(shop.pk)}},
        options={"idempotency_key": f"platform-customer:{shop.pk}"})
    PlanSubscription.objects.filter(pk=sub.pk).update(stripe_customer_id=customer.id)
    sub.stripe_customer_id = customer.id
    return customer.id


def card_setup_start(*, shop: Shop) -> dict[str, str]:
    """A SetupIntent for the card element on the billing page (the card never reaches us)."""
    client = stripe_client()
    sub = subscription_of(shop)
    try:
        customer = _customer(shop, sub, client)
        intent = client.v1.setup_intents.create(params={"customer": customer})  # card, off-session: the defaults
    except stripe.StripeError as exc:
        raise _stripe_error(exc) from exc
    return {"id": intent.id, "client_secret": intent.client_secret or "",
            "publishable_key": settings.STRIPE_PLATFORM_PUBLISHABLE_KEY}


def card_setup_finish(*, shop: Shop, setup_intent_id: str) -> PlanSubscription:
    """Makes the card confirmed in the browser the subscription's card, once Stripe itself says the
    SetupIntent of this shop's customer succeeded (the browser's word is not enough)."""
    client = stripe_client()
    sub = subscription_of(shop)
    try:
        intent = client.v1.setup_intents.retrieve(setup_intent_id)
    except stripe.StripeError as exc:
        raise AppError(BillingErrorCode.SETUP_INTENT_INVALID, "That card set-up is unknown.", status_code=400) from exc
    if not sub.stripe_customer_id or intent.customer != sub.stripe_customer_id:
        raise AppError(BillingErrorCode.SETUP_INTENT_INVALID, "That card set-up is not this shop's.", status_code=400)
    if intent.status != "succeeded" or not intent.payment_method:
        raise AppError(BillingErrorCode.CARD_NOT_CONFIRMED, "The card has not been confirmed yet.", status_code=409)
    pm_id = intent.payment_method if isinstance(intent.payment_method, str) else intent.payment_method.id
    try:
        method = client.v1.payment_methods.retrieve(pm_id)
        if getattr(method, "customer", None) != sub.stripe_customer_id:
            client.v1.payment_methods.attach(pm_id, params={"customer": sub.stripe_customer_id})
        client.v1.customers.update(sub.stripe_customer_id,
                                   params={"invoice_settings": {"default_payment_method": pm_id}})
    except stripe.StripeError as exc:
        raise _stripe_error(exc) from exc
    card = method.card
    PlanSubscription.objects.filter(pk=sub.pk).update(card_brand=(card.brand or "")[:32] if card else "",
                                                      card_last4=(card.last4 or "")[:4] if card else "")
    sub.refresh_from_db()
    return sub


def _period_end(obj: Any) -> dt.datetime | None:
    end = obj.get("current_period_end")
    if end is None:
        items = (obj.get("items") or {}).get("data") or []
        end = items[0].get("current_period_end") if items else None
    return dt.datetime.fromtimestamp(int(end), tz=dt.UTC) if end else None


def subscription_apply(*, sub: PlanSubscription, stripe_sub: Any) -> None:
    """Records what Stripe says of the subscription (its answer to our call, or an event's object)."""
    status = {"active": SubscriptionStatus.ACTIVE, "trialing": SubscriptionStatus.ACTIVE,
              "past_due": SubscriptionStatus.PAST_DUE, "unpaid": SubscriptionStatus.PAST_DUE,
              "incomplete": SubscriptionStatus.INCOMPLETE, "canceled": SubscriptionStatus.CANCELED,
              "incomplete_expired": SubscriptionStatus.CANCELED}.get(stripe_sub.get("status"), SubscriptionStatus.NONE)
    PlanSubscription.objects.filter(pk=sub.pk).update(
        stripe_subscription_id=stripe_sub["id"], status=status, current_period_end=_period_end(stripe_sub))


def plan_change(*, shop: Shop, plan: Plan) -> PlanSubscription:
    """Moves the shop to `plan`: refused when its usage exceeds the plan (what must go first is
    said); a paid plan needs the card first; Stripe prorates the change as it does."""
    if plan.pk == shop.plan_id:
        return subscription_of(shop)
    plan_change_check(shop=shop, plan=plan)
    sub = subscription_of(shop)
    if sub.is_comped:
        raise AppError(BillingErrorCode.PLAN_COMPED,
                       "The platform gives this shop its plan: ask the platform to change it.",
                       status_code=409)
    client = stripe_client() if (sub.stripe_subscription_id or not is_free(plan)) else None
    try:
        if is_free(plan):
            if client is not None and sub.stripe_subscription_id and sub.status != SubscriptionStatus.CANCELED:
                client.v1.subscriptions.cancel(sub.stripe_subscription_id)
            ended = SubscriptionStatus.CANCELED if sub.stripe_subscription_id else SubscriptionStatus.NONE
            PlanSubscription.objects.filter(pk=sub.pk).update(status=ended)
            from billing.dunning import dunning_end_on_free_plan

            dunning_end_on_free_plan(shop_id=shop.pk)
        else:
            assert client is not None
            if not sub.card_last4:
                raise AppError(BillingErrorCode.CARD_REQUIRED,
                               "Add a card before choosing a paid plan.", status_code=402)
            twin = plan_stripe_id(plan, client)
            live = sub.stripe_subscription_id and sub.status not in (SubscriptionStatus.CANCELED,
                                                                     SubscriptionStatus.NONE)
            if live:
                current = client.v1.subscriptions.retrieve(sub.stripe_subscription_id).to_dict()
                item = current["items"]["data"][0]["id"]
                # Stripe's default proration (create_prorations): the unused time is credited on the next invoice
                stripe_sub = client.v1.subscriptions.update(sub.stripe_subscription_id, params={
                    "items": [{"id": item, "plan": twin}]}).to_dict()
            else:
                stripe_sub = client.v1.subscriptions.create(
                    params={"customer": sub.stripe_customer_id, "items": [{"plan": twin}],
                            "metadata": {"shop_id": str(shop.pk)}},
                    # one key per attempt: the SDK's own retries of this request reuse it
                    options={"idempotency_key": f"platform-subscription:{shop.pk}:{uuid.uuid4()}"}).to_dict()
                if stripe_sub.get("status") not in ("active", "trialing"):
                    client.v1.subscriptions.cancel(stripe_sub["id"])
                    raise AppError(StorefrontErrorCode.CARD_DECLINED,
                                   "The card was declined for the first payment: add another card.",
                                   status_code=402)
            subscription_apply(sub=sub, stripe_sub=stripe_sub)
    except stripe.StripeError as exc:
        raise _stripe_error(exc) from exc
    with transaction.atomic():
        shop_plan_set(shop=Shop.objects.select_for_update().get(pk=shop.pk), plan=plan)
    shop.plan = plan
    sub.refresh_from_db()
    return sub


def invoices_of(*, shop: Shop) -> list[dict[str, Any]]:
    """The shop's invoices, read from Stripe (the one record of them)."""
    sub = subscription_of(shop)
    if not sub.stripe_customer_id:
        return []
    try:
        found = stripe_client().v1.invoices.list(params={"customer": sub.stripe_customer_id, "limit": 24})
    except stripe.StripeError as exc:
        raise _stripe_error(exc) from exc
    out = []
    for inv in (found_invoice.to_dict() for found_invoice in found.data):
        currency = (inv.get("currency") or "usd").upper()
        out.append({"id": inv["id"], "number": inv.get("number") or inv["id"], "status": inv.get("status") or "",
                    "created": dt.datetime.fromtimestamp(int(inv.get("created") or inv.get("date") or 0), tz=dt.UTC),
                    "currency": currency, "total": f"{Decimal(int(inv.get('total') or 0)) / 100:.2f}",
                    "amount_paid": f"{Decimal(int(inv.get('amount_paid') or 0)) / 100:.2f}",
                    "url": inv.get("hosted_invoice_url") or ""})
    return sorted(out, key=lambda i: i["created"], reverse=True)


def subscription_cancel(*, shop: Shop) -> None:
    """Ends the shop's paid subscription on Stripe now (a comp replaces it)."""
    sub = subscription_of(shop)
    if not sub.stripe_subscription_id or sub.status in (SubscriptionStatus.CANCELED, SubscriptionStatus.NONE,
                                                        SubscriptionStatus.COMPED):
        return
    try:
        stripe_client().v1.subscriptions.cancel(sub.stripe_subscription_id)
    except stripe.InvalidRequestError:
        pass  # already gone on Stripe's side
    except stripe.StripeError as exc:
        raise _stripe_error(exc) from exc
    PlanSubscription.objects.filter(pk=sub.pk).update(status=SubscriptionStatus.CANCELED)


def invoice_pay_now(*, shop: Shop) -> PlanSubscription:
    """The owner pays the renewal that failed (with the card on file, e.g. one just replaced).
    Stripe's answer to our own call is its word: a paid invoice reopens the shop at once."""
    from billing.dunning import renewal_paid

    sub = subscription_of(shop)
    if not sub.unpaid_invoice_id:
        raise AppError(BillingErrorCode.NOTHING_DUE, "Nothing is due: the plan is paid up.", status_code=409)
    try:
        invoice = stripe_client().v1.invoices.pay(sub.unpaid_invoice_id).to_dict()
    except stripe.StripeError as exc:
        raise _stripe_error(exc) from exc
    if invoice.get("status") != "paid":
        raise AppError(StorefrontErrorCode.CARD_DECLINED,
                       "The payment did not go through: replace the card and try again.",
                       status_code=402)
    return renewal_paid(shop_id=shop.pk, invoice_id=invoice["id"], invoice_created=int(invoice.get("created") or 0))
