"""The support socket on the real Redis channel layer: live delivery both ways, replay after a
reconnect, bad frames, and that nobody hears another shop's or another shopper's chats.

The consumer reads the database from its own thread and connection, so the rows these tests
need are written from that thread (committed) and removed at the end."""
from __future__ import annotations

import asyncio
import json

import pytest
from channels.db import database_sync_to_async
from channels.testing.websocket import WebsocketCommunicator

from conftest import PASSWORD, client_for
from realtime import support_consumers
from realtime.support_consumers import BURST, REFILL_PER_SECOND, REFUSALS_BEFORE_CLOSE, _in_schema
from saas.asgi import application

pytestmark = pytest.mark.django_db


def committed(shop, fn, *args, **kwargs):
    """Runs fn in the consumers' database thread, in the shop's schema: committed at once."""
    return asyncio.run(database_sync_to_async(_in_schema)(shop.schema_name, fn, *args, **kwargs))


def _cleanup():
    from realtime.notifications.models import FeedItem, Notification, RecipientSequence
    from realtime.support_models import Conversation
    from saas.accounts.models import User

    # the replies and new chats became notifications and feed items (realtime.notifications subscribes)
    Notification.objects.all().delete()
    RecipientSequence.objects.all().delete()
    FeedItem.objects.all().delete()
    Conversation.objects.all().delete()
    # Raw: the ORM's cascade check would look for shops "owned" by these ids in the public schema.
    User.objects.filter(email__endswith="@chat.test")._raw_delete(using="default")


@pytest.fixture(autouse=True)
def _fresh_channel_layer():
    """Each test's asyncio.run is a new event loop; the layer keeps a receive lock bound to the
    loop that made it, so a layer shared across tests can fail in a later one (one loop per
    process in production)."""
    from channels.layers import channel_layers

    channel_layers.backends.pop("default", None)
    yield
    channel_layers.backends.pop("default", None)


@pytest.fixture(autouse=True)
def _committed_rows_removed(world):
    yield
    for shop in (world.shop_a, world.shop_b):
        committed(shop, _cleanup)


def person(shop, email: str, role: str):
    from saas.accounts.models import User

    return committed(shop, lambda: User.objects.create_user(email, PASSWORD, role=role, full_name=email[:5]))


def open_conversation(shop, *, shopper=None, body="Hello"):
    from realtime.support import conversation_open

    conv, _, token = committed(shop, lambda: conversation_open(
        shopper=shopper, body=body, **({} if shopper else {"email": "guest@example.com", "name": "Gwen"})))
    return conv, token


def thread_ticket(shop, user) -> str:
    """For people created in the consumers' thread (a token would write a session row here)."""
    from realtime.support_presence import support_ticket_issue

    return committed(shop, lambda: support_ticket_issue(user=user))


def twin_conversation(shop, pk: int, shopper, body: str):
    """A conversation with the same id as one in another shop (their sequences differ in tests)."""
    from realtime.support import message_post
    from realtime.support_models import Conversation

    def create():
        conv = Conversation.objects.create(pk=pk, shopper=shopper, email=shopper.email, name="Twin", subject=body)
        message_post(conversation=conv, side="shopper", author=shopper, body=body)
        return conv

    return committed(shop, create)


def user_ticket(shop, user, staff=False) -> str:
    path = "/api/dashboard/support/ticket/" if staff else "/api/support/ticket/"
    res = client_for(shop, user).post(path)
    assert res.status_code == 201, res.content
    return res.json()["ticket"]


def guest_ticket(shop, token) -> str:
    client = client_for(shop)
    client.credentials(HTTP_X_SUPPORT_TOKEN=token)
    res = client.post("/api/support/ticket/")
    assert res.status_code == 201, res.content
    return res.json()["ticket"]


def sock(shop, ticket: str) -> WebsocketCommunicator:
    return WebsocketCommunicator(application, f"/ws/support/?ticket={ticket}",
                                 headers=[(b"host", f"{shop.subdomain}.localhost".encode())])


async def connected(comm) -> dict:
    ok, code = await comm.connect(timeout=5)
    assert ok, code
    hello = await comm.receive_json_from(timeout=5)
    assert hello["type"] == "hello"
    return hello


async def until(comm, kind: str, **match) -> dict:
    """The next frame of a kind (skipping others, e.g. conversation summaries)."""
    while True:
        frame = await comm.receive_json_from(timeout=5)
        if frame["type"] == kind and all(frame.get(k) == v for k, v in match.items()):
            return frame


async def subscribe(comm, conversation_id: int, after: int = 0) -> list[dict]:
    await comm.send_json_to({"type": "subscribe", "conversation": conversation_id, "after": after})
    frames = []
    while True:
        frame = await comm.receive_json_from(timeout=5)
        frames.append(frame)
        if frame["type"] in ("replayed", "error"):
            return frames


