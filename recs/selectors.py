"""Reads of the recommendations app: a shopper's history, what may be shown, popularity."""
from __future__ import annotations

from datetime import datetime, timedelta

from django.core.cache import cache
from django.db.models import Count, Q, Sum
from django.utils import timezone

from recs.models import Event, EventKind
from storefront import selectors as catalog
from storefront.cart import cart_find
from storefront.models import OrderLine, Product, ProductStatus

HISTORY_LIMIT = 200
SESSION_HOURS = 12
POPULAR_DAYS = 14
KIND_WEIGHT = {EventKind.VIEW: 1, EventKind.CART: 3, EventKind.PURCHASE: 5}


def history(*, visitor_id: str, user) -> list[tuple[int, datetime, str]]:
    """(product id, when, kind), newest first: this browser's events and, signed in, the
    account's events and orders (from every device)."""
    who = Q(visitor_id=visitor_id) if visitor_id else Q(pk__in=[])
    if user is not None:
        who |= Q(user_id=user.pk)
    rows = list(Event.objects.filter(who, kind__in=[EventKind.VIEW, EventKind.CART, EventKind.PURCHASE])
                .order_by("-created_at").values_list("product_id", "created_at", "kind")[:HISTORY_LIMIT])
    if user is not None:
        rows += [(pid, when, EventKind.PURCHASE) for pid, when in
                 OrderLine.objects.filter(order__user_id=user.pk, product_id__isnull=False)
                 .order_by("-order__created_at").values_list("product_id", "order__created_at")[:HISTORY_LIMIT]]
    rows.sort(key=lambda r: r[1], reverse=True)
    return rows


def session_views(rows: list[tuple[int, datetime, str]]) -> list[int]:
    since = timezone.now() - timedelta(hours=SESSION_HOURS)
    seen: list[int] = []
    for pid, when, kind in rows:
        if kind == EventKind.VIEW and when >= since and pid not in seen:
            seen.append(pid)
    return seen


def bought(rows: list[tuple[int, datetime, str]]) -> set[int]:
    return {pid for pid, _, kind in rows if kind == EventKind.PURCHASE}


def purchases(rows: list[tuple[int, datetime, str]]) -> list[tuple[int, datetime]]:
    """One entry per order line (an order's repeated event and order line collapse to one)."""
    seen = set()
    out = []
    for pid, when, kind in rows:
        if kind == EventKind.PURCHASE and (pid, when) not in seen:
            seen.add((pid, when))
            out.append((pid, when))
    return out


def cart_products(*, user, cart_token: str | None) -> list[int]:
    cart = cart_find(user=user, token=cart_token)
    if cart is None:
        return []
    return list(cart.lines.values_list("variant__product_id", flat=True))


def servable(ids: list[int]) -> set[int]:
    """Active and in stock: nothing a shopper could not buy right now."""
    return set(Product.objects.filter(pk__in=ids, status=ProductStatus.ACTIVE, total_stock__gt=0)
               .values_list("pk", flat=True))


def popular(limit: int = 100) -> list[int]:
    """Recency-aware popularity: the last two weeks' purchases, carts and views, weighted, then
    all-time sales for what has no recent activity. Cached a minute per shop."""
    key = f"recs:popular:{limit}"
    ids = cache.get(key)
    if ids is not None:
        return ids
    since = timezone.now() - timedelta(days=POPULAR_DAYS)
    score: dict[int, float] = {}
    for pid, qty in (OrderLine.objects.filter(order__created_at__gte=since, product_id__isnull=False)
                     .values_list("product_id").annotate(q=Sum("quantity"))):
        score[pid] = score.get(pid, 0) + KIND_WEIGHT[EventKind.PURCHASE] * qty
    for pid, kind, n in (Event.objects.filter(created_at__gte=since, kind__in=[EventKind.VIEW, EventKind.CART])
                         .values_list("product_id", "kind").annotate(n=Count("id"))):
        score[pid] = score.get(pid, 0) + KIND_WEIGHT[kind] * n
    live = Product.objects.filter(status=ProductStatus.ACTIVE, total_stock__gt=0)
    ok = servable(list(score))
    ranked = [pid for pid in sorted(score, key=lambda p: (-score[p], -p)) if pid in ok][:limit]
    if len(ranked) < limit:
        ranked += list(live.exclude(pk__in=ranked).order_by("-sold_count", "-id")
                       .values_list("pk", flat=True)[:limit - len(ranked)])
    cache.set(key, ranked, timeout=60)
    return ranked


def same_category(product_ids: list[int], limit: int = 100) -> list[tuple[int, int]]:
    """(candidate, anchor) pairs: products sharing an anchor's category, best sellers first."""
    anchors = dict(Product.objects.filter(pk__in=product_ids, category__isnull=False)
                   .values_list("pk", "category_id"))
    out: list[tuple[int, int]] = []
    for anchor in product_ids:
        category = anchors.get(anchor)
        if category is None:
            continue
        for pid in (Product.objects.filter(category_id=category, status=ProductStatus.ACTIVE, total_stock__gt=0)
                    .exclude(pk=anchor).order_by("-sold_count", "-id").values_list("pk", flat=True)[:limit]):
            out.append((pid, anchor))
    return out


def product_by_slug(slug: str) -> Product | None:
    return Product.objects.filter(slug=slug, status=ProductStatus.ACTIVE).only("pk", "title", "slug").first()


def cards(ids: list[int], *, currency: str) -> dict[int, dict]:
    rows = list(catalog.card_values(Product.objects.filter(pk__in=ids)))
    return {card["id"]: card for card in catalog.product_cards(rows, currency=currency)}


def titles(ids: set[int]) -> dict[int, dict]:
    return {row["id"]: dict(row) for row in Product.objects.filter(pk__in=ids).values("id", "slug", "title")}
