"""The support chat socket, /ws/support/?ticket=... (tickets from /api/support/ticket/).

Frames from the client: ping, subscribe {conversation, after}, message {conversation, body,
client_id}, typing {conversation}, read {conversation, seq}. A bad frame gets an error frame
and changes nothing else; a socket that keeps flooding is closed with 4429. Every database
call sets its own schema (database_sync_to_async calls share one thread)."""
from __future__ import annotations

import json
import time
from dataclasses import dataclass
from urllib.parse import parse_qs

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer

from realtime.dispatch import DirectDispatch
from realtime.groups import shop_group, user_group
from realtime.support import (
    conversation_group,
    shoppers_group,
    staff_group,
)
from saas.kernel.tenancy import tenant_connection

CLOSE_UNAUTHORIZED = 4401
CLOSE_FORBIDDEN = 4403
CLOSE_FLOODING = 4429
MAX_FRAME_CHARS = 16 * 1024
BURST = 20  # frames a socket may send at once...
REFILL_PER_SECOND = 5.0  # ...and how fast that allowance comes back
REFUSALS_BEFORE_CLOSE = 40


def rate_clock() -> float:
    """The clock the frame allowance refills by (a test holds it still, or moves it, to know
    exactly how many frames pass whatever the machine's speed)."""
    return time.monotonic()


@dataclass
class Identity:
    role: str  # "staff" | "shopper" | "guest"
    user_id: int | None
    name: str
    conversation_id: int | None = None  # a guest's one conversation


