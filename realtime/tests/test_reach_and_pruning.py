"""Over the real socket: a resume from below what the retention rule removed is told so and gets
what is left; visitors count once each in a public promotion's figures, whatever they reconnect
or forge."""
from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from channels.db import database_sync_to_async
from django.utils import timezone
from django_tenants.utils import schema_context

from conftest import client_for
from realtime.notifications import promotions
from realtime.notifications.models import Notification, Promotion, PromotionVisitor
from realtime.notifications.retention import notifications_prune
from realtime.services import ws_ticket_issue
from realtime.tests.test_inbox_socket import note, opened
from realtime.tests.test_websocket import ticket

pytestmark = pytest.mark.django_db


def _age(user_id: int, up_to_seq: int) -> None:
    Notification.objects.filter(recipient_id=user_id, seq__lte=up_to_seq).update(
        created_at=timezone.now() - timedelta(days=400))


def test_a_resume_from_below_the_pruned_numbers_says_so_then_gives_what_is_left(world, committed):
    schema, uid = world.shop_a.schema_name, world.customer_a.pk

    async def scenario():
        for title in ("one", "two", "three", "four", "five"):
            await committed(schema, note, uid, title)
        await committed(schema, _age, uid, 3)
        await committed(schema, notifications_prune)
        comm, hello = await opened("alpha.localhost", await database_sync_to_async(ticket)(world.shop_a,
                                                                                           world.customer_a))
        assert hello["last_seq"] == 5
        await comm.send_json_to({"type": "resume", "after": 1})  # it had seen only "one"
        frames = [await comm.receive_json_from(timeout=5) for _ in range(4)]
        assert [(f["type"], f.get("seq"), f.get("through")) for f in frames] == [
            ("pruned", None, 3), ("notification", 4, None), ("notification", 5, None), ("resumed", None, None)]
        assert frames[-1]["last_seq"] == 5
        await comm.send_json_to({"type": "resume", "after": 4})  # above the floor: as before
        assert [(await comm.receive_json_from(timeout=5))["type"] for _ in range(2)] == ["notification", "resumed"]
        await comm.disconnect()

    asyncio.run(scenario())


def test_a_resume_when_everything_after_it_was_pruned_moves_the_client_past_the_gap(world, committed):
    schema, uid = world.shop_a.schema_name, world.customer_a.pk

    async def scenario():
        for title in ("one", "two"):
            await committed(schema, note, uid, title)
        await committed(schema, _age, uid, 2)
        await committed(schema, notifications_prune)
        comm, _ = await opened("alpha.localhost", await database_sync_to_async(ticket)(world.shop_a,
                                                                                       world.customer_a))
        await comm.send_json_to({"type": "resume", "after": 0})
        assert await comm.receive_json_from(timeout=5) == {"type": "pruned", "through": 2}
        assert await comm.receive_json_from(timeout=5) == {"type": "resumed", "last_seq": 2}
        await comm.disconnect()

    asyncio.run(scenario())


def visitor_ticket(shop, visitor_id: str | None = None) -> dict:
    res = client_for(shop).post("/api/notifications/ws-ticket/", {"visitor_id": visitor_id} if visitor_id else {},
                                format="json")
    assert res.status_code == 201, res.content
    return res.json()


def test_a_visitor_keeps_its_signed_id_and_a_forged_or_other_shops_id_is_not_taken(world):
    first = visitor_ticket(world.shop_a)
    assert first["visitor"] is True
    assert first["visitor_id"]
    assert visitor_ticket(world.shop_a, first["visitor_id"])["visitor_id"] == first["visitor_id"]
    forged = first["visitor_id"].split(":")[0] + ":" + "A" * 27
    assert visitor_ticket(world.shop_a, forged)["visitor_id"] not in (forged, first["visitor_id"])
    assert visitor_ticket(world.shop_b, first["visitor_id"])["visitor_id"] != first["visitor_id"]
    signed_in = client_for(world.shop_a, world.customer_a).post("/api/notifications/ws-ticket/").json()
    assert (signed_in["visitor"], signed_in["visitor_id"]) == (False, None)


def test_new_visitor_ids_are_limited_per_address_past_which_visitors_are_served_uncounted(world, settings):
    from django.core.cache import cache

    with schema_context(world.shop_b.schema_name):
        cache.delete("throttle_ws_visitor_new_127.0.0.1")  # what earlier tests of this session took
    rates = {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "ws_visitor_new": "2/hour"}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    answers = [visitor_ticket(world.shop_b) for _ in range(4)]
    assert all(a["ticket"] for a in answers)  # served all the same
    ids = [a["visitor_id"] for a in answers]
    assert all(ids[:2])
    assert ids[2:] == [None, None]
    assert visitor_ticket(world.shop_b, ids[0])["visitor_id"] == ids[0]  # a returning visitor is no new id


