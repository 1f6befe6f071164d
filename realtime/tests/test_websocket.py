"""WebSockets are bound to the shop of their Host: tickets, groups and closing codes.

The consumer reads the database from another thread (its own connection), so these tests use
only the session's committed shops and users; tickets live in Redis."""
from __future__ import annotations

import asyncio

import pytest
from channels.testing.websocket import WebsocketCommunicator

from conftest import client_for
from realtime.services import notify_user
from saas.asgi import application
from saas.kernel.tenancy import current_schema

pytestmark = pytest.mark.django_db


def ticket(shop, user) -> str:
    res = client_for(shop, user).post("/api/notifications/ws-ticket/")
    assert res.status_code == 201
    return res.json()["ticket"]


def socket(host: str, query: str = "") -> WebsocketCommunicator:
    path = "/ws/notifications/" + (f"?{query}" if query else "")
    return WebsocketCommunicator(application, path, headers=[(b"host", host.encode())])


async def close_code(comm: WebsocketCommunicator) -> int:
    connected, code = await comm.connect(timeout=5)
    assert not connected
    return code


def test_socket_on_shop_a_is_bound_to_shop_a(world):
    t = ticket(world.shop_a, world.customer_a)

    async def scenario():
        comm = socket("alpha.localhost:8000", f"ticket={t}")
        connected, _ = await comm.connect(timeout=5)
        assert connected
        hello = await comm.receive_json_from(timeout=5)
        assert hello == {"type": "hello", "shop": "alpha", "user": "customer@alpha.test", "visitor": False,
                         "last_seq": 0, "unread": 0, "feed": []}
        await comm.send_json_to({"type": "ping"})
        assert await comm.receive_json_from(timeout=5) == {"type": "pong"}
        await comm.disconnect()

    asyncio.run(scenario())
    assert current_schema() == "public"


def test_ticket_is_refused_by_another_shop_and_is_single_use(world):
    t = ticket(world.shop_a, world.customer_a)

    async def scenario():
        assert await close_code(socket("bravo.localhost", f"ticket={t}")) == 4401
        comm = socket("alpha.localhost", f"ticket={t}")
        assert (await comm.connect(timeout=5))[0]
        await comm.disconnect()
        assert await close_code(socket("alpha.localhost", f"ticket={t}")) == 4401

    asyncio.run(scenario())


def test_unknown_host_platform_host_and_missing_ticket_are_closed(world):
    async def scenario():
        assert await close_code(socket("nosuch.localhost")) == 4404
        assert await close_code(socket("localhost")) == 4404
        assert await close_code(socket("alpha.localhost")) == 4401
        assert await close_code(socket("alpha.localhost", "ticket=forged")) == 4401

    asyncio.run(scenario())


def test_suspended_shop_refuses_sockets(world):
    async def scenario():
        assert await close_code(socket("charlie.localhost", "ticket=whatever")) == 4403

    asyncio.run(scenario())


def test_notifications_reach_only_that_shops_user(world):
    """Customer ids are equal in alpha and bravo (both 2): the groups carry the schema."""
    assert world.customer_a.pk == world.customer_b.pk
    ta, tb = ticket(world.shop_a, world.customer_a), ticket(world.shop_b, world.customer_b)

    async def scenario():
        a, b = socket("alpha.localhost", f"ticket={ta}"), socket("bravo.localhost", f"ticket={tb}")
        for comm in (a, b):
            assert (await comm.connect(timeout=5))[0]
            await comm.receive_json_from(timeout=5)
        from asgiref.sync import sync_to_async

        await sync_to_async(notify_user)(schema_name=world.shop_a.schema_name, user_id=world.customer_a.pk,
                                         message={"type": "order.updated", "order": 7})
        assert await a.receive_json_from(timeout=5) == {"type": "order.updated", "order": 7}
        assert await b.receive_nothing(timeout=0.5)
        await a.disconnect()
        await b.disconnect()

    asyncio.run(scenario())


def test_suspending_a_shop_closes_its_open_sockets(world):
    from asgiref.sync import sync_to_async

    from realtime.services import shop_broadcast

    t = ticket(world.shop_a, world.customer_a)

    async def scenario():
        comm = socket("alpha.localhost", f"ticket={t}")
        assert (await comm.connect(timeout=5))[0]
        await comm.receive_json_from(timeout=5)
        await sync_to_async(shop_broadcast)(schema_name=world.shop_a.schema_name, event={"type": "shop.suspended"})
        out = await comm.receive_output(timeout=5)
        assert out == {"type": "websocket.close", "code": 4403}

    asyncio.run(scenario())


