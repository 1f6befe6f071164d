"""Reads about shops. `shop_for_host` is on every request's path, so it is cached twice:
in this process for SHOP_HOST_LOCAL_TTL seconds, and in Redis until a change invalidates it."""
from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from django.db.models import QuerySet
from django_tenants.utils import schema_context

from saas.kernel.tenancy import shop_base_url
from tenants.limits import PlanLimits
from tenants.models import Domain, Shop
from tenants.rules import domain_for_subdomain, subdomain_problem

_SNAPSHOT_FIELDS = ("id", "schema_name", "name", "subdomain", "currency", "status", "plan_id", "owner_id",
                   "footer_note")
_local: dict[str, tuple[float, Shop]] = {}


def host_cache_key(host: str) -> str:
    return f"shop-host:{host}"


def _snapshot(shop: Shop) -> dict:
    # the plan's limits ride along, so a limit check reads no Plan row on a request's path
    return {**{field: getattr(shop, field) for field in _SNAPSHOT_FIELDS}, "plan": PlanLimits.of(shop.plan).as_dict()}


def _from_snapshot(data: dict) -> Shop:
    fields = dict(data)
    plan = fields.pop("plan", None)
    shop = Shop(**fields)
    shop._state.adding = False
    shop._state.db = "default"
    if plan is not None:
        shop.plan_limits = PlanLimits(**plan)
    return shop


def shop_for_host_in_process(host: str) -> Shop | None:
    """The shop this process saw on `host` less than SHOP_HOST_LOCAL_TTL seconds ago, or None:
    no I/O at all, so an event loop can ask before it hands `shop_for_host` to a thread."""
    hit = _local.get(host)
    return hit[1] if hit and hit[0] > time.monotonic() else None


def shop_for_host(host: str) -> Shop | None:
    """The shop served on `host`, or None. A warm call makes no database query."""
    now = time.monotonic()
    known = shop_for_host_in_process(host)
    if known is not None:
        return known
    with schema_context("public"):
        data = cache.get(host_cache_key(host))
        if data is None:
            domain = Domain.objects.select_related("tenant__plan").filter(domain=host).first()
            if domain is None:
                return None  # unknown hosts are not cached: a new shop is live at once
            data = _snapshot(domain.tenant)
            cache.set(host_cache_key(host), data, settings.SHOP_HOST_CACHE_TTL)
    shop = _from_snapshot(data)
    if settings.SHOP_HOST_LOCAL_TTL > 0:
        _local[host] = (now + settings.SHOP_HOST_LOCAL_TTL, shop)
    return shop


def forget_shop_hosts(shop: Shop) -> None:
    forget_hosts(list(Domain.objects.filter(tenant=shop).values_list("domain", flat=True)))


def forget_plan_hosts(plan_id: int) -> None:
    """Every host of every shop on a plan whose limits changed."""
    forget_hosts(list(Domain.objects.filter(tenant__plan_id=plan_id).values_list("domain", flat=True)))


def forget_hosts(hosts: list[str]) -> None:
    with schema_context("public"):
        cache.delete_many([host_cache_key(h) for h in hosts])
    for host in hosts:
        _local.pop(host, None)


def shop_url(shop: Shop, domain: str | None = None) -> str:
    return shop_base_url(shop.subdomain, domain)


def shops_for_owner(*, owner) -> QuerySet[Shop]:
    return Shop.objects.filter(owner=owner).select_related("plan").order_by("-created_at")


def shops_for_admin(*, search: str = "") -> QuerySet[Shop]:
    qs = Shop.objects.select_related("plan", "owner").order_by("-created_at")
    if search:
        from django.db.models import Q

        qs = qs.filter(Q(name__icontains=search) | Q(subdomain__icontains=search) |
                       Q(owner__email__icontains=search))
    return qs


def subdomain_availability(*, subdomain: str) -> dict:
    subdomain = subdomain.strip().lower()
    problem = subdomain_problem(subdomain)
    if problem is None and (Shop.objects.filter(subdomain=subdomain).exists() or
                            Domain.objects.filter(domain=domain_for_subdomain(subdomain)).exists()):
        problem = ("taken", "This subdomain is already taken.")
    if problem:
        return {"subdomain": subdomain, "available": False, "code": problem[0], "message": problem[1]}
    return {"subdomain": subdomain, "available": True, "code": None,
            "message": f"{domain_for_subdomain(subdomain)} is available."}



def active_shop_schemas() -> list[str]:
    """The schemas of every shop that is not suspended (what beat's per-shop jobs visit)."""
    from tenants.models import ShopStatus

    return list(Shop.objects.filter(status=ShopStatus.ACTIVE).order_by("id").values_list("schema_name", flat=True))
