"""The inbox over the socket, on the real Redis channel layer: stored then pushed, replay after
a reconnect, isolation between shops and people with the same ids, visitors, the staff feed,
and bad frames that hurt only the socket that sent them.

The consumer reads the database from asgiref's worker thread with its own connection, so the
rows these tests need are written (and committed, then removed) through that same thread."""
from __future__ import annotations

import asyncio
import json

import pytest
from channels.db import database_sync_to_async
from django_tenants.utils import schema_context

from conftest import client_for
from realtime.consumers import MAX_FRAME_CHARS, RATE_BURST
from realtime.notifications.models import FeedArea, FeedItem, Kind, Notification
from realtime.notifications.services import Draft, feed_item_create, notification_create
from realtime.tests.test_websocket import socket, ticket

pytestmark = pytest.mark.django_db


def note(user_id: int, title: str):
    return notification_create(user_id=user_id, draft=Draft(kind=Kind.PROMOTION, title=title))


async def opened(host: str, t: str):
    comm = socket(host, f"ticket={t}")
    connected, _ = await comm.connect(timeout=5)
    assert connected
    hello = await comm.receive_json_from(timeout=5)
    assert hello["type"] == "hello"
    return comm, hello


def test_a_notification_is_stored_then_pushed_to_that_shoppers_socket_only(world, committed):
    """alpha's and bravo's customers both have id 2; alpha's owner is another person in alpha."""
    assert world.customer_a.pk == world.customer_b.pk
    ta, tb = ticket(world.shop_a, world.customer_a), ticket(world.shop_b, world.customer_b)
    to = ticket(world.shop_a, world.owner_a)
    a_schema = world.shop_a.schema_name

    async def scenario():
        (a, _), (b, _), (owner, _) = [await opened(h, t) for h, t in (
            ("alpha.localhost", ta), ("bravo.localhost", tb), ("alpha.localhost", to))]
        await committed(a_schema, note, world.customer_a.pk, "For alpha's customer")
        frame = await a.receive_json_from(timeout=5)
        assert (frame["type"], frame["seq"], frame["title"], frame["read"]) == (
            "notification", 1, "For alpha's customer", False)
        assert await b.receive_nothing(timeout=0.5)
        assert await owner.receive_nothing(timeout=0.2)
        stored = await committed(a_schema, lambda: list(Notification.objects.values_list("recipient_id", "seq")))
        assert stored == [(world.customer_a.pk, 1)]
        for comm in (a, b, owner):
            await comm.disconnect()

    asyncio.run(scenario())


def test_a_fan_out_to_many_is_one_message_per_process_and_each_socket_sends_only_its_own(world, committed,
                                                                                          monkeypatch):
    """A promotion to many goes out once for the whole shop (saas.channel_layer's fan-out),
    holding every recipient's frame: each socket sends its own person's, bravo's customer with
    the same id hears nothing, and each frame is the stored row."""
    from realtime.notifications import services
    from saas.channel_layer import PooledRedisChannelLayer

    published = []
    original = PooledRedisChannelLayer.fanout_publish

    async def spy(self, topic, message):
        published.append(topic)
        await original(self, topic, message)

    monkeypatch.setattr(PooledRedisChannelLayer, "fanout_publish", spy)
    monkeypatch.setattr(services, "SHOP_MESSAGE_MIN_RECIPIENTS", 2)  # "many" is 2 here
    a_schema = world.shop_a.schema_name
    ids = [world.customer_a.pk, world.owner_a.pk]
    ta, to, tb = (ticket(world.shop_a, world.customer_a), ticket(world.shop_a, world.owner_a),
                  ticket(world.shop_b, world.customer_b))

    async def scenario():
        (a, _), (owner, _), (b, _) = [await opened(h, t) for h, t in (
            ("alpha.localhost", ta), ("alpha.localhost", to), ("bravo.localhost", tb))]
        await committed(a_schema, lambda: services.notifications_create(user_ids=ids, draft=Draft(
            kind=Kind.PROMOTION, title="To everyone")))
        mine, owners = await a.receive_json_from(timeout=5), await owner.receive_json_from(timeout=5)
        assert await a.receive_nothing(timeout=0.3)
        assert await owner.receive_nothing(timeout=0.1)
        assert await b.receive_nothing(timeout=0.2)
        stored = await committed(a_schema, lambda: {n.recipient_id: n.pk for n in Notification.objects.all()})
        assert (mine["id"], mine["seq"], mine["title"]) == (stored[world.customer_a.pk], 1, "To everyone")
        assert (owners["id"], owners["seq"]) == (stored[world.owner_a.pk], 1)
        for comm in (a, owner, b):
            await comm.disconnect()

    asyncio.run(scenario())
    assert published == [f"{a_schema}.shop"]


