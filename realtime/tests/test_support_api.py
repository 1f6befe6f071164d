"""Support chat over HTTP: who sees which conversation, the staff inbox and its roles, the
answer by e-mail when nobody was online, and the events sent after commit."""
from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import mail
from django_tenants.utils import schema_context

from conftest import PASSWORD, client_for, token_for
from realtime import support_tasks
from realtime.events import SupportConversationOpened, SupportMessagePosted
from realtime.support_models import Conversation, Message
from saas.accounts.models import Role, User
from saas.kernel import events

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _mail_in_memory(settings, monkeypatch):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # the task itself runs here (there is no worker in this test), in the schema it was queued from
    monkeypatch.setattr(support_tasks.send_support_reply_email, "delay",
                        lambda message_id: support_tasks.send_support_reply_email.run(message_id))


def member(shop, role: str, email: str) -> User:
    with schema_context(shop.schema_name):
        return User.objects.create_user(email, PASSWORD, role=role, full_name=f"{role.title()} person")


def open_as_guest(shop, body="Where is my parcel?", **extra):
    return client_for(shop).post("/api/support/conversations/",
                                 {"body": body, "email": "Guest@Example.com", "name": "Gwen", **extra}, format="json")


def guest(shop, token: str):
    client = client_for(shop)
    client.credentials(HTTP_X_SUPPORT_TOKEN=token)
    return client


def test_a_guest_must_leave_an_email_and_a_name_and_gets_a_token_for_its_conversation_only(world):
    res = client_for(world.shop_a).post("/api/support/conversations/", {"body": "Hello"}, format="json")
    assert res.status_code == 400
    assert set(res.json()["error"]["fields"]) == {"email", "name"}
    with schema_context(world.shop_a.schema_name):
        assert not Conversation.objects.exists()

    first, second = open_as_guest(world.shop_a).json(), open_as_guest(world.shop_a, "Another").json()
    conv = first["conversation"]
    assert conv["email"] == "guest@example.com"
    assert conv["is_guest"]
    assert conv["last_seq"] == 1
    assert first["messages"][0]["body"] == "Where is my parcel?"
    assert first["messages"][0]["seq"] == 1

    mine = guest(world.shop_a, first["guest_token"])
    assert mine.get(f"/api/support/conversations/{conv['id']}/").status_code == 200
    # its token opens nothing else, on this shop or another
    assert mine.get(f"/api/support/conversations/{second['conversation']['id']}/").status_code == 404
    assert guest(world.shop_b, first["guest_token"]).get(f"/api/support/conversations/{conv['id']}/").status_code \
        == 404
    assert guest(world.shop_a, f"{conv['id']}.forged").get(f"/api/support/conversations/{conv['id']}/") \
        .status_code == 404
    assert client_for(world.shop_a).get(f"/api/support/conversations/{conv['id']}/").status_code == 401

    res = mine.post(f"/api/support/conversations/{conv['id']}/messages/", {"body": "Order 1001"}, format="json")
    assert res.status_code == 201
    assert res.json()["seq"] == 2
    after = mine.get(f"/api/support/conversations/{conv['id']}/?after=1").json()["messages"]
    assert [m["body"] for m in after] == ["Order 1001"]


def test_bad_messages_are_refused_and_store_nothing(world):
    opened = open_as_guest(world.shop_a).json()
    mine, cid = guest(world.shop_a, opened["guest_token"]), opened["conversation"]["id"]
    for body in ["", "   ", "x" * 4001]:
        res = mine.post(f"/api/support/conversations/{cid}/messages/", {"body": body}, format="json")
        assert res.status_code == 400, body
        assert res.json()["error"]["fields"]["body"]
    with schema_context(world.shop_a.schema_name):
        assert Message.objects.filter(conversation_id=cid).count() == 1


