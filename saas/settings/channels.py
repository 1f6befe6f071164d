"""The channel layer the WebSocket consumers share (saas.channel_layer). base.py builds
CHANNEL_LAYERS from its REDIS_URL with channel_layers(); the test settings point it at their own
Redis database with channel_layer_host()."""
from __future__ import annotations

from typing import Any

from saas.env import env, env_int


def channel_layer_host(url: str) -> dict[str, Any]:
    """redis-py 8 reads with a 5 s socket timeout by default, and each consumer's receive is a
    BZPOPMIN that waits up to 5 s (channels-redis' brpop_timeout): the read timed out first and
    the consumer crashed every ~5 s. A read timeout well past the pop's still notices a dead
    Redis, which no timeout (None) would not.
    Hundreds of sockets joining their groups at once (a reconnect wave after a deploy or a
    Redis restart) first failed with "Too many connections" at redis-py's 100, then opened over a
    thousand connections per process whose handshakes timed out on a loaded machine: the pool
    (saas.channel_layer) keeps at most `max_connections` per process and makes a command wait up
    to `timeout` seconds for one (infra/bench/sockets.py found both)."""
    return {"address": url, "socket_timeout": 15, "socket_connect_timeout": 5,
            "max_connections": env_int("CHANNEL_LAYER_MAX_CONNECTIONS", 128), "timeout": 20}


def channel_layers(redis_url: str) -> dict[str, dict[str, Any]]:
    """CHANNEL_LAYERS over the Redis at `redis_url`."""
    return {
        "default": {
            "BACKEND": "saas.channel_layer.PooledRedisChannelLayer",
            "CONFIG": {
                "hosts": [channel_layer_host(redis_url)],
                "prefix": env("CHANNEL_PREFIX", "shopyard-ws"),
                # The socket is a fast path over stored rows (realtime.notifications): a frame that
                # is dropped or expires costs latency, never data. A client that sees a gap in the
                # per-recipient numbers, or reconnects, asks for what it missed ("resume").
                # A live consumer reads its channel at once: a message older than 20 s is for a
                # socket that is gone, and the expiry bounds what a dead channel holds.
                "expiry": 20,
                # Past capacity a channel's messages are dropped without a word, so it sits well
                # above the largest burst one socket gets: a merchant shipping 500 of one
                # customer's orders at once sends it 1,000 frames (status + notification). At
                # ~0.5 KB a frame that is at most ~1 MB for 20 s per channel, in Redis.
                "capacity": 2000,
                # A consumer renews its groups on every ping (the browser pings every 25 s), so a
                # socket left open for days keeps receiving, and a crashed one's entries go in an hour.
                "group_expiry": 3600,
            },
        }
    }