def test_a_reconnecting_client_gets_what_it_missed_in_order(world, committed):
    schema, uid = world.shop_a.schema_name, world.customer_a.pk
    t1 = ticket(world.shop_a, world.customer_a)

    async def scenario():
        comm, _ = await opened("alpha.localhost", t1)
        await committed(schema, note, uid, "one")
        assert (await comm.receive_json_from(timeout=5))["seq"] == 1
        await comm.send_json_to({"type": "seen", "seq": 1})
        await comm.disconnect()
        for title in ("two", "three", "four"):  # while offline
            await committed(schema, note, uid, title)
        comm, hello = await opened("alpha.localhost", await database_sync_to_async(ticket)(world.shop_a,
                                                                                           world.customer_a))
        assert (hello["last_seq"], hello["unread"]) == (4, 4)
        await comm.send_json_to({"type": "resume", "after": 1})
        frames = [await comm.receive_json_from(timeout=5) for _ in range(4)]
        assert [(f["type"], f.get("seq"), f.get("title")) for f in frames] == [
            ("notification", 2, "two"), ("notification", 3, "three"), ("notification", 4, "four"),
            ("resumed", None, None)]
        assert frames[-1]["last_seq"] == 4
        # Bravo's customer (same id) resumes from 0 and gets nothing of alpha's.
        other, hello_b = await opened("bravo.localhost",
                                      await database_sync_to_async(ticket)(world.shop_b, world.customer_b))
        assert hello_b["last_seq"] == 0
        await other.send_json_to({"type": "resume", "after": 0})
        assert await other.receive_json_from(timeout=5) == {"type": "resumed", "last_seq": 0}
        await comm.disconnect()
        await other.disconnect()

    asyncio.run(scenario())
    delivered = asyncio.run(committed(schema, lambda: sorted(
        Notification.objects.filter(delivered_at__isnull=False).values_list("seq", flat=True))))
    assert delivered == [1]  # "seen" up to 1


def test_visitors_get_public_promotions_live_and_nothing_personal(world, committed):
    from realtime.notifications.services import visitors_broadcast

    res = client_for(world.shop_a).post("/api/notifications/ws-ticket/")
    assert res.status_code == 201
    assert res.json()["visitor"] is True
    visitor_ticket = res.json()["ticket"]
    tc = ticket(world.shop_a, world.customer_a)

    async def scenario():
        visitor, hello = await opened("alpha.localhost", visitor_ticket)
        assert (hello["visitor"], hello["user"]) == (True, None)
        customer, _ = await opened("alpha.localhost", tc)
        await committed(world.shop_a.schema_name, note, world.customer_a.pk, "personal")
        assert (await customer.receive_json_from(timeout=5))["title"] == "personal"
        assert await visitor.receive_nothing(timeout=0.5)
        await visitor.send_json_to({"type": "resume", "after": 0})
        assert (await visitor.receive_json_from(timeout=5))["code"] == "not_signed_in"
        await database_sync_to_async(visitors_broadcast)(schema_name=world.shop_a.schema_name,
                                                         message={"type": "promotion", "title": "Sale"})
        assert await visitor.receive_json_from(timeout=5) == {"type": "promotion", "title": "Sale"}
        await visitor.disconnect()
        await customer.disconnect()

    asyncio.run(scenario())


def test_a_visitor_ticket_is_bound_to_its_shop_and_single_use(world):
    t = client_for(world.shop_a).post("/api/notifications/ws-ticket/").json()["ticket"]

    async def scenario():
        comm = socket("bravo.localhost", f"ticket={t}")
        assert (await comm.connect(timeout=5)) == (False, 4401)
        comm, _ = await opened("alpha.localhost", t)
        await comm.disconnect()
        again = socket("alpha.localhost", f"ticket={t}")
        assert (await again.connect(timeout=5)) == (False, 4401)

    asyncio.run(scenario())


