"""WebSocket tickets and the notification service other apps call."""
from __future__ import annotations

import secrets
from dataclasses import dataclass

from channels.layers import get_channel_layer
from django.core.cache import cache

from realtime.groups import shop_group, user_group
from realtime.push import run_push
from saas.kernel.tenancy import current_schema

TICKET_TTL_SECONDS = 60


@dataclass(frozen=True)
class Ticket:
    """Who a redeemed ticket stands for: a signed-in person, or a visitor (user_id None, and
    `visitor` the server-made visitor id when this visitor is counted in promotions' figures)."""
    user_id: int | None
    visitor: str | None = None

    @property
    def is_visitor(self) -> bool:
        return self.user_id is None


def ws_ticket_issue(*, user=None, visitor: str | None = None) -> str:
    """A one-time, short-lived ticket for opening a socket (browsers cannot send headers on
    WebSocket connections). Without a user it is a visitor's ticket: public promotions only.
    The cache key function prefixes the key with this shop's schema."""
    ticket = secrets.token_urlsafe(24)
    cache.set(f"ws-ticket:{ticket}", {"user_id": user.pk if user is not None else None, "schema": current_schema(),
                                      "visitor": visitor if user is None else None}, TICKET_TTL_SECONDS)
    return ticket


def ws_ticket_redeem(*, ticket: str) -> Ticket | None:
    """What a ticket issued by the current schema stands for, or None. Usable once."""
    # one GETDEL: of two sockets racing with one ticket, one wins (a ticket of another shop is
    # under another schema's key, so it is neither found nor spent here)
    data = cache.pop(f"ws-ticket:{ticket}")  # type: ignore[attr-defined]
    if not data or data.get("schema") != current_schema():
        return None
    return Ticket(user_id=int(data["user_id"]) if data.get("user_id") is not None else None,
                  visitor=data.get("visitor"))


def notify_user(*, schema_name: str, user_id: int, message: dict) -> None:
    run_push(lambda: get_channel_layer().group_send(user_group(schema_name, user_id),
                                                    {"type": "notify", "message": message}))


def shop_broadcast(*, schema_name: str, event: dict) -> None:
    run_push(lambda: get_channel_layer().group_send(shop_group(schema_name), event))


def user_disconnect(*, schema_name: str, user_id: int) -> None:
    """Closes every open socket of one person on one shop (signed out everywhere, removed from staff)."""
    run_push(lambda: get_channel_layer().group_send(user_group(schema_name, user_id), {"type": "session.revoked"}))
