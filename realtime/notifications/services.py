"""Writes of the inbox, promotions and feed. Store first, push after commit: the row (with its
per-recipient sequence number) is the record, the socket frame a fast path a client may miss
and then replays (`notifications_after`)."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import connection, transaction
from django.utils import timezone

from realtime.groups import feed_group, shop_group, user_group, visitors_group
from realtime.notifications.models import FeedItem, Notification, Promotion, RecipientSequence
from saas.kernel.tenancy import current_schema


@dataclass(frozen=True)
class Draft:
    """What one notification says (the same for every recipient of a fan-out)."""
    kind: str
    title: str
    body: str = ""
    link: str = ""
    data: dict | None = None


def notification_payload(n: Notification) -> dict:
    return {"type": "notification", "id": n.pk, "seq": n.seq, "kind": n.kind, "title": n.title, "body": n.body,
            "link": n.link, "data": n.data, "created_at": n.created_at.isoformat(),
            "read": n.read_at is not None}


def _next_seqs(user_ids: Sequence[int]) -> dict[int, int]:
    """Takes the next number of each recipient in one statement (row locks, in id order so
    two fan-outs never deadlock); the caller's transaction holds them until it commits."""
    table = connection.ops.quote_name(RecipientSequence._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (user_id, last_seq) SELECT u, 1 FROM unnest(%s::bigint[]) AS u ORDER BY u "
            f"ON CONFLICT (user_id) DO UPDATE SET last_seq = {table}.last_seq + 1 RETURNING user_id, last_seq",
            [sorted(set(user_ids))])
        return dict(cursor.fetchall())


# A fan-out to at least this many recipients goes to the shop's group as one message, unless
# the shop has far more sockets than recipients (see _fan_out).
SHOP_MESSAGE_MIN_RECIPIENTS = 8
# ...where one message wakes every socket of the shop (a dictionary lookup each), against a
# group_send per recipient (several Redis round trips on both sides): worth it up to this many
# sockets per recipient.
SHOP_MESSAGE_SOCKETS_PER_RECIPIENT = 16


def _push(schema_name: str, frames: list[tuple[str, dict]]) -> None:
    layer = get_channel_layer()
    if layer is None or not frames:
        return

    async def send_all() -> None:
        for group, message in frames:
            await layer.group_send(group, {"type": "notify", "message": message})

    async_to_sync(send_all)()


def _fan_out(schema_name: str, rows: list[Notification]) -> None:
    """Pushes each stored row to its recipient's sockets. Many recipients: one message to the
    shop's group holding every recipient's frame by id; channels-redis stores it once per server
    process, not per socket, and each socket sends on only its own person's frame
    (NotificationConsumer.notify_many). Few: a group_send per recipient's own group."""
    layer = get_channel_layer()
    if layer is None or not rows:
        return

    async def send() -> None:
        if len(rows) >= SHOP_MESSAGE_MIN_RECIPIENTS:
            sockets = await layer.connection(layer.consistent_hash(shop_group(schema_name))).zcard(
                layer._group_key(shop_group(schema_name)))
            if sockets <= len(rows) * SHOP_MESSAGE_SOCKETS_PER_RECIPIENT:
                await layer.group_send(shop_group(schema_name), {
                    "type": "notify.many", "frames": {str(row.recipient_id): notification_payload(row) for row in rows}})
                return
        for row in rows:
            await layer.group_send(user_group(schema_name, row.recipient_id),
                                   {"type": "notify", "message": notification_payload(row)})

    async_to_sync(send)()


def notifications_create(*, user_ids: Iterable[int], draft: Draft, promotion: Promotion | None = None
                         ) -> list[Notification]:
    """Stores `draft` for each recipient (numbered), and pushes each to its recipient's open
    sockets once the transaction commits."""
    ids = sorted(set(user_ids))
    if not ids:
        return []
    schema = current_schema()
    with transaction.atomic():
        seqs = _next_seqs(ids)
        rows = Notification.objects.bulk_create([
            Notification(recipient_id=uid, seq=seqs[uid], kind=draft.kind, title=draft.title[:200], body=draft.body,
                         link=draft.link[:500], data=draft.data or {}, promotion=promotion) for uid in ids])
        transaction.on_commit(lambda: _fan_out(schema, rows))
    return rows


def notification_create(*, user_id: int, draft: Draft) -> Notification:
    return notifications_create(user_ids=[user_id], draft=draft)[0]


def notifications_mark_read(*, user_id: int, ids: Sequence[int] | None = None) -> int:
    """Marks the given notifications (all unread ones when `ids` is None) read; returns how many."""
    qs = Notification.objects.filter(recipient_id=user_id, read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    now = timezone.now()
    count = qs.update(read_at=now)
    Notification.objects.filter(recipient_id=user_id, read_at=now, delivered_at__isnull=True).update(delivered_at=now)
    return count


def notifications_mark_delivered(*, user_id: int, up_to_seq: int) -> int:
    return Notification.objects.filter(recipient_id=user_id, seq__lte=up_to_seq, delivered_at__isnull=True).update(
        delivered_at=timezone.now())


def visitors_broadcast(*, schema_name: str, message: dict) -> None:
    _push(schema_name, [(visitors_group(schema_name), message)])


def feed_item_create(*, kind: str, area: str, title: str, link: str = "", data: dict | None = None) -> FeedItem:
    item = FeedItem.objects.create(kind=kind, area=area, title=title[:200], link=link, data=data or {})
    schema = current_schema()
    frame = {"type": "feed", "item": feed_item_payload(item)}
    transaction.on_commit(lambda: _push(schema, [(feed_group(schema, area), frame)]))
    return item


def feed_item_payload(item: FeedItem) -> dict:
    return {"id": item.pk, "kind": item.kind, "area": item.area, "title": item.title, "link": item.link,
            "data": item.data, "created_at": item.created_at.isoformat()}
