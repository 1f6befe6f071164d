"""Support chat writes (keyword-only services). Each stores first, then, once the transaction
commits, pushes a frame to the conversation's sockets and the staff inbox and publishes the
typed event (`realtime.events`). The socket is a fast path: the rows are the record."""
from __future__ import annotations

import hashlib
import secrets
from enum import StrEnum

from channels.layers import get_channel_layer
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from realtime.events import SupportConversationOpened, SupportMessagePosted
from realtime.push import run_push
from realtime.support_models import Conversation, ConversationStatus, Message, Side
from saas.accounts.roles import Area, role_allows
from saas.kernel import events
from saas.kernel.errors import AppError
from saas.kernel.tenancy import current_schema

MAX_BODY = 4000
MAX_SUBJECT = 200


class SupportErrorCode(StrEnum):
    NOT_FOUND = "conversation_not_found"
    BODY_INVALID = "message_invalid"
    CONTACT_INVALID = "contact_invalid"
    ASSIGNEE_INVALID = "assignee_invalid"
    CLOSED = "conversation_closed"
    LINK_INVALID = "support_link_invalid"


def conversation_group(schema_name: str, conversation_id: int) -> str:
    return f"{schema_name}.support.conversation.{conversation_id}"


def staff_group(schema_name: str) -> str:
    return f"{schema_name}.support.staff"


def shoppers_group(schema_name: str) -> str:
    """Every shopper and guest support socket of a shop (staff presence changes)."""
    return f"{schema_name}.support.shoppers"


def group_push(group: str, frame: dict, *, exclude: str = "") -> None:
    run_push(lambda: get_channel_layer().group_send(group, {"type": "support.frame", "frame": frame,
                                                            "exclude": exclude}))


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def guest_token_for(conversation: Conversation) -> str:
    """A new secret for a guest's conversation (replacing the old one): "<id>.<secret>"."""
    secret = secrets.token_urlsafe(24)
    Conversation.objects.filter(pk=conversation.pk).update(guest_secret_hash=_hash(secret))
    conversation.guest_secret_hash = _hash(secret)
    return f"{conversation.pk}.{secret}"


def guest_conversation(token: str) -> Conversation | None:
    """The guest conversation a token opens in this shop, or None."""
    conv_id, _, secret = (token or "").partition(".")
    if not conv_id.isdigit() or not secret:
        return None
    conv = Conversation.objects.filter(pk=int(conv_id), shopper__isnull=True).first()
    if conv is None or not conv.guest_secret_hash or not secrets.compare_digest(conv.guest_secret_hash, _hash(secret)):
        return None
    return conv


def may_staff(user) -> bool:
    return bool(user and user.is_authenticated and user.is_shop_staff
                and role_allows(user.role, Area.SUPPORT, write=True))


def _clean_body(body) -> str:
    text = body.strip() if isinstance(body, str) else ""
    if not text or len(text) > MAX_BODY:
        raise AppError(SupportErrorCode.BODY_INVALID, f"A message needs between 1 and {MAX_BODY} characters.",
                       fields={"body": [f"Write between 1 and {MAX_BODY} characters."]})
    return text


def message_payload(message: Message) -> dict:
    return {"id": message.pk, "conversation": message.conversation_id, "seq": message.seq, "side": message.side,
            "author_name": message.author_name, "body": message.body,
            "created_at": message.created_at.isoformat(),
            "read_at": message.read_at.isoformat() if message.read_at else None}


def conversation_payload(conv: Conversation, *, last: Message | None = None) -> dict:
    return {"id": conv.pk, "subject": conv.subject, "status": conv.status, "name": conv.name, "email": conv.email,
            "is_guest": conv.is_guest, "assignee": conv.assignee_id, "last_seq": conv.last_seq,
            "shopper_read_seq": conv.shopper_read_seq, "staff_read_seq": conv.staff_read_seq,
            "shopper_unread": conv.shopper_unread, "staff_unread": conv.staff_unread,
            "created_at": conv.created_at.isoformat(), "last_activity_at": conv.last_activity_at.isoformat(),
            "last_message": _last(conv, last)}