def test_a_shopper_sees_only_their_own_conversations_even_where_ids_match_across_shops(world):
    """customer_a and customer_b both have id 2, in different shops; conversation ids collide too."""
    a = client_for(world.shop_a, world.customer_a)
    b = client_for(world.shop_b, world.customer_b)
    conv_a = a.post("/api/support/conversations/", {"body": "From A"}, format="json").json()["conversation"]
    with schema_context(world.shop_b.schema_name):  # the same id in the other shop (sequences differ in tests)
        from realtime.support import message_post

        twin = Conversation.objects.create(pk=conv_a["id"], shopper=world.customer_b, email="b@b.test", name="B",
                                           subject="From B")
        message_post(conversation=twin, side="shopper", author=world.customer_b, body="From B")
    assert [c["subject"] for c in a.get("/api/support/conversations/").json()] == ["From A"]
    assert [c["subject"] for c in b.get("/api/support/conversations/").json()] == ["From B"]
    assert b.get(f"/api/support/conversations/{conv_a['id']}/").json()["messages"][0]["body"] == "From B"

    other = member(world.shop_a, Role.CUSTOMER, "other@alpha.test")
    as_other = client_for(world.shop_a, other)
    assert as_other.get("/api/support/conversations/").json() == []
    assert as_other.get(f"/api/support/conversations/{conv_a['id']}/").status_code == 404
    assert as_other.post(f"/api/support/conversations/{conv_a['id']}/messages/", {"body": "hi"},
                         format="json").status_code == 404
    # a shop's token means nothing on another shop
    foreign = client_for(world.shop_b)
    foreign.credentials(HTTP_AUTHORIZATION=f"Bearer {token_for(world.shop_a, world.customer_a)['access']}")
    assert foreign.get("/api/support/conversations/").status_code == 401


@pytest.mark.parametrize(("role", "allowed"), [(Role.OWNER, True), (Role.MANAGER, True), (Role.SUPPORT, True),
                                               (Role.STAFF, False), (Role.CUSTOMER, False)])
def test_only_owners_managers_and_support_reach_the_inbox(world, role, allowed):
    open_as_guest(world.shop_a)
    person = world.owner_a if role == Role.OWNER else member(world.shop_a, role, f"{role}-member@alpha.test")
    client = client_for(world.shop_a, person)
    res = client.get("/api/dashboard/support/conversations/")
    assert (res.status_code == 200) is allowed, res.content
    assert (client.post("/api/dashboard/support/ticket/").status_code == 201) is allowed
    if not allowed:
        assert res.status_code == 403


def test_staff_answer_assign_and_close_and_the_shopper_sees_it(world):
    opened = open_as_guest(world.shop_a).json()
    cid = opened["conversation"]["id"]
    owner = client_for(world.shop_a, world.owner_a)
    helper = member(world.shop_a, Role.SUPPORT, "helper@alpha.test")
    clerk = member(world.shop_a, Role.STAFF, "clerk@alpha.test")

    listed = owner.get("/api/dashboard/support/conversations/?status=open").json()
    assert listed["count"] == 1
    assert listed["results"][0]["staff_unread"] == 1
    assert listed["results"][0]["last_message"] == {"side": "shopper", "body": "Where is my parcel?"}

    assert {p["email"] for p in owner.get("/api/dashboard/support/staff/").json()} == {
        "merchant-a@platform.test", "helper@alpha.test"}
    res = owner.post(f"/api/dashboard/support/conversations/{cid}/assign/", {"assignee": clerk.pk}, format="json")
    assert res.status_code == 400
    assert res.json()["error"]["code"] == "assignee_invalid"
    res = owner.post(f"/api/dashboard/support/conversations/{cid}/assign/", {"assignee": helper.pk}, format="json")
    assert res.json()["assignee"] == helper.pk
    mine = client_for(world.shop_a, helper).get("/api/dashboard/support/conversations/?assigned=me").json()
    assert [c["id"] for c in mine["results"]] == [cid]

    res = client_for(world.shop_a, helper).post(f"/api/dashboard/support/conversations/{cid}/read/", {"seq": 1},
                                                format="json")
    assert res.json()["staff_unread"] == 0
    res = client_for(world.shop_a, helper).post(f"/api/dashboard/support/conversations/{cid}/messages/",
                                                {"body": "It ships today."}, format="json")
    assert res.status_code == 201
    assert res.json()["side"] == "staff"
    assert res.json()["author_name"] == "Support person"

    shopper = guest(world.shop_a, opened["guest_token"])
    detail = shopper.get(f"/api/support/conversations/{cid}/").json()
    assert [m["side"] for m in detail["messages"]] == ["shopper", "staff"]
    assert detail["messages"][0]["read_at"] is not None  # the receipt: staff read it
    assert detail["conversation"]["shopper_unread"] == 1
    shopper.post(f"/api/support/conversations/{cid}/read/", {"seq": 2}, format="json")
    assert shopper.get(f"/api/support/conversations/{cid}/").json()["messages"][1]["read_at"] is not None

    assert owner.post(f"/api/dashboard/support/conversations/{cid}/close/").json()["status"] == "closed"
    shopper.post(f"/api/support/conversations/{cid}/messages/", {"body": "One more thing"}, format="json")
    assert shopper.get(f"/api/support/conversations/{cid}/").json()["conversation"]["status"] == "open"
    # another shop's staff do not find it
    assert client_for(world.shop_b, world.owner_b).get(
        f"/api/dashboard/support/conversations/{cid}/").status_code == 404


