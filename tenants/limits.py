"""A plan's limits, checked here and nowhere else: one function per limit.

The plan comes from the shop snapshot the middleware cached with the host (no query on a
request's path). A count is taken under a transaction-scoped advisory lock per shop and limit,
so two creations racing at the limit cannot both pass: the second waits for the first to
commit, then counts again. Each check must run inside the transaction that does the write.

    with transaction.atomic():
        limits.products_check(adding=1)
        Product.objects.create(...)
"""
from __future__ import annotations

import zlib
from dataclasses import asdict, dataclass
from typing import Any

from django.db import connection

from saas.kernel.errors import AppError
from saas.kernel.tenancy import current_schema, tenant_connection
from tenants import usage
from tenants.errors import TenantErrorCode
from tenants.models import Domain, Plan, Shop

LOCK_CLASS = 720_412  # first key of pg_advisory_xact_lock for plan limits


@dataclass(frozen=True)
class PlanLimits:
    plan_id: int
    code: str
    name: str
    max_products: int | None
    max_staff: int | None
    max_api_requests_per_minute: int | None
    recommendations_included: bool
    max_custom_domains: int | None

    @classmethod
    def of(cls, plan: Plan) -> PlanLimits:
        return cls(plan_id=plan.pk, code=plan.code, name=plan.name, max_products=plan.max_products,
                   max_staff=plan.max_staff, max_api_requests_per_minute=plan.max_api_requests_per_minute,
                   recommendations_included=plan.recommendations_included,
                   max_custom_domains=plan.max_custom_domains)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Limit:
    key: str  # the PlanLimits field
    name: str  # for messages: "products", "staff seats"
    usage: str  # what the shop has, in words for a downgrade message


LIMITS = {
    "products": Limit("max_products", "products", "products (archive or delete {n})"),
    "staff": Limit("max_staff", "staff seats", "staff members (remove {n})"),
    "custom_domains": Limit("max_custom_domains", "custom domains", "custom domains (remove {n})"),
}


def limits_for(shop: Any = None) -> PlanLimits:
    """The limits of `shop`'s plan (default: the shop the connection is set to)."""
    shop = shop if shop is not None else tenant_connection().tenant
    cached = getattr(shop, "plan_limits", None)
    if isinstance(cached, PlanLimits):
        return cached
    plan_id = getattr(shop, "plan_id", None)
    if plan_id is not None:  # a shop loaded from the database (tasks, the platform's own views)
        return PlanLimits.of(Plan.objects.get(pk=plan_id))
    # schema_context() puts a stand-in tenant on the connection that knows only the schema
    return PlanLimits.of(Plan.objects.get(shops__schema_name=getattr(shop, "schema_name", current_schema())))


def _lock(schema_name: str, limit: str) -> None:
    if not connection.in_atomic_block:
        raise RuntimeError("A plan limit is checked inside the transaction that writes (see tenants.limits).")
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)",
                       [LOCK_CLASS, zlib.crc32(f"{schema_name}:{limit}".encode()) - 2**31])


def _lifting_plan(limit: Limit, needed: int) -> Plan | None:
    """The cheapest plan that allows `needed` of the limit."""
    for plan in Plan.objects.order_by("monthly_price", "sort_order"):
        allowed = getattr(plan, limit.key)
        if allowed is None or allowed >= needed:
            return plan
    return None


class PlanLimitError(AppError):
    status_code = 403

    def __init__(self, *, limit: str, limits: PlanLimits, message: str, upgrade: Plan | None) -> None:
        if upgrade is not None:
            message += f" Upgrade to the {upgrade.name} plan on the Billing page to lift it."
        fields = {"limit": [limit], "plan": [limits.code]}
        if upgrade is not None:
            fields["upgrade_to"] = [upgrade.code]
        super().__init__(TenantErrorCode.PLAN_LIMIT_REACHED, message, fields=fields)
        self.limit = limit