def _last(conv: Conversation, last: Message | None) -> dict | None:
    if last is not None:
        return {"side": last.side, "body": last.body[:140]}
    body = getattr(conv, "last_body", None)  # annotated by the selectors
    return {"side": getattr(conv, "last_side", ""), "body": body[:140]} if body is not None else None


def _after_commit_push(conv: Conversation, message: Message | None = None) -> None:
    schema = current_schema()
    summary = conversation_payload(conv, last=message)

    def push() -> None:
        if message is not None:
            group_push(conversation_group(schema, conv.pk), {"type": "message", "message": message_payload(message)})
        group_push(conversation_group(schema, conv.pk), {"type": "conversation", "conversation": summary})
        group_push(staff_group(schema), {"type": "conversation", "conversation": summary})

    transaction.on_commit(push)


def conversation_open(*, shopper=None, email: str = "", name: str = "", subject: str = "",
                      body: str) -> tuple[Conversation, Message, str | None]:
    """Opens a conversation with its first message. A guest (no shopper) must leave an e-mail
    address and a name, and gets the token its browser keeps (returned once)."""
    text = _clean_body(body)
    if shopper is not None:
        email, name = shopper.email, (shopper.full_name or shopper.email.split("@")[0])
    else:
        email, name = (email or "").strip().lower(), (name or "").strip()
        fields: dict[str, list[str]] = {}
        try:
            validate_email(email)
        except ValidationError:
            fields["email"] = ["Enter a valid e-mail address, so we can answer you."]
        if not name or len(name) > 120:
            fields["name"] = ["Tell us your name (up to 120 characters)."]
        if fields:
            raise AppError(SupportErrorCode.CONTACT_INVALID, "We need a way to answer you.", fields=fields)
    subject = (subject or "").strip()[:MAX_SUBJECT] or text.splitlines()[0][:80]
    with transaction.atomic():
        conv = Conversation.objects.create(shopper=shopper, email=email, name=name, subject=subject)
        token = guest_token_for(conv) if shopper is None else None
        events.publish(SupportConversationOpened(schema_name=current_schema(), conversation_id=conv.pk,
                                                 user_id=conv.shopper_id, subject=subject))
        message = _append(conv, side=Side.SHOPPER, author=shopper, author_name=name, body=text)
    return conv, message, token


def _append(conv: Conversation, *, side: str, author, author_name: str, body: str) -> Message:
    """Inside a transaction: numbers and stores one message, updates the counters under the
    conversation's row lock, queues the push, the e-mail and the event for after the commit."""
    from realtime.support_presence import staff_online

    locked = Conversation.objects.select_for_update().get(pk=conv.pk)
    email_due = side == Side.STAFF and locked.reply_by_email
    seq = locked.last_seq + 1
    message = Message.objects.create(conversation=locked, seq=seq, side=side, author=author,
                                     author_name=author_name, body=body)
    changes: dict = {"last_seq": seq, "last_activity_at": timezone.now()}
    if side == Side.SHOPPER:
        # one has read what one wrote; a shopper writing again reopens a closed conversation
        changes |= {"staff_unread": F("staff_unread") + 1, "shopper_read_seq": seq,
                    "status": ConversationStatus.OPEN, "closed_at": None}
        if not staff_online(current_schema()):
            changes["reply_by_email"] = True
    else:
        changes |= {"shopper_unread": F("shopper_unread") + 1, "staff_read_seq": seq, "reply_by_email": False}
    Conversation.objects.filter(pk=locked.pk).update(**changes)
    locked.refresh_from_db()
    _copy_state(locked, conv)
    _after_commit_push(locked, message)
    if email_due:
        _queue_reply_email(message)
    events.publish(SupportMessagePosted(schema_name=current_schema(), conversation_id=locked.pk,
                                        message_id=message.pk, by_staff=side == Side.STAFF,
                                        recipient_user_id=locked.shopper_id if side == Side.STAFF else None))
    return message