def test_when_nobody_is_online_the_answer_also_goes_by_email_with_a_link_back(
        world, django_capture_on_commit_callbacks):
    expectation = client_for(world.shop_a).get("/api/support/status/").json()
    assert expectation["staff_online"] is False
    assert "24 hours" in expectation["text"]
    with django_capture_on_commit_callbacks(execute=True):
        opened = open_as_guest(world.shop_a).json()
    cid = opened["conversation"]["id"]
    owner = client_for(world.shop_a, world.owner_a)
    with django_capture_on_commit_callbacks(execute=True):
        owner.post(f"/api/dashboard/support/conversations/{cid}/messages/", {"body": "Tomorrow."}, format="json")
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["guest@example.com"]
    assert "Tomorrow." in sent.body
    assert "Alpha" in sent.subject
    link = re.search(r"https?://\S+", sent.body).group(0)
    assert urlsplit(link).netloc == "alpha.localhost:8000"
    assert urlsplit(link).path == f"/support/{cid}"
    key = parse_qs(urlsplit(link).query)["key"][0]

    # a second answer in the same exchange does not send another e-mail
    with django_capture_on_commit_callbacks(execute=True):
        owner.post(f"/api/dashboard/support/conversations/{cid}/messages/", {"body": "Sorry, today."}, format="json")
    assert len(mail.outbox) == 1

    assert client_for(world.shop_b).post("/api/support/resume/", {"conversation": cid, "key": key},
                                         format="json").status_code == 404
    assert client_for(world.shop_a).post("/api/support/resume/", {"conversation": cid + 1, "key": key},
                                         format="json").status_code == 404
    resumed = client_for(world.shop_a).post("/api/support/resume/", {"conversation": cid, "key": key},
                                            format="json").json()
    assert resumed["sign_in_required"] is False
    history = guest(world.shop_a, resumed["guest_token"]).get(f"/api/support/conversations/{cid}/").json()
    assert [m["body"] for m in history["messages"]] == ["Where is my parcel?", "Tomorrow.", "Sorry, today."]


def rolled_back_post(conv, author) -> None:
    from django.db import transaction

    from realtime.support import message_post

    with transaction.atomic():
        message_post(conversation=conv, side="shopper", author=author, body="lost")
        raise RuntimeError


def test_events_are_sent_once_after_commit_and_not_on_rollback(world, django_capture_on_commit_callbacks):
    from realtime.support import conversation_open, message_post

    with events.captured() as box, schema_context(world.shop_a.schema_name):
        with django_capture_on_commit_callbacks(execute=True):
            conv, _, _ = conversation_open(shopper=world.customer_a, body="Hi")
        with django_capture_on_commit_callbacks(execute=True):
            message_post(conversation=conv, side="staff", author=world.owner_a, body="Hello")
        with pytest.raises(RuntimeError):
            rolled_back_post(conv, world.customer_a)
        assert Message.objects.filter(conversation=conv).count() == 2
    assert [type(e) for e in box] == [SupportConversationOpened, SupportMessagePosted, SupportMessagePosted]
    assert box[2].by_staff
    assert box[2].recipient_user_id == world.customer_a.pk
    assert box[0].schema_name == world.shop_a.schema_name


def test_a_suspended_shop_refuses_chat(world):
    res = client_for(world.shop_c).post("/api/support/conversations/",
                                        {"body": "Hi", "email": "g@example.com", "name": "G"}, format="json")
    assert res.status_code == 403


def test_staff_presence_lapses_when_a_socket_dies_without_closing(world):
    from realtime.support_presence import (
        _key,
        _redis,
        presence_staff_join,
        presence_staff_leave,
        reply_expectation,
        staff_online,
    )

    schema = world.shop_a.schema_name
    assert presence_staff_join(schema_name=schema, channel_name="socket-1") == 0
    assert presence_staff_join(schema_name=schema, channel_name="socket-2") == 1
    assert reply_expectation(schema)["staff_online"] is True
    assert not staff_online(world.shop_b.schema_name)
    assert presence_staff_leave(schema_name=schema, channel_name="socket-1") == 1
    # socket-2's process was killed: its member is never removed, only not renewed
    _redis().zadd(_key(schema), {"socket-2": 1.0})
    assert staff_online(schema) is False
    assert reply_expectation(schema)["reply_within_hours"] == 24