class SupportError(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code, self.message = code, message


def _in_schema(schema_name: str, fn, *args, **kwargs):
    tenant_connection().set_schema(schema_name)
    try:
        return fn(*args, **kwargs)
    finally:
        tenant_connection().set_schema_to_public()


def _identify(ticket: str) -> Identity | None:
    from realtime.support import may_staff
    from realtime.support_presence import support_ticket_redeem
    from saas.accounts.models import User

    data = support_ticket_redeem(ticket=ticket)
    if data is None:
        return None
    if data["user_id"] is None:
        return Identity(role="guest", user_id=None, name="", conversation_id=int(data["conversation_id"]))
    user = User.objects.filter(pk=data["user_id"], is_active=True).first()
    if user is None:
        return None
    if user.is_shop_staff:
        # a staff member whose role does not include the inbox gets no support socket at all
        return Identity(role="staff", user_id=user.pk, name=user.full_name or user.email) if may_staff(user) else \
            Identity(role="refused", user_id=user.pk, name="")
    return Identity(role="shopper", user_id=user.pk, name=user.full_name or user.email)


def _conversation_for(identity: Identity, conversation_id):
    from realtime.support_models import Conversation

    if not isinstance(conversation_id, int) or isinstance(conversation_id, bool):
        raise SupportError("bad_frame", "conversation must be a number.")
    qs = Conversation.objects.filter(pk=conversation_id)
    if identity.role == "shopper":
        qs = qs.filter(shopper_id=identity.user_id)
    elif identity.role == "guest":
        qs = qs.filter(pk=identity.conversation_id or 0, shopper__isnull=True)
    conv = qs.first()
    if conv is None:  # someone else's and missing answer alike
        raise SupportError("conversation_not_found", "No such conversation.")
    return conv


def _replay(identity: Identity, conversation_id: int, after) -> list[dict]:
    from realtime.support import conversation_payload, message_payload
    from realtime.support_selectors import messages_after

    conv = _conversation_for(identity, conversation_id)
    after = after if isinstance(after, int) and not isinstance(after, bool) else 0
    frames = [{"type": "subscribed", "conversation": conversation_payload(conv)}]
    frames += [{"type": "message", "message": message_payload(m)} for m in messages_after(conversation=conv,
                                                                                            after=after)]
    frames.append({"type": "replayed", "conversation": conv.pk, "last_seq": conv.last_seq})
    return frames


def _post(identity: Identity, conversation_id, body) -> dict:
    from realtime.support import message_post
    from realtime.support_models import Side
    from saas.accounts.models import User
    from saas.kernel.errors import AppError

    conv = _conversation_for(identity, conversation_id)
    author = User.objects.get(pk=identity.user_id) if identity.user_id else None
    try:
        message = message_post(conversation=conv, side=Side.STAFF if identity.role == "staff" else Side.SHOPPER,
                               author=author, body=body)
    except AppError as exc:
        raise SupportError(str(exc.code), exc.message) from exc
    return {"id": message.pk, "seq": message.seq}


def _read(identity: Identity, conversation_id, seq) -> None:
    from realtime.support import conversation_read
    from realtime.support_models import Side

    if not isinstance(seq, int) or isinstance(seq, bool) or seq < 0:
        raise SupportError("bad_frame", "seq must be a number.")
    conv = _conversation_for(identity, conversation_id)
    conversation_read(conversation=conv, side=Side.STAFF if identity.role == "staff" else Side.SHOPPER, upto_seq=seq)


class SupportConsumer(DirectDispatch, AsyncWebsocketConsumer):
    async def connect(self):
        from realtime.support_presence import presence_staff_join, reply_expectation

        self.schema = self.scope["shop"].schema_name
        self.groups_joined: list[str] = []
        self.subscribed: set[int] = set()
        self.tokens, self.refill_at, self.refusals = float(BURST), rate_clock(), 0
        ticket = parse_qs(self.scope.get("query_string", b"").decode()).get("ticket", [""])[0]
        identity = await self._db(_identify, ticket) if ticket else None
        if identity is None:
            await self.close(code=CLOSE_UNAUTHORIZED)
            return
        if identity.role == "refused":
            await self.close(code=CLOSE_FORBIDDEN)
            return
        self.identity = identity
        groups = [shop_group(self.schema), staff_group(self.schema) if identity.role == "staff"
                  else shoppers_group(self.schema)]
        if identity.user_id is not None:
            groups.append(user_group(self.schema, identity.user_id))
        for group in groups:
            await self._join(group)
        await self.accept()
        if identity.role == "staff":
            before = await database_sync_to_async(presence_staff_join)(schema_name=self.schema,
                                                                       channel_name=self.channel_name)
            if before == 0:
                await self.channel_layer.group_send(shoppers_group(self.schema), {
                    "type": "support.frame", "frame": {"type": "presence", "staff_online": True}, "exclude": ""})
        expectation = await database_sync_to_async(reply_expectation)(self.schema)
        await self._send({"type": "hello", "role": identity.role, "conversation": identity.conversation_id,
                          **expectation})

    async def disconnect(self, code):
        from realtime.support_presence import presence_staff_leave

        for group in getattr(self, "groups_joined", []):
            await self.channel_layer.group_discard(group, self.channel_name)
        identity = getattr(self, "identity", None)
        if identity is not None and identity.role == "staff":
            left = await database_sync_to_async(presence_staff_leave)(schema_name=self.schema,
                                                                      channel_name=self.channel_name)
            if left == 0:
                await self.channel_layer.group_send(shoppers_group(self.schema), {
                    "type": "support.frame", "frame": {"type": "presence", "staff_online": False}, "exclude": ""})

    async def dispatch(self, message):
        # This socket shares the shop and person groups with the notification socket: what is
        # meant for that one (no handler here) is not an error for this one.
        if message.get("type", "").startswith("websocket.") or hasattr(self, self._handler_name(message)):
            await super().dispatch(message)

    @staticmethod
    def _handler_name(message) -> str:
        return str(message.get("type", "")).replace(".", "_")

    async def receive(self, text_data=None, bytes_data=None):
        if getattr(self, "closing", False):
            return  # frames already queued when it closed: nothing after the close is acted on
        if not self._allow():
            self.refusals += 1
            if self.refusals >= REFUSALS_BEFORE_CLOSE:
                self.closing = True
                await self.close(code=CLOSE_FLOODING)
                return
            await self._error("rate_limited", "Too many frames: slow down.")
            return
        if text_data is None:
            await self._error("bad_frame", "Frames are JSON text.")
            return
        if len(text_data) > MAX_FRAME_CHARS:
            await self._error("frame_too_large", f"A frame may hold up to {MAX_FRAME_CHARS} characters.")
            return
        try:
            frame = json.loads(text_data)
        except ValueError:
            await self._error("bad_json", "That frame is not JSON.")
            return
        if not isinstance(frame, dict) or not isinstance(frame.get("type"), str):
            await self._error("bad_frame", "A frame is a JSON object with a type.")
            return
        handler = self.FRAMES.get(frame["type"])
        if handler is None:
            await self._error("unknown_type", f"Unknown frame type {frame['type'][:40]!r}.")
            return
        try:
            await handler(self, frame)
        except SupportError as exc:
            await self._error(exc.code, exc.message, frame=frame)

    def _allow(self) -> bool:
        now = rate_clock()
        self.tokens = min(float(BURST), self.tokens + (now - self.refill_at) * REFILL_PER_SECOND)
        self.refill_at = now
        if self.tokens < 1:
            return False
        self.tokens -= 1
        return True

    async def on_ping(self, frame):
        from realtime.support_presence import presence_staff_join

        for group in self.groups_joined:  # renews what the layer's group_expiry would forget
            await self.channel_layer.group_add(group, self.channel_name)
        if self.identity.role == "staff":
            await database_sync_to_async(presence_staff_join)(schema_name=self.schema, channel_name=self.channel_name)
        await self._send({"type": "pong"})

    async def on_subscribe(self, frame):
        conv = await self._db(_conversation_for, self.identity, frame.get("conversation"))
        group = conversation_group(self.schema, conv.pk)
        # Join before reading, so a message committed in between comes by push if not by replay
        # (the client keeps messages by their number, so twice is harmless; never is not).
        if group not in self.groups_joined:
            await self._join(group)
        self.subscribed.add(conv.pk)
        for out in await self._db(_replay, self.identity, conv.pk, frame.get("after", 0)):
            await self._send(out)

    async def on_message(self, frame):
        conversation_id = self._subscribed(frame)
        client_id = str(frame.get("client_id", ""))[:64]
        try:
            stored = await self._db(_post, self.identity, conversation_id, frame.get("body"))
        except SupportError as exc:
            await self._error(exc.code, exc.message, frame=frame, client_id=client_id)
            return
        await self._send({"type": "ack", "conversation": conversation_id, "client_id": client_id, **stored})

    async def on_typing(self, frame):
        conversation_id = self._subscribed(frame)
        await self.channel_layer.group_send(conversation_group(self.schema, conversation_id), {
            "type": "support.frame", "exclude": self.channel_name,
            "frame": {"type": "typing", "conversation": conversation_id,
                      "side": "staff" if self.identity.role == "staff" else "shopper"}})

    async def on_read(self, frame):
        await self._db(_read, self.identity, self._subscribed(frame), frame.get("seq"))

    FRAMES = {"ping": on_ping, "subscribe": on_subscribe, "message": on_message, "typing": on_typing,
              "read": on_read}

    def _subscribed(self, frame) -> int:
        conversation_id = frame.get("conversation")
        if conversation_id not in self.subscribed:
            raise SupportError("conversation_not_found", "Subscribe to a conversation of yours first.")
        return int(conversation_id)

    async def support_frame(self, event):
        if event.get("exclude") != self.channel_name:
            await self._send(event["frame"])

    async def shop_suspended(self, event):
        await self.close(code=CLOSE_FORBIDDEN)

    async def session_revoked(self, event):
        await self.close(code=CLOSE_UNAUTHORIZED)

    async def _join(self, group: str) -> None:
        await self.channel_layer.group_add(group, self.channel_name)
        self.groups_joined.append(group)

    async def _db(self, fn, *args):
        return await database_sync_to_async(_in_schema)(self.schema, fn, *args)

    async def _send(self, frame: dict) -> None:
        await self.send(text_data=json.dumps(frame))

    async def _error(self, code: str, message: str, *, frame: dict | None = None, client_id: str = "") -> None:
        out = {"type": "error", "code": code, "message": message}
        if frame is not None:
            out["for"] = str(frame.get("type", ""))[:40]
            if frame.get("client_id") or client_id:
                out["client_id"] = client_id or str(frame.get("client_id"))[:64]
        await self._send(out)
