"""Writes on plans: the admin's edits, and which plan a shop is on (billing decides when)."""
from __future__ import annotations

from typing import Any

from django.db import transaction

from saas.kernel.errors import AppError, ErrorCode
from tenants.errors import TenantErrorCode
from tenants.limits import downgrade_problems
from tenants.models import Plan, Shop
from tenants.selectors import forget_plan_hosts, forget_shop_hosts

PLAN_FIELDS = ("name", "monthly_price", "max_products", "max_staff", "max_api_requests_per_minute",
               "recommendations_included", "max_custom_domains", "sort_order")


def plan_update(*, plan: Plan, **fields: Any) -> Plan:
    """The platform admin's edit. A price change makes a new Stripe plan on next use (Stripe plans
    keep their price), and every shop on the plan gets the new limits at its next request."""
    unknown = set(fields) - set(PLAN_FIELDS)
    if unknown:
        raise AppError(ErrorCode.VALIDATION_ERROR, f"Unknown plan fields: {', '.join(sorted(unknown))}.")
    if "monthly_price" in fields and fields["monthly_price"] != plan.monthly_price:
        plan.stripe_plan_id = ""
    for key, value in fields.items():
        setattr(plan, key, value)
    plan.save()
    plan_id = plan.pk
    transaction.on_commit(lambda: forget_plan_hosts(plan_id))
    return plan


def plan_create(*, code: str, **fields: Any) -> Plan:
    if Plan.objects.filter(code=code).exists():
        raise AppError(TenantErrorCode.PLAN_EXISTS,
                       "A plan with this code exists.", fields={"code": ["This code is taken."]})
    return plan_update(plan=Plan(code=code, currency="USD"), **fields)


def plan_change_check(*, shop: Shop, plan: Plan) -> None:
    """Refuses a move to `plan` that the shop's current usage exceeds, saying what must go first."""
    problems = downgrade_problems(shop=shop, plan=plan)
    if problems:
        what = " ".join(message for messages in problems.values() for message in messages)
        raise AppError(TenantErrorCode.DOWNGRADE_BLOCKED, f"Before moving to {plan.name}: {what}", fields=problems,
                       status_code=409)


def shop_plan_set(*, shop: Shop, plan: Plan) -> Shop:
    if shop.plan_id != plan.pk:
        shop.plan = plan
        shop.save(update_fields=["plan"])
        transaction.on_commit(lambda: forget_shop_hosts(shop))
    return shop