def _public_promotion() -> int:
    return Promotion.objects.create(title="Sale", text="Half price", audience="all", is_public=True).pk


def _broadcast(pid: int) -> None:
    from realtime.notifications.services import visitors_broadcast
    from saas.kernel.tenancy import current_schema

    visitors_broadcast(schema_name=current_schema(),
                       message=promotions.promotion_public_frame(Promotion.objects.get(pk=pid)))


def _visitors(pid: int) -> list[tuple[bool]]:
    return [(v.opened_at is not None,) for v in PromotionVisitor.objects.filter(promotion_id=pid)]


def test_visitors_count_once_each_in_reached_and_opened_and_forged_frames_count_nothing(world, committed):
    schema = world.shop_a.schema_name
    me = visitor_ticket(world.shop_a)
    # the same visitor in a second tab, and later reconnecting: their own tickets, the same signed id
    tab, back_ticket = (visitor_ticket(world.shop_a, me["visitor_id"])["ticket"] for _ in range(2))
    customer_ticket = ticket(world.shop_a, world.customer_a)

    async def scenario():
        pid = await committed(schema, _public_promotion)
        visitor, _ = await opened("alpha.localhost", me["ticket"])
        second, _ = await opened("alpha.localhost", tab)
        customer, _ = await opened("alpha.localhost", customer_ticket)
        await committed(schema, _broadcast, pid)
        for comm in (visitor, second):
            assert (await comm.receive_json_from(timeout=5))["id"] == pid
        # a promotion this socket was never sent, and a signed-in socket, count nothing
        await visitor.send_json_to({"type": "promotion_seen", "id": pid + 1000})
        assert (await visitor.receive_json_from(timeout=5))["code"] == "unknown_promotion"
        await customer.send_json_to({"type": "promotion_seen", "id": pid})
        assert (await customer.receive_json_from(timeout=5))["code"] == "unknown_promotion"
        for _ in range(3):
            await visitor.send_json_to({"type": "promotion_seen", "id": pid})
        await second.send_json_to({"type": "promotion_seen", "id": pid})
        await visitor.send_json_to({"type": "promotion_opened", "id": pid})
        await second.send_json_to({"type": "promotion_opened", "id": pid})
        for comm in (visitor, second):
            await comm.send_json_to({"type": "ping"})  # frames are handled in order: the pong comes after them
            assert await comm.receive_json_from(timeout=5) == {"type": "pong"}
            await comm.disconnect()
        # reconnecting is the same visitor
        back, _ = await opened("alpha.localhost", back_ticket)
        await committed(schema, _broadcast, pid)
        assert (await back.receive_json_from(timeout=5))["id"] == pid
        await back.send_json_to({"type": "promotion_seen", "id": pid})
        await back.send_json_to({"type": "promotion_opened", "id": pid})
        await back.send_json_to({"type": "ping"})
        assert await back.receive_json_from(timeout=5) == {"type": "pong"}
        await back.disconnect()
        await customer.disconnect()
        return pid

    pid = asyncio.run(scenario())
    assert asyncio.run(committed(schema, _visitors, pid)) == [(True,)]
    listed = client_for(world.shop_a, world.owner_a).get(f"/api/dashboard/promotions/{pid}/").json()
    assert (listed["reached"], listed["opened"], listed["visitors_reached"], listed["visitors_opened"]) == (1, 1, 1, 1)


def test_a_visitor_past_the_new_id_limit_gets_the_promotion_but_is_not_counted(world, committed):
    schema = world.shop_a.schema_name

    async def scenario():
        pid = await committed(schema, _public_promotion)
        t = await committed(schema, ws_ticket_issue, visitor=None)
        comm, _ = await opened("alpha.localhost", t)
        await committed(schema, _broadcast, pid)
        assert (await comm.receive_json_from(timeout=5))["id"] == pid
        await comm.send_json_to({"type": "promotion_seen", "id": pid})
        await comm.send_json_to({"type": "ping"})
        assert await comm.receive_json_from(timeout=5) == {"type": "pong"}
        await comm.disconnect()
        return await committed(schema, _visitors, pid)

    assert asyncio.run(scenario()) == []