_STATE = ("status", "assignee_id", "last_seq", "shopper_read_seq", "staff_read_seq", "shopper_unread",
          "staff_unread", "reply_by_email", "last_activity_at", "closed_at")


def _copy_state(source: Conversation, target: Conversation) -> None:
    for field in _STATE:
        setattr(target, field, getattr(source, field))


def _queue_reply_email(message: Message) -> None:
    from realtime.support_tasks import send_support_reply_email

    schema = current_schema()

    def queue() -> None:
        from django_tenants.utils import schema_context

        with schema_context(schema):  # the task runs in the schema it was queued from
            send_support_reply_email.delay(message.pk)

    transaction.on_commit(queue)


def message_post(*, conversation: Conversation, side: str, author=None, body: str) -> Message:
    """A message from the shopper (or guest) or from a staff member."""
    text = _clean_body(body)
    if side == Side.STAFF:
        author_name = (author.full_name or author.email.split("@")[0]) if author else "Support"
    else:
        author_name = conversation.name
    with transaction.atomic():
        return _append(conversation, side=side, author=author, author_name=author_name, body=text)


def conversation_assign(*, conversation: Conversation, assignee, by) -> Conversation:
    """Gives the conversation to a staff member allowed in the support inbox (None: nobody)."""
    from saas.accounts.models import User

    if assignee is not None and not may_staff(assignee):
        raise AppError(SupportErrorCode.ASSIGNEE_INVALID, "That person cannot answer support chats.",
                       fields={"assignee": ["Choose a staff member whose role includes the support inbox."]})
    with transaction.atomic():
        locked = Conversation.objects.select_for_update().get(pk=conversation.pk)
        locked.assignee = assignee if isinstance(assignee, User) else None
        locked.save(update_fields=["assignee"])
        _copy_state(locked, conversation)
        _after_commit_push(locked)
    return conversation


def conversation_close(*, conversation: Conversation, by) -> Conversation:
    """Closes it; the shopper's next message opens it again."""
    with transaction.atomic():
        locked = Conversation.objects.select_for_update().get(pk=conversation.pk)
        if locked.status != ConversationStatus.CLOSED:
            locked.status, locked.closed_at = ConversationStatus.CLOSED, timezone.now()
            locked.save(update_fields=["status", "closed_at"])
        _copy_state(locked, conversation)
        _after_commit_push(locked)
    return conversation


def conversation_read(*, conversation: Conversation, side: str, upto_seq: int) -> Conversation:
    """`side` has read every message up to `upto_seq`: marks the other side's messages read
    (the receipts) and lowers this side's unread count."""
    with transaction.atomic():
        locked = Conversation.objects.select_for_update().get(pk=conversation.pk)
        upto = max(0, min(int(upto_seq), locked.last_seq))
        read_field = "shopper_read_seq" if side == Side.SHOPPER else "staff_read_seq"
        if upto > getattr(locked, read_field):
            other = Side.STAFF if side == Side.SHOPPER else Side.SHOPPER
            now = timezone.now()
            Message.objects.filter(conversation=locked, side=other, seq__lte=upto, read_at__isnull=True).update(
                read_at=now)
            unread = Message.objects.filter(conversation=locked, side=other, seq__gt=upto).count()
            setattr(locked, read_field, upto)
            setattr(locked, "shopper_unread" if side == Side.SHOPPER else "staff_unread", unread)
            locked.save(update_fields=[read_field, "shopper_unread" if side == Side.SHOPPER else "staff_unread"])
            schema = current_schema()
            frame = {"type": "read", "conversation": locked.pk, "side": side, "seq": upto, "at": now.isoformat()}
            transaction.on_commit(lambda: group_push(conversation_group(schema, locked.pk), frame))
            _after_commit_push(locked)
        _copy_state(locked, conversation)
    return conversation