def test_shopper_and_staff_chat_live_with_typing_and_read_receipts(world):
    conv, _ = open_conversation(world.shop_a, shopper=world.customer_a, body="Is this wool?")
    shopper_ticket, staff_ticket = user_ticket(world.shop_a, world.customer_a), user_ticket(
        world.shop_a, world.owner_a, staff=True)

    async def scenario():
        shopper, staff = sock(world.shop_a, shopper_ticket), sock(world.shop_a, staff_ticket)
        hello = await connected(shopper)
        assert hello["role"] == "shopper"
        assert hello["staff_online"] is False
        assert (await connected(staff))["role"] == "staff"
        assert (await until(shopper, "presence"))["staff_online"] is True
        await subscribe(shopper, conv.pk)
        frames = await subscribe(staff, conv.pk)
        assert [f["message"]["body"] for f in frames if f["type"] == "message"] == ["Is this wool?"]

        await shopper.send_json_to({"type": "typing", "conversation": conv.pk})
        assert (await until(staff, "typing"))["side"] == "shopper"
        await shopper.send_json_to({"type": "message", "conversation": conv.pk, "body": "Merino?", "client_id": "c1"})
        ack = await until(shopper, "ack")
        assert ack["client_id"] == "c1"
        assert ack["seq"] == 2
        pushed = await until(staff, "message")
        assert pushed["message"]["body"] == "Merino?"
        assert pushed["message"]["seq"] == 2
        summary = await until(staff, "conversation")
        assert summary["conversation"]["staff_unread"] == 2

        await staff.send_json_to({"type": "read", "conversation": conv.pk, "seq": 2})
        receipt = await until(shopper, "read")
        assert receipt["side"] == "staff"
        assert receipt["seq"] == 2
        await staff.send_json_to({"type": "message", "conversation": conv.pk, "body": "Yes, merino."})
        assert (await until(shopper, "message"))["message"]["side"] == "staff"
        # the typing frame went to the other side only
        await shopper.send_json_to({"type": "ping"})
        while (frame := await shopper.receive_json_from(timeout=5))["type"] != "pong":
            assert frame["type"] != "typing"
        await staff.disconnect()
        assert (await until(shopper, "presence"))["staff_online"] is False
        await shopper.disconnect()

    asyncio.run(scenario())


def test_reconnecting_with_the_last_number_seen_replays_what_was_missed(world):
    from realtime.support import message_post

    conv, _ = open_conversation(world.shop_a, shopper=world.customer_a, body="one")
    for body in ("two", "three"):
        committed(world.shop_a, lambda body=body: message_post(conversation=conv, side="staff",
                                                               author=world.owner_a, body=body))
    ticket = user_ticket(world.shop_a, world.customer_a)

    async def scenario():
        comm = sock(world.shop_a, ticket)
        await connected(comm)
        frames = await subscribe(comm, conv.pk, after=1)
        assert [f["message"]["body"] for f in frames if f["type"] == "message"] == ["two", "three"]
        assert frames[-1] == {"type": "replayed", "conversation": conv.pk, "last_seq": 3}
        await comm.disconnect()

    asyncio.run(scenario())


def test_bad_frames_get_error_frames_and_leave_the_socket_and_others_working(world):
    conv, _ = open_conversation(world.shop_a, shopper=world.customer_a)
    other_conv, _ = open_conversation(world.shop_a, body="not yours")
    tickets = [user_ticket(world.shop_a, world.customer_a) for _ in range(2)]

    async def scenario():
        comm, bystander = sock(world.shop_a, tickets[0]), sock(world.shop_a, tickets[1])
        await connected(comm)
        await connected(bystander)
        await subscribe(bystander, conv.pk)
        for raw, code in [("not json", "bad_json"), ("[1, 2]", "bad_frame"), ('{"type": "hack"}', "unknown_type"),
                          (json.dumps({"type": "message", "body": "x" * 20000}), "frame_too_large"),
                          (json.dumps({"type": "message", "conversation": conv.pk, "body": "x"}),
                           "conversation_not_found"),  # not subscribed yet
                          (json.dumps({"type": "subscribe", "conversation": "1; drop"}), "bad_frame")]:
            await comm.send_to(text_data=raw)
            frame = await comm.receive_json_from(timeout=5)
            assert (frame["type"], frame["code"]) == ("error", code), raw
        await comm.send_to(bytes_data=b"\x00\x01")
        assert (await comm.receive_json_from(timeout=5))["code"] == "bad_frame"
        frames = await subscribe(comm, other_conv.pk)  # a guest's conversation of the same shop
        assert frames == [{"type": "error", "code": "conversation_not_found", "message": "No such conversation.",
                           "for": "subscribe"}]
        await comm.send_json_to({"type": "message", "conversation": other_conv.pk, "body": "sneak"})
        assert (await comm.receive_json_from(timeout=5))["code"] == "conversation_not_found"

        await subscribe(comm, conv.pk)
        await comm.send_json_to({"type": "message", "conversation": conv.pk, "body": "   "})
        assert (await until(comm, "error"))["code"] == "message_invalid"
        await comm.send_json_to({"type": "message", "conversation": conv.pk, "body": "still here", "client_id": "k"})
        assert (await until(comm, "ack"))["seq"] == 2
        assert (await until(bystander, "message"))["message"]["body"] == "still here"
        await comm.disconnect()
        await bystander.disconnect()

    asyncio.run(scenario())

    from realtime.support_models import Message

    bodies = committed(world.shop_a, lambda: list(Message.objects.order_by("conversation", "seq")
                                                  .values_list("conversation", "body")))
    assert bodies == [(conv.pk, "Hello"), (conv.pk, "still here"), (other_conv.pk, "not yours")]