def _check_count(name: str, limits: PlanLimits, used: int, adding: int) -> None:
    limit = LIMITS[name]
    allowed = getattr(limits, limit.key)
    if allowed is None or used + adding <= allowed:
        return
    if allowed == 0:
        message = f"The {limits.name} plan includes no {limit.name}."
    else:
        message = f"The {limits.name} plan allows {allowed} {limit.name}; this shop has {used}."
    raise PlanLimitError(limit=name, limits=limits, message=message, upgrade=_lifting_plan(limit, used + adding))


def products_used(schema_name: str | None = None) -> int:
    return usage.count("products", schema_name or current_schema())


def staff_used(schema_name: str | None = None) -> int:
    return usage.count("staff", schema_name or current_schema())


def custom_domains_used(shop_id: int) -> int:
    return Domain.objects.filter(tenant_id=shop_id, is_primary=False).count()


def products_check(*, adding: int = 1) -> None:
    """Before creating `adding` products in the current shop (the CSV import passes a batch's new ones)."""
    if adding <= 0:
        return
    limits = limits_for()
    if limits.max_products is None:
        return
    _lock(current_schema(), "products")
    _check_count("products", limits, products_used(), adding)


def staff_seat_check(*, adding: int = 1) -> None:
    """Before inviting or adding a staff member in the current shop (the owner takes a seat)."""
    limits = limits_for()
    if limits.max_staff is None:
        return
    _lock(current_schema(), "staff")
    _check_count("staff", limits, staff_used(), adding)


def custom_domain_check(*, shop: Shop) -> None:
    """Before adding a custom domain to `shop` (runs in the public schema)."""
    limits = limits_for(shop)
    if limits.max_custom_domains is None:
        return
    _lock(shop.schema_name, "custom_domains")
    _check_count("custom_domains", limits, custom_domains_used(shop.pk), 1)


def recommendations_check(shop: Any = None) -> None:
    """Recommendations are served only on plans that include them."""
    limits = limits_for(shop)
    if not limits.recommendations_included:
        upgrade = Plan.objects.filter(recommendations_included=True).order_by("monthly_price", "sort_order").first()
        raise PlanLimitError(limit="recommendations", limits=limits, upgrade=upgrade,
                             message=f"The {limits.name} plan does not include recommendations.")


def api_requests_per_minute(shop: Any = None) -> int | None:
    """Stored now; the developer API enforces it."""
    return limits_for(shop).max_api_requests_per_minute


def _count(counts: dict[str, object], name: str) -> int:
    value = counts.get(name, 0)
    return int(value) if isinstance(value, int | str) else 0


def shop_usage(shop: Shop) -> dict[str, dict[str, Any]]:
    """Usage against every limit of the shop's plan, for the billing page."""
    limits = limits_for(shop)
    counts = usage.usage_for([shop.schema_name]).get(shop.schema_name, {})
    return {
        "products": {"used": _count(counts, "products"), "limit": limits.max_products},
        "staff": {"used": _count(counts, "staff"), "limit": limits.max_staff},
        "custom_domains": {"used": custom_domains_used(shop.pk), "limit": limits.max_custom_domains},
        "api_requests_per_minute": {"used": None, "limit": limits.max_api_requests_per_minute},
        "recommendations": {"used": None, "included": limits.recommendations_included},
    }


def downgrade_problems(*, shop: Shop, plan: Plan) -> dict[str, list[str]]:
    """What must go before `shop` can move to `plan` (empty when nothing does)."""
    target = PlanLimits.of(plan)
    counts = usage.usage_for([shop.schema_name]).get(shop.schema_name, {})
    used = {"products": _count(counts, "products"), "staff": _count(counts, "staff"),
            "custom_domains": custom_domains_used(shop.pk)}
    problems: dict[str, list[str]] = {}
    for name, limit in LIMITS.items():
        allowed = getattr(target, limit.key)
        if allowed is not None and used[name] > allowed:
            what = limit.usage.format(n=used[name] - allowed)
            problems[name] = [f"The {plan.name} plan allows {allowed} {limit.name}; this shop has {used[name]} "
                              f"{what}."]
    return problems
