"""Running the channel layer's coroutines from synchronous code (after a commit, in a view, a
Celery task or a command).

`async_to_sync` from a thread with no event loop above it makes a new loop for every call, and
channels-redis keeps its connection pool per loop: every push paid for a new loop and a new Redis
connection (its handshake included), ~30-40 ms of a 50-recipient fan-out (infra/bench/sockets.py).
Here such pushes run on one long-lived loop per process, whose pool stays open. A sync function
that the ASGI server called through `sync_to_async` still hands its push back to the server's
own loop, as `async_to_sync` does."""
from __future__ import annotations

import asyncio
import os
import threading
from collections.abc import Awaitable, Callable
from typing import TypeVar

from asgiref.sync import SyncToAsync, async_to_sync

T = TypeVar("T")
PUSH_TIMEOUT_SECONDS = 30

_lock = threading.Lock()
_loop: asyncio.AbstractEventLoop | None = None
_loop_pid = 0


def _push_loop() -> asyncio.AbstractEventLoop:
    global _loop, _loop_pid
    with _lock:
        if _loop is None or _loop_pid != os.getpid():  # none yet, or this is a forked child
            _loop = asyncio.new_event_loop()
            _loop_pid = os.getpid()
            threading.Thread(target=_loop.run_forever, name="realtime-push", daemon=True).start()
        return _loop


def _under_an_event_loop() -> bool:
    """Whether async_to_sync would run on a loop above this thread (the ASGI server's)."""
    return (getattr(SyncToAsync.threadlocal, "main_event_loop_pid", None) == os.getpid()
            and getattr(SyncToAsync.threadlocal, "main_event_loop", None) is not None)


def run_push(make: Callable[[], Awaitable[T]]) -> T:
    """Runs the coroutine `make()` returns and gives back its result (or raises its error)."""
    async def call() -> T:
        return await make()

    if _under_an_event_loop():
        return async_to_sync(call)()
    return asyncio.run_coroutine_threadsafe(call(), _push_loop()).result(PUSH_TIMEOUT_SECONDS)
