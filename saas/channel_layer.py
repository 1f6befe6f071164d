"""The channel layer: channels-redis with a connection pool that waits for a free connection.

channels-redis builds redis-py's plain pool, which opens a new connection whenever all are busy
(up to `max_connections`, then raises). A wave of sockets joining their groups at once (a batch
of connects, a reconnect wave after a Redis restart) opened ~1,400 connections per server
process, each a handshake of its own; on a loaded machine those handshakes hit the connect
timeout and the consumers waiting on them crashed (infra/bench/sockets.py found it). A blocking
pool keeps a bounded set of connections warm and queues commands for them instead."""
from __future__ import annotations

import time

from channels_redis.core import RedisChannelLayer
from redis.asyncio import BlockingConnectionPool


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