def test_an_idle_socket_outlives_the_redis_read_timeout_and_still_receives(world):
    """redis-py 8 gives every connection a 5 s read timeout by default, and the channel layer's
    blocking pop waits up to 5 s for a message: idle consumers used to crash every ~5 s."""
    from asgiref.sync import sync_to_async

    t = ticket(world.shop_a, world.customer_a)

    async def scenario():
        comm = socket("alpha.localhost", f"ticket={t}")
        assert (await comm.connect(timeout=5))[0]
        await comm.receive_json_from(timeout=5)
        # Idle for more than two of the old crash intervals.
        assert await comm.receive_nothing(timeout=12, interval=0.2)
        await sync_to_async(notify_user)(schema_name=world.shop_a.schema_name, user_id=world.customer_a.pk,
                                         message={"type": "order.updated", "order": 8})
        assert await comm.receive_json_from(timeout=5) == {"type": "order.updated", "order": 8}
        await comm.disconnect()

    asyncio.run(scenario())


def test_the_channel_layer_reads_longer_than_its_blocking_pop_waits():
    from channels.layers import get_channel_layer

    layer = get_channel_layer()
    assert layer.hosts[0]["socket_timeout"] > layer.brpop_timeout
    # Sized on purpose (the library's defaults drop past 100 messages, keep groups a day).
    assert (layer.capacity, layer.expiry, layer.group_expiry) == (2000, 20, 3600)


def test_a_wave_of_joins_waits_for_pooled_connections_instead_of_failing_or_opening_more():
    """redis-py's default pool refused a reconnect wave past 100 connections; raised to 2,000,
    a wave opened over a thousand per process. Many more joins than connections all succeed,
    on at most `max_connections` connections."""
    from channels.layers import get_channel_layer

    layer = get_channel_layer()
    limit = layer.hosts[0]["max_connections"]

    async def wave():
        channels = [await layer.new_channel() for _ in range(limit * 5)]
        await asyncio.gather(*(layer.group_add("test-wave", ch) for ch in channels))
        pool = layer.connection(0).connection_pool
        opened = len(pool._available_connections) + len(pool._in_use_connections)
        members = await layer.connection(0).zcard(layer._group_key("test-wave"))
        await asyncio.gather(*(layer.group_discard("test-wave", ch) for ch in channels))
        return opened, members

    opened, members = asyncio.run(wave())
    assert members == limit * 5
    assert opened <= limit


def test_a_ping_renews_the_sockets_group_memberships(world, monkeypatch):
    """Without renewal a socket open longer than group_expiry silently stops receiving."""
    import time

    from realtime import consumers

    monkeypatch.setattr(consumers, "RENEW_AFTER_SECONDS", 0.0)  # as if the socket had been open that long

    from asgiref.sync import sync_to_async
    from channels.layers import get_channel_layer

    from realtime.groups import user_group

    t = ticket(world.shop_a, world.customer_a)
    group = user_group(world.shop_a.schema_name, world.customer_a.pk)

    async def scenario():
        layer = get_channel_layer()
        comm = socket("alpha.localhost", f"ticket={t}")
        assert (await comm.connect(timeout=5))[0]
        await comm.receive_json_from(timeout=5)
        key = layer._group_key(group)
        conn = layer.connection(layer.consistent_hash(group))
        [(member, _)] = await conn.zrange(key, 0, -1, withscores=True)
        # Age the membership as if the socket had been open past the group expiry.
        await conn.zadd(key, {member: time.time() - layer.group_expiry - 10})
        await comm.send_json_to({"type": "ping"})
        assert await comm.receive_json_from(timeout=5) == {"type": "pong"}
        await sync_to_async(notify_user)(schema_name=world.shop_a.schema_name, user_id=world.customer_a.pk,
                                         message={"type": "order.updated", "order": 9})
        assert await comm.receive_json_from(timeout=5) == {"type": "order.updated", "order": 9}
        await comm.disconnect()

    asyncio.run(scenario())
