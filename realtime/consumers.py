"""WebSocket consumers. The shop comes from tenants.asgi.ShopWebsocketMiddleware (scope["shop"]).

database_sync_to_async calls share one thread, so a schema set by one call would leak into
the next: every database call here sets the schema it needs itself (`in_schema`).

Frames from the client: {"type": "ping"}, {"type": "resume", "after": n} (replays the stored
notifications numbered above n, first {"type": "pruned", "through": p} when the retention rule
removed numbers above n, then {"type": "resumed", "last_seq": m}) and
{"type": "seen", "seq": n} (acknowledges up to n). Anything else gets an error frame; frames
over MAX_FRAME_CHARS or faster than the rate limit close this socket only."""
from __future__ import annotations

import asyncio
import json
import time
from urllib.parse import parse_qs

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from realtime.dispatch import DirectDispatch
from realtime.groups import feed_group, shop_group, user_group, visitors_group
from saas.kernel.tenancy import tenant_connection

CLOSE_UNAUTHORIZED = 4401
CLOSE_SUSPENDED = 4403
CLOSE_TOO_BIG = 1009
CLOSE_FLOODING = 4429

MAX_FRAME_CHARS = 4096
# A token bucket per socket: bursts of RATE_BURST frames, RATE_PER_SECOND sustained. The
# client sends a ping every 25 s and a few acknowledgements: far below either.
RATE_BURST = 30
RATE_PER_SECOND = 5.0
RENEW_AFTER_SECONDS = 20.0


def in_schema(schema_name: str, fn, *args, **kwargs):
    tenant_connection().set_schema(schema_name)
    try:
        return fn(*args, **kwargs)
    finally:
        tenant_connection().set_schema_to_public()


def _redeem(ticket: str):
    """The ticket (one Redis GETDEL), then the person with their last number and unread count
    in one statement: a connect costs three round trips, the schema's SET included."""
    from realtime.notifications.selectors import feed_areas_for, person_for_socket
    from realtime.services import ws_ticket_redeem
    from saas.accounts.models import STAFF_ROLES

    redeemed = ws_ticket_redeem(ticket=ticket)
    if redeemed is None:
        return None
    if redeemed.user_id is None:
        return {"id": None, "email": None, "role": None, "last_seq": 0, "unread": 0, "feed": [],
                "visitor_key": redeemed.visitor}
    user = person_for_socket(user_id=redeemed.user_id)
    if user is None:
        return None
    user["feed"] = feed_areas_for(user["role"]) if user["role"] in STAFF_ROLES else []
    return user


def _replay(user_id: int, after: int) -> tuple[list[dict], int, bool]:
    """(frames, where the next page starts, done). Numbers the retention rule removed are
    announced once as {"type": "pruned", "through": n} ahead of what is left after them."""
    from realtime.notifications.selectors import notifications_replay
    from realtime.notifications.services import notification_payload

    page = notifications_replay(user_id=user_id, after_seq=after)
    frames = [{"type": "pruned", "through": page.pruned_through}] if page.pruned_through > after else []
    frames += [notification_payload(n) for n in page.rows]
    return frames, page.next_after, page.done


def _seen(user_id: int, seq: int) -> None:
    from realtime.notifications.services import notifications_mark_delivered

    notifications_mark_delivered(user_id=user_id, up_to_seq=seq)


def _promotion_visitor(promotion_id: int, visitor: str, opened: bool) -> None:
    from realtime.notifications.visitors import promotion_visitor_record

    promotion_visitor_record(promotion_id=promotion_id, visitor=visitor, opened=opened)


def _non_negative_int(value) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


