"""Reads of the inbox and the feed."""
from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, IntegerField, Max, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from realtime.notifications.models import FeedItem, Notification, RecipientSequence
from saas.accounts.models import User
from saas.accounts.roles import role_allows

REPLAY_LIMIT = 200


def notifications_of(*, user_id: int, unread_only: bool = False) -> QuerySet[Notification]:
    qs = Notification.objects.filter(recipient_id=user_id)
    return qs.filter(read_at__isnull=True) if unread_only else qs


def notifications_after(*, user_id: int, after_seq: int, limit: int = REPLAY_LIMIT) -> list[Notification]:
    """What a reconnecting client missed, oldest first (it asks again from the last one it got
    when there were more than `limit`)."""
    return list(Notification.objects.filter(recipient_id=user_id, seq__gt=after_seq).order_by("seq")[:limit])


def notification_unread_count(*, user_id: int) -> int:
    return Notification.objects.filter(recipient_id=user_id, read_at__isnull=True).count()


def notification_last_seq(*, user_id: int) -> int:
    row = RecipientSequence.objects.filter(user_id=user_id).values_list("last_seq", flat=True).first()
    return row or 0


def notification_pruned_through(*, user_id: int) -> int:
    """The highest number the retention rule removed for this person (0: none)."""
    row = RecipientSequence.objects.filter(user_id=user_id).values_list("pruned_through", flat=True).first()
    return row or 0


@dataclass(frozen=True)
class ReplayPage:
    pruned_through: int
    rows: list[Notification]  # the kept ones after the number asked for, oldest first
    next_after: int  # where the next page starts
    done: bool


def notifications_replay(*, user_id: int, after_seq: int) -> ReplayPage:
    """One page of a reconnect's replay. The rows are read before the floor, so a prune that
    removed some of them meanwhile has already raised the floor returned with them."""
    rows = notifications_after(user_id=user_id, after_seq=after_seq)
    floor = notification_pruned_through(user_id=user_id)
    return ReplayPage(pruned_through=floor, rows=[row for row in rows if row.seq > floor],
                      next_after=max(after_seq, floor, rows[-1].seq if rows else 0), done=not rows)


def person_for_socket(*, user_id: int) -> dict | None:
    """An active person's id, e-mail and role with their last number and unread count, in one
    statement (what a socket says in its hello), or None."""
    last_seq = RecipientSequence.objects.filter(user_id=OuterRef("pk")).values("last_seq")[:1]
    unread = (Notification.objects.filter(recipient_id=OuterRef("pk"), read_at__isnull=True).order_by()
              .values("recipient_id").annotate(n=Count("*")).values("n")[:1])
    return (User.objects.filter(pk=user_id, is_active=True)
            .annotate(last_seq=Coalesce(Subquery(last_seq), Value(0)),
                      unread=Coalesce(Subquery(unread, output_field=IntegerField()), Value(0)))
            .values("id", "email", "role", "last_seq", "unread").first())


def feed_areas_for(role: str) -> list[str]:
    from realtime.notifications.models import FeedArea

    return [area.value for area in FeedArea if role_allows(role, area.value, write=False)]


def feed_items_for(*, role: str, after_id: int = 0, limit: int = 50) -> list[FeedItem]:
    return list(FeedItem.objects.filter(area__in=feed_areas_for(role), pk__gt=after_id).order_by("-id")[:limit])


def feed_last_id() -> int:
    return FeedItem.objects.aggregate(m=Max("id"))["m"] or 0
