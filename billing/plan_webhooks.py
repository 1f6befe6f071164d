"""The platform's Stripe account's events about merchants' subscriptions (public schema).

Each is applied once (the core records it); a subscription's state follows only the newest
event about it; invoices go through dunning, which orders them by the invoice's own time."""
from __future__ import annotations

import logging
from typing import Any

from billing import dunning
from billing.plan_models import PlanSubscription
from billing.subscriptions import subscription_apply
from billing.webhooks import Scope, webhook_event_is_newest, webhook_handler
from tenants.models import Plan, Shop
from tenants.plans import shop_plan_set

logger = logging.getLogger(__name__)


def _subscription_for(obj: dict[str, Any]) -> PlanSubscription | None:
    sub_id = obj.get("subscription") if obj.get("object") == "invoice" else obj.get("id")
    found = PlanSubscription.objects.filter(stripe_subscription_id=sub_id).first() if sub_id else None
    if found is None and obj.get("customer"):
        found = PlanSubscription.objects.filter(stripe_customer_id=obj["customer"]).first()
    if found is None:
        logger.warning("platform Stripe event for an unknown subscription %s", sub_id or obj.get("id"))
    return found


@webhook_handler("invoice.payment_failed", scope=Scope.PLATFORM)
def invoice_failed(event: dict[str, Any]) -> None:
    invoice = event["data"]["object"]
    sub = _subscription_for(invoice)
    if sub is None or not webhook_event_is_newest(event):  # this invoice was paid since
        return
    if invoice.get("subscription") != sub.stripe_subscription_id or invoice.get("billing_reason") == (
            "subscription_create"):
        return  # a first payment refused while choosing the plan, answered there and then, or an old subscription
    error = (invoice.get("last_finalization_error") or {}).get("message") or ""
    dunning.renewal_failed(shop_id=sub.shop_id, invoice_id=invoice["id"],
                           invoice_created=int(invoice.get("created") or event.get("created") or 0), message=error)


def _invoice_paid(event: dict[str, Any]) -> None:
    invoice = event["data"]["object"]
    sub = _subscription_for(invoice)
    if sub is None:
        return
    dunning.renewal_paid(shop_id=sub.shop_id, invoice_id=invoice["id"],
                         invoice_created=int(invoice.get("created") or event.get("created") or 0))


# Stripe sends both for one payment; localstripe sends only the second. Either clears it.
webhook_handler("invoice.paid", scope=Scope.PLATFORM)(_invoice_paid)
webhook_handler("invoice.payment_succeeded", scope=Scope.PLATFORM)(_invoice_paid)


def _subscription_changed(event: dict[str, Any]) -> None:
    obj = event["data"]["object"]
    sub = _subscription_for(obj)
    if sub is None or sub.is_comped or not webhook_event_is_newest(event):
        return
    if sub.stripe_subscription_id and sub.stripe_subscription_id != obj["id"]:
        return  # a subscription the shop has since replaced
    subscription_apply(sub=sub, stripe_sub=obj)
    shop = Shop.objects.select_for_update().get(pk=sub.shop_id)
    if obj.get("status") in ("canceled", "incomplete_expired"):
        free = Plan.objects.filter(is_default=True).first()
        if free is not None and free.monthly_price == 0 and shop.plan_id != free.pk:
            shop_plan_set(shop=shop, plan=free)
        return
    items = (obj.get("items") or {}).get("data") or []
    stripe_plan = (items[0].get("plan") or {}).get("id") if items else None
    plan = Plan.objects.filter(stripe_plan_id=stripe_plan).first() if stripe_plan else None
    if plan is not None and obj.get("status") in ("active", "trialing", "past_due"):
        shop_plan_set(shop=shop, plan=plan)


for _type in ("customer.subscription.created", "customer.subscription.updated", "customer.subscription.deleted"):
    webhook_handler(_type, scope=Scope.PLATFORM)(_subscription_changed)
