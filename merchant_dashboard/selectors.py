from __future__ import annotations

from django.db.models import Count, Q

from saas.accounts.models import STAFF_ROLES, Role, User
from storefront.models import Product


def shop_overview(*, shop) -> dict:
    people = User.objects.aggregate(customers=Count("id", filter=Q(role=Role.CUSTOMER)),
                                    staff=Count("id", filter=Q(role__in=STAFF_ROLES)))
    return {
        "shop": {"name": shop.name, "subdomain": shop.subdomain, "currency": shop.currency,
                 "plan": {"code": shop.plan.code, "name": shop.plan.name}},
        "counts": {"products": Product.objects.count(), **people},
    }


def staff_list():
    return User.objects.filter(role__in=STAFF_ROLES).order_by("id")
