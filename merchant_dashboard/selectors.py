from __future__ import annotations

from saas.accounts.models import STAFF_ROLES, User
from saas.kernel.tenancy import current_schema
from tenants.usage import usage_for


def shop_overview(*, shop) -> dict:
    """The counts are the usage counters' (one definition each, see `tenants.usage`)."""
    usage = usage_for([current_schema()])[current_schema()]
    return {
        "shop": {"name": shop.name, "subdomain": shop.subdomain, "currency": shop.currency,
                 "plan": {"code": shop.plan.code, "name": shop.plan.name}},
        "counts": {name: usage[name] for name in ("products", "customers", "staff")},
    }


def staff_list():
    return User.objects.filter(role__in=STAFF_ROLES).order_by("id")
