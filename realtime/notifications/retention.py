"""The retention rule: notifications are kept NOTIFICATION_RETENTION_DAYS and at most
NOTIFICATION_MAX_PER_RECIPIENT per person, feed items FEED_RETENTION_DAYS. Beat runs it daily in
every shop (realtime.notifications.tasks).

Per recipient only the oldest numbers go, so what is kept is always "everything after n". That
n is written to RecipientSequence.pruned_through *before* the rows are deleted, so a client that
resumes from below it is told ("pruned") rather than left with a silent gap. Deletes run in
batches of RETENTION_DELETE_BATCH rows, each its own short statement, so no lock is held for
long; a deleted promotion notification's reached/opened is folded into its promotion first."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from realtime.notifications.models import FeedItem, Notification, Promotion, RecipientSequence

RECIPIENTS_PER_STEP = 500


@dataclass(frozen=True)
class Pruned:
    notifications: int
    recipients: int
    feed_items: int


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _floors(cutoff: datetime, keep: int) -> list[tuple[int, int]]:
    """(recipient, highest number to remove) for every recipient with something to remove."""
    floor = "GREATEST(COALESCE(MAX(seq) FILTER (WHERE created_at < %s), 0), MAX(seq) - %s)"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT recipient_id, {floor} FROM {_table(Notification)} GROUP BY recipient_id "
                       f"HAVING MIN(seq) <= {floor} ORDER BY recipient_id", [cutoff, keep, cutoff, keep])
        return [(int(uid), int(n)) for uid, n in cursor.fetchall()]


def _raise_floors(user_ids: list[int], floors: list[int]) -> None:
    # Locks in id order, as notifications_create takes them, so the two never deadlock.
    seq = _table(RecipientSequence)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"WITH locked AS (SELECT user_id FROM {seq} WHERE user_id = ANY(%s) ORDER BY user_id FOR UPDATE) "
            f"UPDATE {seq} SET pruned_through = GREATEST({seq}.pruned_through, f.floor) "
            f"FROM unnest(%s::bigint[], %s::bigint[]) AS f(uid, floor), locked "
            f"WHERE {seq}.user_id = f.uid AND locked.user_id = f.uid", [user_ids, user_ids, floors])


def _delete_batch(user_ids: list[int], floors: list[int], batch: int) -> int:
    notes, promos = _table(Notification), _table(Promotion)
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH doomed AS (SELECT n.id FROM {notes} n JOIN unnest(%s::bigint[], %s::bigint[]) AS f(uid, floor) "
            f"  ON n.recipient_id = f.uid AND n.seq <= f.floor LIMIT %s), "
            f"gone AS (DELETE FROM {notes} WHERE id IN (SELECT id FROM doomed) "
            f"  RETURNING promotion_id, delivered_at, read_at), "
            f"counted AS (SELECT promotion_id, COUNT(*) FILTER (WHERE delivered_at IS NOT NULL) AS reached, "
            f"  COUNT(*) FILTER (WHERE read_at IS NOT NULL) AS opened FROM gone "
            f"  WHERE promotion_id IS NOT NULL GROUP BY promotion_id), "
            f"folded AS (UPDATE {promos} p SET pruned_reached = p.pruned_reached + c.reached, "
            f"  pruned_opened = p.pruned_opened + c.opened FROM counted c WHERE p.id = c.promotion_id RETURNING 1) "
            f"SELECT (SELECT COUNT(*) FROM gone), (SELECT COUNT(*) FROM folded)", [user_ids, floors, batch])
        return int(cursor.fetchone()[0])


def notifications_prune(*, now: datetime | None = None, days: int | None = None, keep: int | None = None,
                        batch: int | None = None) -> tuple[int, int]:
    """Removes what the rule no longer keeps in the current shop; returns (rows, recipients)."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.NOTIFICATION_RETENTION_DAYS if days is None else days)
    keep = settings.NOTIFICATION_MAX_PER_RECIPIENT if keep is None else keep
    batch = batch or settings.RETENTION_DELETE_BATCH
    floors = _floors(cutoff, keep)
    removed = 0
    for start in range(0, len(floors), RECIPIENTS_PER_STEP):
        step = floors[start:start + RECIPIENTS_PER_STEP]
        user_ids, highest = [uid for uid, _ in step], [n for _, n in step]
        _raise_floors(user_ids, highest)
        while (deleted := _delete_batch(user_ids, highest, batch)) > 0:
            removed += deleted
            if deleted < batch:
                break
    return removed, len(floors)


def feed_items_prune(*, now: datetime | None = None, days: int | None = None, batch: int | None = None) -> int:
    cutoff = (now or timezone.now()) - timedelta(days=settings.FEED_RETENTION_DAYS if days is None else days)
    batch = batch or settings.RETENTION_DELETE_BATCH
    last = FeedItem.objects.filter(created_at__lt=cutoff).aggregate(m=Max("id"))["m"]
    if last is None:
        return 0
    feed, removed = _table(FeedItem), 0
    with connection.cursor() as cursor:
        while True:
            cursor.execute(f"DELETE FROM {feed} WHERE id IN (SELECT id FROM {feed} WHERE id <= %s ORDER BY id "
                           f"LIMIT %s)", [last, batch])
            removed += cursor.rowcount
            if cursor.rowcount < batch:
                return removed


def retention_apply(*, now: datetime | None = None) -> Pruned:
    rows, recipients = notifications_prune(now=now)
    return Pruned(notifications=rows, recipients=recipients, feed_items=feed_items_prune(now=now))