def test_staff_see_the_feed_of_their_areas_and_shoppers_do_not(world, committed):
    schema = world.shop_a.schema_name
    t_owner, t_customer = ticket(world.shop_a, world.owner_a), ticket(world.shop_a, world.customer_a)

    async def scenario():
        owner, hello = await opened("alpha.localhost", t_owner)
        assert set(hello["feed"]) == {"orders", "catalog", "support"}
        customer, hello_c = await opened("alpha.localhost", t_customer)
        assert hello_c["feed"] == []
        await committed(schema, feed_item_create, kind="stock.low", area=FeedArea.CATALOG, title="Low: MUG")
        await committed(schema, feed_item_create, kind="order.placed", area=FeedArea.ORDERS, title="New order")
        assert [(await owner.receive_json_from(timeout=5))["item"]["title"] for _ in range(2)] == [
            "Low: MUG", "New order"]
        assert await customer.receive_nothing(timeout=0.3)
        for comm in (owner, customer):
            await comm.disconnect()

    asyncio.run(scenario())


def test_each_role_reads_the_feed_of_its_areas_only(world):
    from realtime.notifications.selectors import feed_areas_for
    from saas.accounts.models import Role, User

    assert feed_areas_for(Role.SUPPORT) == ["orders", "support"]  # support staff have no catalogue
    assert feed_areas_for(Role.STAFF) == ["orders", "catalog"]  # the support inbox is not the staff role's
    assert feed_areas_for(Role.CUSTOMER) == []
    with schema_context(world.shop_a.schema_name):
        support = User.objects.create_user("feed-support@alpha.test", "x" * 12, role=Role.SUPPORT)
        FeedItem.objects.create(kind="stock.low", area=FeedArea.CATALOG, title="Low: MUG")
        FeedItem.objects.create(kind="order.placed", area=FeedArea.ORDERS, title="New order")
    assert [i["title"] for i in client_for(world.shop_a, support).get("/api/dashboard/feed/").json()] == ["New order"]
    assert [i["title"] for i in client_for(world.shop_a, world.owner_a).get("/api/dashboard/feed/").json()] == [
        "New order", "Low: MUG"]
    assert client_for(world.shop_a, world.customer_a).get("/api/dashboard/feed/").status_code == 403


def test_bad_frames_get_an_error_or_close_only_their_socket(world, committed):
    t_bad, t_good = ticket(world.shop_a, world.customer_a), ticket(world.shop_a, world.customer_a)

    async def scenario():
        bad, _ = await opened("alpha.localhost", t_bad)
        good, _ = await opened("alpha.localhost", t_good)
        for frame, code in (("not json", "bad_json"), ("[1, 2]", "bad_json"), ('{"type": "shout"}', "unknown_type"),
                            ('{"type": "resume", "after": -1}', "bad_frame"),
                            ('{"type": "seen", "seq": "7"}', "bad_frame")):
            await bad.send_to(text_data=frame)
            assert (await bad.receive_json_from(timeout=5))["code"] == code, frame
        await bad.send_to(bytes_data=b"\x00\x01")
        assert (await bad.receive_json_from(timeout=5))["code"] == "binary_frame"
        await bad.send_json_to({"type": "ping"})  # still open and answering
        assert await bad.receive_json_from(timeout=5) == {"type": "pong"}
        await bad.send_to(text_data=json.dumps({"type": "ping", "pad": "x" * MAX_FRAME_CHARS}))
        assert await bad.receive_output(timeout=5) == {"type": "websocket.close", "code": 1009}

        flood, _ = await opened("alpha.localhost", await database_sync_to_async(ticket)(world.shop_a,
                                                                                        world.customer_a))
        for _ in range(RATE_BURST + 5):
            await flood.send_to(text_data='{"type": "ping"}')
        outputs = []
        while True:
            out = await flood.receive_output(timeout=5)
            outputs.append(out)
            if out["type"] == "websocket.close":
                break
        assert outputs[-1]["code"] == 4429
        assert len(outputs) - 1 < RATE_BURST + 5  # answered the burst, not the flood
        # The well-behaved socket of the same person heard none of it and still gets its mail.
        await committed(world.shop_a.schema_name, note, world.customer_a.pk, "still here")
        assert (await good.receive_json_from(timeout=5))["title"] == "still here"
        await good.disconnect()

    asyncio.run(scenario())
