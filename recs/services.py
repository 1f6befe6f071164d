"""Writes of the recommendations app: behaviour events, visitors, purchases from orders,
impressions, settings, compaction. Training lives in recs.training."""
from __future__ import annotations

import operator
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from decimal import Decimal
from functools import reduce

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Case, Count, Q, Sum, When
from django.db.models.functions import TruncDate
from django.utils import timezone

from recs.models import Arm, DailyCount, Event, EventKind, RecsSettings, Visitor, Widget
from saas.kernel.errors import AppError, ErrorCode
from saas.kernel.tenancy import current_schema
from storefront.models import Product

VISITOR_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
CLIENT_KINDS = {EventKind.VIEW, EventKind.CART, EventKind.CLICK}
NEW_EVENTS_KEY = "recs:new-events"


def visitor_id_valid(value) -> bool:
    return isinstance(value, str) and bool(VISITOR_ID.match(value))


@dataclass(frozen=True)
class IncomingEvent:
    kind: str
    product_id: int | None
    slug: str = ""
    widget: str = ""
    request_id: uuid.UUID | None = None
    position: int | None = None
    quantity: int = 1


def visitor_touch(*, visitor_id: str, user=None, cart_token: uuid.UUID | None = None) -> Visitor:
    """Records that this browser is here, with this account and cart. The first time a visitor
    is seen signed in, their anonymous events become the account's."""
    visitor, _ = Visitor.objects.get_or_create(id=visitor_id)
    changed = []
    if user is not None and visitor.user_id != user.pk:
        visitor.user = user
        changed.append("user")
        Event.objects.filter(visitor_id=visitor_id, user__isnull=True).update(user=user)
    if cart_token is not None and visitor.cart_token != cart_token:
        visitor.cart_token = cart_token
        changed.append("cart_token")
    visitor.save(update_fields=[*changed, "last_seen"])
    return visitor


def _with_ids(events: list[IncomingEvent]) -> list[IncomingEvent]:
    """Events may name a product by slug (the cart knows slugs, not ids); an unknown slug stays None."""
    slugs = {e.slug for e in events if e.product_id is None}
    if not slugs:
        return events
    ids = dict(Product.objects.filter(slug__in=slugs).values_list("slug", "pk"))
    return [replace(e, product_id=ids.get(e.slug)) if e.product_id is None else e for e in events]


def _event_errors(events: list[IncomingEvent], visitor_id: str) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    ids = {e.product_id for e in events}
    known = set(Product.objects.filter(pk__in=ids).values_list("pk", flat=True))
    for i, event in enumerate(events):
        if event.product_id not in known:
            errors[f"events.{i}.product_id"] = ["No such product in this shop."]
    clicks = [(i, e) for i, e in enumerate(events) if e.kind == EventKind.CLICK]
    if clicks:
        shown = set(Event.objects.filter(
            kind=EventKind.IMPRESSION, request_id__in={e.request_id for _, e in clicks},
        ).values_list("request_id", "product_id", "visitor_id"))
        for i, event in clicks:
            if (event.request_id, event.product_id, visitor_id) not in shown:
                errors[f"events.{i}.request_id"] = ["This product was not recommended to you in that request."]
    return errors


def events_record(*, visitor_id: str, events: list[IncomingEvent], user=None,
                  cart_token: uuid.UUID | None = None) -> int:
    """Stores a beacon's batch: all of it, or (if any event is bad) none of it."""
    events = _with_ids(events)
    errors = _event_errors(events, visitor_id)
    if errors:
        raise AppError(ErrorCode.VALIDATION_ERROR, "Some events are not valid; none were stored.", fields=errors)
    now = timezone.now()
    with transaction.atomic():
        visitor = visitor_touch(visitor_id=visitor_id, user=user, cart_token=cart_token)
        arm = visitor_arm(visitor_id)
        clicks = {e.request_id: e for e in events if e.kind == EventKind.CLICK}
        arms = dict(Event.objects.filter(kind=EventKind.IMPRESSION, request_id__in=list(clicks))
                    .values_list("request_id", "arm").distinct()) if clicks else {}
        Event.objects.bulk_create(Event(
            kind=e.kind, visitor_id=visitor_id, user_id=visitor.user_id, product_id=int(e.product_id or 0),
            widget=e.widget, request_id=e.request_id, position=e.position, quantity=e.quantity,
            arm=arms.get(e.request_id, arm) if e.kind == EventKind.CLICK else "", created_at=now,
        ) for e in events)
    _count_new_events(len(events))
    return len(events)


