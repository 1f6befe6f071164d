"""Dunning: what a failed renewal does to a shop, and what paying undoes.

    ok --invoice.payment_failed--> grace (open, the owner warned: banner and e-mail)
    grace --BILLING_GRACE_DAYS pass unpaid (close_overdue)--> closed (ShopStatus.UNPAID)
    grace | closed --invoice.paid--> ok (reopened at once)

Events arrive in any order and more than once: a failure of an older invoice than the one
already unpaid changes nothing, and a payment clears the failure only if it is of that invoice
or of a newer one. A comped shop is never dunned. An admin's suspension is not touched."""
from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from billing.plan_models import PlanSubscription, SubscriptionStatus
from tenants.models import Plan, Shop, ShopStatus
from tenants.plans import shop_plan_set
from tenants.selectors import shop_url
from tenants.services import shop_reopen_after_payment, shop_suspend

logger = logging.getLogger(__name__)
CLOSED_REASON = "Closed for non-payment of the platform subscription."


class DunningState:
    OK = "ok"
    GRACE = "grace"
    CLOSED = "closed"


def dunning_state(*, shop: Shop, sub: PlanSubscription) -> str:
    if shop.status == ShopStatus.UNPAID:
        return DunningState.CLOSED
    return DunningState.GRACE if sub.unpaid_invoice_id else DunningState.OK


def _locked(shop_id: int) -> PlanSubscription:
    PlanSubscription.objects.get_or_create(shop_id=shop_id)
    return PlanSubscription.objects.select_for_update().get(shop_id=shop_id)


def _tell_owner(shop: Shop, sub: PlanSubscription) -> None:
    assert sub.grace_until is not None
    billing = f"{shop_url(shop)}/dashboard/billing"
    send_mail(
        f"{shop.name}: your Shopyard payment failed",
        f"We could not take the payment for {shop.name}'s {shop.plan.name} plan"
        f"{': ' + sub.payment_failure_message if sub.payment_failure_message else ''}.\n\n"
        f"Your shop stays open until {sub.grace_until:%d %B %Y, %H:%M} UTC. If the payment has not gone through "
        f"by then, the storefront closes until it is paid.\n\nUpdate your card or pay here: {billing}\n",
        None, [shop.owner.email])


@transaction.atomic
def renewal_failed(*, shop_id: int, invoice_id: str, invoice_created: int, message: str = "",
                   now: dt.datetime | None = None) -> PlanSubscription:
    sub = _locked(shop_id)
    if sub.is_comped:
        return sub
    if sub.unpaid_invoice_id and sub.unpaid_invoice_id != invoice_id and invoice_created < (
            sub.unpaid_invoice_created or 0):
        return sub  # an older invoice's failure, arriving late
    starting = not sub.unpaid_invoice_id
    if starting:
        sub.grace_until = (now or timezone.now()) + dt.timedelta(days=settings.BILLING_GRACE_DAYS)
        sub.unpaid_invoice_created = invoice_created
        sub.unpaid_invoice_id = invoice_id
    sub.payment_failure_message = message[:300]
    sub.status = SubscriptionStatus.PAST_DUE
    sub.save()
    if starting:
        shop = Shop.objects.select_related("owner", "plan").get(pk=shop_id)
        transaction.on_commit(lambda: _tell_owner(shop, sub))
    return sub


@transaction.atomic
def renewal_paid(*, shop_id: int, invoice_id: str, invoice_created: int) -> PlanSubscription:
    sub = _locked(shop_id)
    if sub.unpaid_invoice_id and (invoice_id == sub.unpaid_invoice_id or
                                  invoice_created > (sub.unpaid_invoice_created or 0)):
        _clear(sub)
        sub.status = SubscriptionStatus.ACTIVE
        sub.save()
        shop_reopen_after_payment(shop=Shop.objects.select_for_update().get(pk=shop_id))
    return sub


@transaction.atomic
def dunning_end_on_free_plan(*, shop_id: int) -> None:
    """A shop that moves to a free plan owes no renewal any more: its grace period ends, and a
    shop closed for non-payment reopens (the downgrade check made sure it fits the free plan)."""
    sub = _locked(shop_id)
    if sub.unpaid_invoice_id:
        _clear(sub)
        sub.save()
    shop_reopen_after_payment(shop=Shop.objects.select_for_update().get(pk=shop_id))


def _clear(sub: PlanSubscription) -> None:
    sub.unpaid_invoice_id, sub.unpaid_invoice_created, sub.grace_until = "", None, None
    sub.payment_failure_message = ""


def close_overdue(*, now: dt.datetime | None = None) -> list[int]:
    """Closes every shop whose grace period ended unpaid (the periodic task). Returns their ids."""
    closed = []
    due = PlanSubscription.objects.filter(grace_until__lte=now or timezone.now()).exclude(unpaid_invoice_id="")
    for shop_id in due.values_list("shop_id", flat=True):
        with transaction.atomic():
            sub = _locked(shop_id)
            shop = Shop.objects.select_for_update().filter(pk=shop_id).first()
            if shop is None or not sub.unpaid_invoice_id or sub.grace_until is None or (
                    sub.grace_until > (now or timezone.now())):
                continue
            if shop.status == ShopStatus.ACTIVE:
                shop_suspend(shop=shop, reason=CLOSED_REASON, for_nonpayment=True)
                closed.append(shop_id)
    return closed


@transaction.atomic
def plan_comp(*, shop: Shop, plan: Plan, by_email: str) -> PlanSubscription:
    """A platform admin gives the shop `plan` for nothing: no card, no invoices, no dunning.
    (Its Stripe subscription, if any, is cancelled by the caller before this.)"""
    sub = _locked(shop.pk)
    _clear(sub)
    sub.status, sub.comped_by = SubscriptionStatus.COMPED, by_email
    sub.save()
    locked = Shop.objects.select_for_update().get(pk=shop.pk)
    shop_plan_set(shop=locked, plan=plan)
    shop_reopen_after_payment(shop=locked)
    return sub


@transaction.atomic
def plan_uncomp(*, shop: Shop) -> PlanSubscription:
    """Ends a comp: the shop goes back to the default (free) plan until the owner chooses one."""
    sub = _locked(shop.pk)
    if sub.is_comped:
        sub.status, sub.comped_by = SubscriptionStatus.NONE, ""
        sub.stripe_subscription_id = ""
        sub.save()
        default = Plan.objects.filter(is_default=True).first() or Plan.objects.order_by("monthly_price").first()
        if default is not None:
            shop_plan_set(shop=Shop.objects.select_for_update().get(pk=shop.pk), plan=default)
    return sub
