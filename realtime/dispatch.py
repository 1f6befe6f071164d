"""Dispatch without a hop to the database thread per message.

channels 4.3's `AsyncConsumer.dispatch` awaits `aclose_old_connections()` before every handler:
a `sync_to_async` call, so every frame a socket receives and every message pushed to it queues
for the one thread that database calls share (thread-sensitive), behind the connects' reads. At
~1,000 deliveries a second that thread, not the CPU, set the latency (infra/bench/sockets.py:
seconds, at 20 % CPU). The consumers here reach the database only through
`database_sync_to_async`, which closes old connections in that thread before and after each call,
so the per-message hop does nothing for them."""
from __future__ import annotations

from channels.consumer import get_handler_name


class DirectDispatch:
    async def dispatch(self, message):
        handler = getattr(self, get_handler_name(message), None)
        if handler is None:
            raise ValueError(f"No handler for message type {message['type']}")
        await handler(message)
