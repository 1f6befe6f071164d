"""Who is at the support inbox right now, and the support sockets' own tickets.

Presence is a Redis sorted set per shop: one member per open staff support socket, scored by
when it lapses. A socket renews its member on every ping; one that dies without closing
(a killed process) lapses after PRESENCE_TTL_SECONDS instead of counting as online forever."""
from __future__ import annotations

import secrets
import time

from django.conf import settings
from django.core.cache import cache

from saas.kernel.tenancy import current_schema

PRESENCE_TTL_SECONDS = 75  # the browser pings every 25 s
TICKET_TTL_SECONDS = 60


def _redis():
    return cache._cache.get_client(write=True)


def _key(schema_name: str) -> str:
    return f"{schema_name}:support:staff-online"


def staff_online_count(schema_name: str) -> int:
    client, key = _redis(), _key(schema_name)
    client.zremrangebyscore(key, "-inf", time.time())
    return int(client.zcard(key))


def staff_online(schema_name: str) -> bool:
    return staff_online_count(schema_name) > 0


def presence_staff_join(*, schema_name: str, channel_name: str) -> int:
    """Marks one staff socket online (or renews it); the count of staff sockets before."""
    before = staff_online_count(schema_name)
    client, key = _redis(), _key(schema_name)
    client.zadd(key, {channel_name: time.time() + PRESENCE_TTL_SECONDS})
    client.expire(key, PRESENCE_TTL_SECONDS * 2)
    return before


def presence_staff_leave(*, schema_name: str, channel_name: str) -> int:
    """Removes one staff socket; the count left."""
    _redis().zrem(_key(schema_name), channel_name)
    return staff_online_count(schema_name)


def reply_expectation(schema_name: str) -> dict:
    """What the widget tells a shopper about when to expect an answer."""
    online = staff_online(schema_name)
    hours = int(getattr(settings, "SUPPORT_REPLY_WITHIN_HOURS", 24))
    text = ("We are online and usually answer within a few minutes." if online else
            f"Nobody is online right now. We usually answer within {hours} hours, and we will also send "
            "the answer to your e-mail address.")
    return {"staff_online": online, "reply_within_hours": None if online else hours, "text": text}


def support_ticket_issue(*, user=None, conversation_id: int | None = None) -> str:
    """A one-time ticket for /ws/support/: a signed-in person's, or a guest's, bound to its
    conversation. Cache keys carry this shop's schema; the stored schema is checked again."""
    if (user is None) == (conversation_id is None):
        raise ValueError("a ticket is for a signed-in person or for one guest conversation")
    ticket = secrets.token_urlsafe(24)
    data = {"schema": current_schema(), "user_id": user.pk if user is not None else None,
            "conversation_id": conversation_id}
    cache.set(f"support-ticket:{ticket}", data, TICKET_TTL_SECONDS)
    return ticket


def support_ticket_redeem(*, ticket: str) -> dict | None:
    """{"user_id", "conversation_id"} for a ticket of the current schema, or None. Usable once."""
    key = f"support-ticket:{ticket}"
    data = cache.get(key)
    if not data or data.get("schema") != current_schema() or not cache.delete(key):
        return None
    return data