def _count_new_events(n: int) -> None:
    """Enough new behaviour since the last training queues a retrain (one at a time)."""
    try:
        total = cache.incr(NEW_EVENTS_KEY, n)
    except ValueError:
        cache.set(NEW_EVENTS_KEY, n, timeout=None)
        total = n
    if total >= settings.RECS_RETRAIN_AFTER_EVENTS:
        cache.set(NEW_EVENTS_KEY, 0, timeout=None)
        from django_tenants.utils import schema_context

        from recs.training import training_queue

        schema = current_schema()

        def queue() -> None:
            with schema_context(schema):  # after commit the connection may be elsewhere
                training_queue(trigger="events", quiet=True)

        transaction.on_commit(queue)


def visitor_arm(visitor_id: str) -> str:
    """Deterministic by visitor id: the same browser lands in the same arm on every request."""
    from recs.holdout import in_holdout

    return Arm.HOLDOUT if in_holdout(visitor_id, holdout_share()) else Arm.MODEL


def holdout_share() -> float:
    value = cache.get("recs:holdout-share")
    if value is None:
        value = float(RecsSettings.load().holdout_share)
        cache.set("recs:holdout-share", value, timeout=300)
    return float(value)


def settings_update(*, holdout_share: Decimal) -> RecsSettings:
    if not Decimal("0") <= holdout_share <= Decimal("0.5"):
        raise AppError(ErrorCode.VALIDATION_ERROR, "The holdout share is between 0 and 50 %.",
                       fields={"holdout_share": ["Use a share between 0 and 0.5."]})
    row = RecsSettings.load()
    row.holdout_share = holdout_share
    row.save(update_fields=["holdout_share"])
    cache.delete("recs:holdout-share")
    transaction.on_commit(lambda: cache.delete("recs:holdout-share"))  # again, in case a reader re-cached it
    return row


def impressions_record(*, request_id: uuid.UUID, widget: str, visitor_id: str, user, arm: str,
                       served_by: str, product_ids: list[int]) -> None:
    now = timezone.now()
    Event.objects.bulk_create(Event(
        kind=EventKind.IMPRESSION, visitor_id=visitor_id, user=user, product_id=pid, widget=widget,
        request_id=request_id, arm=arm, position=i, served_by=served_by, created_at=now)
        for i, pid in enumerate(product_ids))


@dataclass(frozen=True)
class Purchase:
    product_id: int | None
    quantity: int
    revenue: Decimal


def purchases_record(*, order_id: int, user_id: int | None, cart_token: str | None, placed_at: datetime | None,
                     lines: Iterable[Purchase]) -> int:
    """An order's lines as purchase events, credited to the visitor who placed it: the browser
    last seen with the order's account, else the one that filled its guest cart (one query)."""
    clauses = ([Q(user_id=user_id)] if user_id else []) + ([Q(cart_token=cart_token)] if cart_token else [])
    visitor = None
    if clauses:
        visitor = (Visitor.objects.filter(reduce(operator.or_, clauses))
                   .order_by(Case(When(user_id=user_id, then=0), default=1), "-last_seen").first())
    visitor_id = visitor.id if visitor else ""
    arm = visitor_arm(visitor_id) if visitor_id else ""
    rows = [Event(kind=EventKind.PURCHASE, visitor_id=visitor_id, user_id=user_id, product_id=line.product_id,
                  order_id=order_id, quantity=line.quantity, revenue=line.revenue, arm=arm,
                  created_at=placed_at or timezone.now())
            for line in lines if line.product_id is not None]
    if len(rows) == 1:
        rows[0].save(force_insert=True)  # one statement; bulk_create would open a transaction around it
    else:
        Event.objects.bulk_create(rows)
    _count_new_events(len(rows))
    return len(rows)


def events_compact(*, older_than: timedelta | None = None) -> int:
    """Raw events older than the window become daily counts per product, kind and widget
    (purchases stay in the orders they came from)."""
    cutoff = timezone.now() - (older_than or timedelta(days=settings.RECS_RAW_EVENT_DAYS))
    with transaction.atomic():
        old = Event.objects.filter(created_at__lt=cutoff)
        rows = (old.annotate(day=TruncDate("created_at")).values("day", "product_id", "kind", "widget")
                .annotate(n=Count("id"), money=Sum("revenue")))
        for row in rows:
            daily, _ = DailyCount.objects.select_for_update().get_or_create(
                day=row["day"], product_id=row["product_id"], kind=row["kind"], widget=row["widget"])
            daily.count += row["n"]
            daily.revenue += row["money"] or Decimal("0")
            daily.save(update_fields=["count", "revenue"])
        deleted, _ = old.delete()
    return deleted


__all__ = ["IncomingEvent", "Widget", "events_compact", "events_record", "impressions_record",
           "Purchase", "purchases_record", "settings_update", "visitor_arm", "visitor_id_valid", "visitor_touch"]
