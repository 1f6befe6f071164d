"""Live figures for the merchant's panel, per widget and per holdout arm.

Attribution rule (shown on screen): an add-to-cart or an ordered line counts for a widget when
the same visitor clicked that product in that widget within RECS_ATTRIBUTION_DAYS before."""
from __future__ import annotations

from collections import defaultdict
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.db import connection
from django.db.models import Count, Min
from django.utils import timezone

from recs.holdout import mean_ci, proportion_ci
from recs.models import Arm, Event, EventKind, Widget

ATTRIBUTED_SQL = """
SELECT DISTINCT ON (p.id) p.id, p.kind, p.order_id, p.revenue, c.widget
FROM recs_event p
JOIN recs_event c
  ON c.kind = 'click' AND c.visitor_id = p.visitor_id AND c.product_id = p.product_id
 AND c.created_at <= p.created_at AND p.created_at <= c.created_at + %s
WHERE p.kind IN ('cart', 'purchase') AND p.created_at >= %s AND p.visitor_id <> ''
ORDER BY p.id, c.created_at DESC
"""


def _money(value: Decimal | float) -> str:
    return f"{Decimal(value).quantize(Decimal('0.01'))}"


def widget_figures(*, days: int) -> list[dict]:
    since = timezone.now() - timedelta(days=days)
    counts: dict[tuple[str, str], int] = {
        (w, k): n for w, k, n in Event.objects.filter(created_at__gte=since, kind__in=[
            EventKind.IMPRESSION, EventKind.CLICK]).values_list("widget", "kind").annotate(n=Count("id"))}
    served: dict[str, dict[str, int]] = defaultdict(dict)
    for w, by, n in (Event.objects.filter(created_at__gte=since, kind=EventKind.IMPRESSION)
                     .values_list("widget", "served_by").annotate(n=Count("id"))):
        served[w][by or "unknown"] = n
    carts: dict[str, int] = defaultdict(int)
    orders: dict[str, set[int]] = defaultdict(set)
    revenue: dict[str, Decimal] = defaultdict(Decimal)
    with connection.cursor() as cursor:
        cursor.execute(ATTRIBUTED_SQL, [timedelta(days=settings.RECS_ATTRIBUTION_DAYS), since])  # type: ignore[list-item]
        for _, kind, order_id, money, widget in cursor.fetchall():
            if kind == EventKind.CART:
                carts[widget] += 1
            else:
                orders[widget].add(order_id)
                revenue[widget] += money
    out = []
    for widget, label in Widget.choices:
        shown, clicked = counts.get((widget, EventKind.IMPRESSION), 0), counts.get((widget, EventKind.CLICK), 0)
        out.append({"widget": widget, "label": label, "impressions": shown, "clicks": clicked,
                    "ctr": clicked / shown if shown else None, "add_to_carts": carts[widget],
                    "orders": len(orders[widget]), "revenue": _money(revenue[widget]),
                    "served_by": served.get(widget, {})})
    return out


def arm_figures(*, days: int) -> list[dict]:
    """Click-through and revenue per exposed visitor in each arm, with 95 % intervals. Revenue is
    every order line of the visitor after first being shown recommendations, not only the
    attributed ones: the holdout sees popularity, and the difference is the model's measured lift."""
    since = timezone.now() - timedelta(days=days)
    exposed: dict[str, dict[str, object]] = {}
    for visitor, arm, first in (Event.objects.filter(kind=EventKind.IMPRESSION, created_at__gte=since)
                                .exclude(visitor_id="").values_list("visitor_id", "arm")
                                .annotate(first=Min("created_at"))):
        exposed.setdefault(visitor, {"arm": arm, "first": first})
    shown: dict[str, int] = defaultdict(int)
    clicked: dict[str, int] = defaultdict(int)
    for arm, kind, n in (Event.objects.filter(created_at__gte=since, kind__in=[EventKind.IMPRESSION, EventKind.CLICK])
                         .exclude(visitor_id="").values_list("arm", "kind").annotate(n=Count("id"))):
        (shown if kind == EventKind.IMPRESSION else clicked)[arm] += n
    spend: dict[str, Decimal] = defaultdict(Decimal)
    for visitor, money, when in (Event.objects.filter(kind=EventKind.PURCHASE, created_at__gte=since,
                                                      visitor_id__in=list(exposed))
                                 .values_list("visitor_id", "revenue", "created_at")):
        if when >= exposed[visitor]["first"]:  # type: ignore[operator]
            spend[visitor] += money
    out = []
    for arm, label in Arm.choices:
        visitors = [v for v, info in exposed.items() if info["arm"] == arm]
        per_visitor = [float(spend[v]) for v in visitors]
        ctr_ci = proportion_ci(clicked[arm], shown[arm])
        rpv_ci = mean_ci(per_visitor)
        out.append({
            "arm": arm, "label": label, "visitors": len(visitors), "impressions": shown[arm], "clicks": clicked[arm],
            "ctr": clicked[arm] / shown[arm] if shown[arm] else None, "ctr_ci": list(ctr_ci) if ctr_ci else None,
            "revenue_per_visitor": _money(sum(per_visitor) / len(per_visitor)) if per_visitor else None,
            "revenue_per_visitor_ci": [_money(max(rpv_ci[0], 0)), _money(rpv_ci[1])] if rpv_ci else None,
        })
    return out