class StillClock:
    """The allowance's clock, moved only by the test: how many frames pass no longer depends on
    how fast a loaded machine handles them (on the wall clock a slow run refilled the allowance
    mid-flood, the 80 frames never reached the close, and the test timed out)."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch) -> StillClock:
    still = StillClock()
    monkeypatch.setattr(support_consumers, "rate_clock", still)
    return still


async def flood_replies(comm) -> tuple[set[int], int, int]:
    """Reads until the socket closes: the seqs acknowledged, the refusals, the close code."""
    acked: set[int] = set()
    refused = 0
    while True:
        out = await comm.receive_output(timeout=5)
        if out["type"] == "websocket.close":
            return acked, refused, out["code"]
        frame = json.loads(out["text"])
        if frame["type"] == "ack":
            acked.add(frame["seq"])
        elif frame["type"] == "error":
            assert frame["code"] == "rate_limited"
            refused += 1


def test_flooding_is_refused_then_closed_and_every_acknowledged_message_is_stored(world, clock):
    conv, _ = open_conversation(world.shop_a, shopper=world.customer_a)
    tickets = [user_ticket(world.shop_a, world.customer_a) for _ in range(2)]

    async def scenario():
        flood, calm = sock(world.shop_a, tickets[0]), sock(world.shop_a, tickets[1])
        await connected(flood)
        await connected(calm)
        await subscribe(flood, conv.pk)  # one frame of the allowance
        await subscribe(calm, conv.pk)
        for n in range(80):
            await flood.send_json_to({"type": "message", "conversation": conv.pk, "body": f"m{n}", "client_id": str(n)})
        acked, refused, closed = await flood_replies(flood)
        assert closed == 4429
        assert refused == REFUSALS_BEFORE_CLOSE - 1
        assert len(acked) == BURST - 1
        # the calm socket on the same conversation goes on
        await calm.send_json_to({"type": "ping"})
        await until(calm, "pong")
        await flood.disconnect()
        await calm.disconnect()
        return acked

    acked = asyncio.run(scenario())
    from realtime.support_models import Message

    stored = committed(world.shop_a, lambda: set(Message.objects.filter(conversation_id=conv.pk)
                                                 .values_list("seq", flat=True)))
    assert acked | {1} == stored  # nothing acknowledged is missing, nothing refused was stored


def test_the_allowance_comes_back_with_time(world, clock):
    ticket = user_ticket(world.shop_a, world.customer_a)

    async def scenario():
        comm = sock(world.shop_a, ticket)
        await connected(comm)

        async def pings(count: int) -> list[str]:
            for _ in range(count):
                await comm.send_json_to({"type": "ping"})
            return [(await comm.receive_json_from(timeout=5)).get("code") or "pong" for _ in range(count)]

        assert await pings(BURST + 1) == ["pong"] * BURST + ["rate_limited"]
        clock.now += 2.5 / REFILL_PER_SECOND  # two whole frames' worth (and half of a third)
        assert await pings(3) == ["pong", "pong", "rate_limited"]
        await comm.disconnect()

    asyncio.run(scenario())


def test_sockets_hear_only_their_own_shop_and_shopper(world):
    """Ids collide: customer 2 and conversation 1 exist in alpha and in bravo."""
    conv_a, _ = open_conversation(world.shop_a, shopper=world.customer_a, body="alpha secret")
    conv_b = twin_conversation(world.shop_b, conv_a.pk, world.customer_b, "bravo question")
    assert conv_a.pk == conv_b.pk
    assert world.customer_a.pk == world.customer_b.pk
    neighbour = person(world.shop_a, "neighbour@chat.test", "customer")
    tickets = {"staff_b": user_ticket(world.shop_b, world.owner_b, staff=True),
               "shopper_b": user_ticket(world.shop_b, world.customer_b),
               "neighbour": thread_ticket(world.shop_a, neighbour)}

    from realtime.support import message_post

    async def scenario():
        staff_b, shopper_b, nb = (sock(world.shop_b, tickets["staff_b"]), sock(world.shop_b, tickets["shopper_b"]),
                                  sock(world.shop_a, tickets["neighbour"]))
        for comm in (staff_b, shopper_b, nb):
            await connected(comm)
        frames = await subscribe(shopper_b, conv_b.pk)
        assert [f["message"]["body"] for f in frames if f["type"] == "message"] == ["bravo question"]
        await subscribe(staff_b, conv_b.pk)
        assert (await subscribe(nb, conv_a.pk))[-1]["code"] == "conversation_not_found"
        await database_sync_to_async(_in_schema)(world.shop_a.schema_name, lambda: message_post(
            conversation=conv_a, side="staff", author=world.owner_a, body="alpha answer"))
        for comm in (staff_b, shopper_b, nb):
            assert await comm.receive_nothing(timeout=0.7)
        await database_sync_to_async(_in_schema)(world.shop_b.schema_name, lambda: message_post(
            conversation=conv_b, side="staff", author=world.owner_b, body="bravo answer"))
        assert (await until(shopper_b, "message"))["message"]["body"] == "bravo answer"
        assert await nb.receive_nothing(timeout=0.5)
        for comm in (staff_b, shopper_b, nb):
            await comm.disconnect()

    asyncio.run(scenario())


def test_a_guest_ticket_opens_only_its_own_conversation(world):
    mine, token = open_conversation(world.shop_a, body="guest one")
    theirs, _ = open_conversation(world.shop_a, body="guest two")
    customers, _ = open_conversation(world.shop_a, shopper=world.customer_a, body="customer")
    ticket = guest_ticket(world.shop_a, token)
    refused_elsewhere = guest_ticket(world.shop_a, token)

    async def scenario():
        # a guest's ticket is bound to its shop too
        other_shop = sock(world.shop_b, refused_elsewhere)
        assert (await other_shop.connect(timeout=5)) == (False, 4401)
        comm = sock(world.shop_a, ticket)
        hello = await connected(comm)
        assert hello["role"] == "guest"
        assert hello["conversation"] == mine.pk
        for cid in (theirs.pk, customers.pk):
            assert (await subscribe(comm, cid))[-1]["code"] == "conversation_not_found"
        frames = await subscribe(comm, mine.pk)
        assert [f["message"]["body"] for f in frames if f["type"] == "message"] == ["guest one"]
        await comm.disconnect()
        # single use
        assert (await sock(world.shop_a, ticket).connect(timeout=5)) == (False, 4401)

    asyncio.run(scenario())


def test_roles_without_the_inbox_get_no_staff_socket(world):
    clerk = person(world.shop_a, "clerk@chat.test", "staff")
    helper = person(world.shop_a, "helper@chat.test", "support")
    # the socket checks the role itself, whatever ticket the person holds (the HTTP side: test_support_api)
    clerk_ticket, helper_ticket = thread_ticket(world.shop_a, clerk), thread_ticket(world.shop_a, helper)

    async def scenario():
        assert (await sock(world.shop_a, clerk_ticket).connect(timeout=5)) == (False, 4403)
        comm = sock(world.shop_a, helper_ticket)
        assert (await connected(comm))["role"] == "staff"
        await comm.disconnect()

    asyncio.run(scenario())


def test_a_suspended_shop_closes_support_sockets_and_refuses_new_ones(world):
    from asgiref.sync import sync_to_async

    from realtime.services import shop_broadcast

    ticket = user_ticket(world.shop_a, world.customer_a)

    async def scenario():
        assert (await sock(world.shop_c, "any").connect(timeout=5)) == (False, 4403)
        comm = sock(world.shop_a, ticket)
        await connected(comm)
        await sync_to_async(shop_broadcast)(schema_name=world.shop_a.schema_name, event={"type": "shop.suspended"})
        assert await comm.receive_output(timeout=5) == {"type": "websocket.close", "code": 4403}
        await comm.disconnect()

    asyncio.run(scenario())


def test_a_shopper_socket_ignores_what_is_meant_for_the_notification_socket(world):
    from asgiref.sync import sync_to_async

    from realtime.services import notify_user

    ticket = user_ticket(world.shop_a, world.customer_a)

    async def scenario():
        comm = sock(world.shop_a, ticket)
        await connected(comm)
        await sync_to_async(notify_user)(schema_name=world.shop_a.schema_name, user_id=world.customer_a.pk,
                                         message={"type": "order.status"})
        await comm.send_json_to({"type": "ping"})
        assert await comm.receive_json_from(timeout=5) == {"type": "pong"}
        await comm.disconnect()

    asyncio.run(scenario())
