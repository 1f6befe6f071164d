"""Writes of the inbox, promotions and feed. Store first, push after commit: the row (with its
per-recipient sequence number) is the record, the socket frame a fast path a client may miss
and then replays (`notifications_after`)."""
from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from channels.layers import get_channel_layer
from django.db import connection, transaction
from django.utils import timezone

from realtime.groups import feed_group, shop_group, user_group, visitors_group
from realtime.notifications.models import FeedItem, Notification, Promotion, RecipientSequence
from realtime.push import run_push
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


def _store(ids: list[int], draft: Draft, promotion: Promotion | None) -> list[Notification]:
    """Takes the next number of each recipient and stores their row, in one statement: the
    sequence rows are locked in id order (so two fan-outs never deadlock) and held by the
    caller's transaction until it commits, so numbers have no gaps."""
    seq_table = connection.ops.quote_name(RecipientSequence._meta.db_table)
    table = connection.ops.quote_name(Notification._meta.db_table)
    now = timezone.now()
    title, link, data = draft.title[:200], draft.link[:500], draft.data or {}
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH seqs AS (INSERT INTO {seq_table} (user_id, last_seq) "
            f"SELECT u, 1 FROM unnest(%s::bigint[]) AS u ORDER BY u "
            f"ON CONFLICT (user_id) DO UPDATE SET last_seq = {seq_table}.last_seq + 1 RETURNING user_id, last_seq) "
            f"INSERT INTO {table} (recipient_id, seq, kind, title, body, link, data, promotion_id, created_at) "
            f"SELECT user_id, last_seq, %s, %s, %s, %s, %s::jsonb, %s, %s FROM seqs ORDER BY user_id "
            f"RETURNING id, recipient_id, seq",
            [ids, draft.kind, title, draft.body, link, json.dumps(data), promotion.pk if promotion else None, now])
        returned = sorted(cursor.fetchall(), key=lambda r: r[1])
    rows = []
    for pk, recipient_id, seq in returned:
        row = Notification(id=pk, recipient_id=recipient_id, seq=seq, kind=draft.kind, title=title, body=draft.body,
                           link=link, data=data, promotion=promotion, created_at=now)
        row._state.adding, row._state.db = False, connection.alias
        rows.append(row)
    return rows


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

    run_push(send_all)


def _fan_out(schema_name: str, rows: list[Notification]) -> None:
    """Pushes each stored row to its recipient's sockets. Many recipients: one message for the
    whole shop holding every recipient's frame by id, published once and read once per server
    process (saas.channel_layer's fan-out), each socket sending on its own person's frame only
    (NotificationConsumer.notify_many). Few: a group_send per recipient's own group."""
    layer = get_channel_layer()
    if layer is None or not rows:
        return

    async def send() -> None:
        if len(rows) >= SHOP_MESSAGE_MIN_RECIPIENTS:
            sockets = await layer.group_size(shop_group(schema_name))  # (saas.channel_layer)
            if sockets <= len(rows) * SHOP_MESSAGE_SOCKETS_PER_RECIPIENT:
                frames = {str(r.recipient_id): notification_payload(r) for r in rows}
                message = {"type": "notify.many", "frames": frames}
                publish = getattr(layer, "fanout_publish", None)  # once per process (saas.channel_layer)
                await (publish or layer.group_send)(shop_group(schema_name), message)
                return
        for row in rows:
            await layer.group_send(user_group(schema_name, row.recipient_id),
                                   {"type": "notify", "message": notification_payload(row)})

    run_push(send)


def notifications_create(*, user_ids: Iterable[int], draft: Draft, promotion: Promotion | None = None
                         ) -> list[Notification]:
    """Stores `draft` for each recipient (numbered), and pushes each to its recipient's open
    sockets once the transaction commits."""
    ids = sorted(set(user_ids))
    if not ids:
        return []
    schema = current_schema()
    with transaction.atomic():
        rows = _store(ids, draft, promotion)
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
