"""The channel layer: channels-redis with a connection pool that waits for a free connection.

channels-redis builds redis-py's plain pool, which opens a new connection whenever all are busy
(up to `max_connections`, then raises). A wave of sockets joining their groups at once (a batch
of connects, a reconnect wave after a Redis restart) opened ~1,400 connections per server
process, each a handshake of its own; on a loaded machine those handshakes hit the connect
timeout and the consumers waiting on them crashed (infra/bench/sockets.py found it). A blocking
pool keeps a bounded set of connections warm and queues commands for them instead."""
from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

from channels_redis.core import RedisChannelLayer
from redis.asyncio import BlockingConnectionPool
from redis.asyncio.client import PubSub

SUBSCRIBE_TIMEOUT_SECONDS = 10


class PooledRedisChannelLayer(RedisChannelLayer):
    def create_pool(self, index):
        host = dict(self.hosts[index])
        return BlockingConnectionPool.from_url(host.pop("address"), **host)

    async def group_add(self, group, channel):
        """As channels-redis does it (ZADD, then EXPIRE on the group), in one round trip: every
        socket joins two or more groups on connect and renews them on every ping."""
        assert self.require_valid_group_name(group), "Group name not valid"
        assert self.require_valid_channel_name(channel), "Channel name not valid"
        group_key = self._group_key(group)
        async with self.connection(self.consistent_hash(group)).pipeline(transaction=False) as pipe:
            pipe.zadd(group_key, {channel: time.time()})
            pipe.expire(group_key, self.group_expiry)
            await pipe.execute()

    async def group_size(self, group: str) -> int:
        """How many channels the group holds (expired memberships included until a send cleans
        them): one ZCARD on the group's shard."""
        return await self.connection(self.consistent_hash(group)).zcard(self._group_key(group))

    # -- fan-out: one message per server process, by Redis pub/sub ------------------------------
    # channels-redis stores a group message once per process, but each process then reads it with
    # four round trips in a row (a cleanup script, BZPOPMIN, a backup ZADD, its removal): on a
    # loaded machine, where every round trip waits to be scheduled, that capped a process at ~10
    # messages a second and the queue grew for the whole run. A topic here is a pub/sub channel
    # that each process subscribes to once, on one connection, for its local consumers: Redis
    # writes each message to that connection as it is published, and the process hands it to each
    # consumer's `deliver` callback (not to channels-redis' receive buffers: the consumer that
    # holds the layer's receive lock sits in BZPOPMIN and would not look at its buffer).
    # Pub/sub keeps nothing for a process that is not connected; like every frame here, these are
    # a fast path over stored rows that a client asks for again when it sees a number skipped.

    def _topic_key(self, topic: str) -> str:
        return f"{self.prefix}:fanout:{topic}"

    def _fanout_state(self) -> _Fanout:
        loop = asyncio.get_running_loop()
        states = self.__dict__.setdefault("_fanouts", {})
        if loop not in states:
            states[loop] = _Fanout(self)
        return states[loop]

    async def fanout_join(self, topic: str, channel: str, deliver: Callable[[dict], None]) -> None:
        """Calls `deliver(message)` (in this event loop; it must not block) for each message
        published on `topic` from now on: returns once Redis has confirmed the subscription.
        `channel` names the subscriber (its consumer's channel) for fanout_leave."""
        await self._fanout_state().join(self._topic_key(topic), channel, deliver)

    async def fanout_leave(self, topic: str, channel: str) -> None:
        await self._fanout_state().leave(self._topic_key(topic), channel)

    async def fanout_publish(self, topic: str, message: dict) -> None:
        await self.connection(0).publish(self._topic_key(topic), self.serialize(message))


class _Fanout:
    """One event loop's pub/sub connection, and the local channels behind each subscribed key."""

    def __init__(self, layer: PooledRedisChannelLayer) -> None:
        self.layer = layer
        self.members: dict[str, dict[str, Callable[[dict], None]]] = {}
        self.confirmed: dict[str, asyncio.Event] = {}
        self.pubsub: PubSub | None = None
        self.reader: asyncio.Task | None = None

    async def join(self, key: str, channel: str, deliver: Callable[[dict], None]) -> None:
        self.members.setdefault(key, {})[channel] = deliver
        try:
            if key not in self.confirmed:
                self.confirmed[key] = asyncio.Event()
                if self.pubsub is not None:
                    await self.pubsub.subscribe(key)
            if self.reader is None or self.reader.done():
                self.reader = asyncio.get_running_loop().create_task(self._read())
            await asyncio.wait_for(self.confirmed[key].wait(), SUBSCRIBE_TIMEOUT_SECONDS)
        except BaseException:  # not subscribed (Redis down): the caller fails and never leaves
            await self.leave(key, channel)
            raise

    async def leave(self, key: str, channel: str) -> None:
        members = self.members.get(key)
        if members is None:
            return
        members.pop(channel, None)
        if not members:
            del self.members[key]
            self.confirmed.pop(key, None)
            if self.pubsub is not None:
                try:
                    await self.pubsub.unsubscribe(key)
                except Exception:  # Redis down: the reader resubscribes only what still has members
                    pass

    async def _read(self) -> None:
        while True:
            if not self.members:
                await self._reset()
                if not self.members:  # nobody joined while it closed
                    return
            try:
                pubsub = self.pubsub
                if pubsub is None:
                    pubsub = self.pubsub = self.layer.connection(0).pubsub()
                    await pubsub.subscribe(*self.members)
                message = await pubsub.get_message(timeout=5.0)
            except asyncio.CancelledError:
                raise
            except Exception:  # Redis went away: start again on a new connection, resubscribed
                await self._reset()
                await asyncio.sleep(1)
                continue
            if message is None:
                continue
            key = message["channel"].decode()
            if message["type"] == "subscribe" and key in self.confirmed:
                self.confirmed[key].set()
            elif message["type"] == "message":
                data = self.layer.deserialize(message["data"])
                for deliver in list(self.members.get(key, {}).values()):
                    deliver(data)

    async def _reset(self) -> None:
        pubsub, self.pubsub = self.pubsub, None
        for key in self.members:
            self.confirmed[key] = asyncio.Event()
        if pubsub is not None:
            try:
                await pubsub.aclose()
            except Exception:
                pass