class NotificationConsumer(DirectDispatch, AsyncJsonWebsocketConsumer):
    """One person's live feed on one shop: their stored notifications (with replay), order
    updates, and for staff the dashboard feed of the areas their role may read. A visitor's
    socket (no sign-in) hears public promotions only."""

    async def connect(self):
        shop = self.scope["shop"]
        self.schema = shop.schema_name
        ticket = parse_qs(self.scope.get("query_string", b"").decode()).get("ticket", [""])[0]
        user = await database_sync_to_async(in_schema)(self.schema, _redeem, ticket) if ticket else None
        if user is None:
            await self.close(code=CLOSE_UNAUTHORIZED)
            return
        self.user = user
        self.tokens, self.refilled = float(RATE_BURST), time.monotonic()
        self.renewed = time.monotonic()  # joined below
        if user["id"] is None:
            self.groups_joined = [shop_group(self.schema), visitors_group(self.schema)]
        else:
            self.groups_joined = [shop_group(self.schema), user_group(self.schema, user["id"]),
                                  *(feed_group(self.schema, area) for area in user["feed"])]
        self.frame_key = None if user["id"] is None else str(user["id"])
        await asyncio.gather(*(self.channel_layer.group_add(group, self.channel_name) for group in self.groups_joined))
        self.send_lock = asyncio.Lock()  # a replay and the live frames it overlaps go out in turn
        if self.frame_key is not None and hasattr(self.channel_layer, "fanout_join"):
            # a shop-wide fan-out arrives once per process (realtime.notifications.services._fan_out)
            self.fanout_queue: asyncio.Queue = asyncio.Queue()
            self.fanout_task = asyncio.create_task(self._drain_fanout())
            await self.channel_layer.fanout_join(shop_group(self.schema), self.channel_name,
                                                 self.fanout_queue.put_nowait)
        await self.accept()
        await self.send_json({"type": "hello", "shop": shop.subdomain, "user": user["email"],
                              "visitor": user["id"] is None, "last_seq": user["last_seq"], "unread": user["unread"],
                              "feed": user["feed"]})

    async def _drain_fanout(self) -> None:
        while True:
            await self.notify_many(await self.fanout_queue.get())

    async def _leave_fanout(self) -> None:
        task = self.__dict__.pop("fanout_task", None)
        if task is not None:
            task.cancel()
            await self.channel_layer.fanout_leave(shop_group(self.schema), self.channel_name)

    async def __call__(self, scope, receive, send):
        try:
            await super().__call__(scope, receive, send)
        finally:  # also when the consumer crashed (Redis gone) and disconnect() never ran
            await self._leave_fanout()

    async def disconnect(self, code):
        await self._leave_fanout()
        for group in getattr(self, "groups_joined", []):
            await self.channel_layer.group_discard(group, self.channel_name)

    def _within_rate(self) -> bool:
        now = time.monotonic()
        self.tokens = min(float(RATE_BURST), self.tokens + (now - self.refilled) * RATE_PER_SECOND)
        self.refilled = now
        if self.tokens < 1:
            return False
        self.tokens -= 1
        return True

    async def error(self, code: str, message: str) -> None:
        await self.send_json({"type": "error", "code": code, "message": message})

    async def receive(self, text_data=None, bytes_data=None, **kwargs):
        if getattr(self, "closing", False):
            return  # frames already queued when it closed are not acted on
        if not self._within_rate():
            self.closing = True
            await self.close(code=CLOSE_FLOODING)
            return
        if text_data is None:
            await self.error("binary_frame", "Frames are JSON text.")
            return
        if len(text_data) > MAX_FRAME_CHARS:
            self.closing = True
            await self.close(code=CLOSE_TOO_BIG)
            return
        try:
            content = json.loads(text_data)
        except ValueError:
            await self.error("bad_json", "A frame must be a JSON object.")
            return
        if not isinstance(content, dict):
            await self.error("bad_json", "A frame must be a JSON object.")
            return
        await self.receive_json(content)

    async def receive_json(self, content, **kwargs):
        kind = content.get("type")
        if kind == "ping":
            # Renews this socket's group memberships, which the channel layer forgets after
            # its group_expiry (see CHANNEL_LAYERS) or when Redis restarted empty: a page open
            # for days keeps its feed. The browser pings every 25 s; a client that pings more
            # often renews no more often than RENEW_AFTER_SECONDS (each renewal is a round trip
            # per group, and 1,500 sockets pinging every 5 s exhausted the layer's pool).
            if time.monotonic() - self.renewed >= RENEW_AFTER_SECONDS:
                self.renewed = time.monotonic()
                try:
                    await asyncio.gather(*(self.channel_layer.group_add(group, self.channel_name)
                                           for group in self.groups_joined))
                except Exception:  # Redis busy or away: the memberships stand until expiry, retry next ping
                    self.renewed = float("-inf")
            await self.send_json({"type": "pong"})
        elif kind in ("resume", "seen"):
            await self._inbox_frame(kind, content)
        elif kind in ("promotion_seen", "promotion_opened"):
            await self._promotion_frame(kind == "promotion_opened", _non_negative_int(content.get("id")))
        else:
            await self.error("unknown_type", "Unknown frame type.")

    async def _inbox_frame(self, kind: str, content: dict) -> None:
        if self.user["id"] is None:
            await self.error("not_signed_in", "Only a signed-in person has an inbox.")
            return
        number = _non_negative_int(content.get("after" if kind == "resume" else "seq"))
        if number is None:
            await self.error("bad_frame", "Say which number, as a whole number of 0 or more.")
            return
        if kind == "seen":
            await database_sync_to_async(in_schema)(self.schema, _seen, self.user["id"], number)
            return
        # Joined the groups before reading: what commits from now on is pushed, what committed
        # before is in the replay (a frame in both is told apart by its seq on the client).
        after, done = number, False
        async with self.send_lock:
            while not done:
                frames, after, done = await database_sync_to_async(in_schema)(self.schema, _replay, self.user["id"],
                                                                             after)
                for frame in frames:
                    await self.send_json(frame)
            await self.send_json({"type": "resumed", "last_seq": after})

    async def _promotion_frame(self, opened: bool, promotion_id) -> None:
        """A visitor's socket says it showed (or the visitor opened) a public promotion: counted
        once per visitor, and only for a promotion this socket was sent."""
        shown: dict[int, int] = getattr(self, "promotions_shown", {})
        if self.user["id"] is not None or promotion_id not in shown:
            await self.error("unknown_promotion", "This socket was not sent that promotion.")
            return
        visitor, wanted = self.user.get("visitor_key"), 2 if opened else 1  # 0 sent, 1 reached, 2 opened
        if visitor is None or shown[promotion_id] >= wanted:  # an uncounted visitor, or counted already
            return
        shown[promotion_id] = wanted
        await database_sync_to_async(in_schema)(self.schema, _promotion_visitor, promotion_id, visitor, opened)

    async def notify(self, event):
        message = event["message"]
        if self.user["id"] is None and message.get("type") == "promotion" and isinstance(message.get("id"), int):
            self.promotions_shown = getattr(self, "promotions_shown", {})
            self.promotions_shown.setdefault(message["id"], 0)
        await self.send_json(message)

    async def notify_many(self, event):
        """A fan-out sent once to the shop's group (realtime.notifications.services._fan_out):
        one frame per recipient, by id; this socket sends on its own person's only. The same
        message object is handed to every socket of the shop in this process: read it, never
        change it."""
        frame = event["frames"].get(self.frame_key) if self.frame_key is not None else None
        if frame is not None:
            async with self.send_lock:
                await self.send_json(frame)

    async def shop_suspended(self, event):
        await self.close(code=CLOSE_SUSPENDED)

    async def session_revoked(self, event):
        await self.close(code=CLOSE_UNAUTHORIZED)
