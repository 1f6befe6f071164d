"""Support chat reads."""
from __future__ import annotations

from django.db.models import OuterRef, QuerySet, Subquery

from realtime.support_models import Conversation, ConversationStatus, Message

REPLAY_LIMIT = 200


def _with_last_message(qs: QuerySet[Conversation]) -> QuerySet[Conversation]:
    last = Message.objects.filter(conversation=OuterRef("pk")).order_by("-seq")
    return qs.annotate(last_body=Subquery(last.values("body")[:1]), last_side=Subquery(last.values("side")[:1]))


def conversations_of_shopper(*, user) -> QuerySet[Conversation]:
    return _with_last_message(Conversation.objects.filter(shopper=user))


def conversations_for_staff(*, status: str = "", assignee=None, unassigned: bool = False) -> QuerySet[Conversation]:
    qs = Conversation.objects.all()
    if status in ConversationStatus.values:
        qs = qs.filter(status=status)
    if assignee is not None:
        qs = qs.filter(assignee=assignee)
    if unassigned:
        qs = qs.filter(assignee__isnull=True)
    return _with_last_message(qs)


def conversation_of_shopper(*, user, conversation_id: int) -> Conversation | None:
    return Conversation.objects.filter(pk=conversation_id, shopper=user).first()


def conversation_get(*, conversation_id: int) -> Conversation | None:
    return Conversation.objects.filter(pk=conversation_id).first()


def messages_after(*, conversation: Conversation, after: int = 0, limit: int = REPLAY_LIMIT) -> list[Message]:
    """The messages numbered after `after`, oldest first (what a reconnecting client missed)."""
    return list(Message.objects.filter(conversation=conversation, seq__gt=max(0, after)).order_by("seq")[:limit])


def staff_unread_total() -> int:
    from django.db.models import Sum

    return int(Conversation.objects.filter(status=ConversationStatus.OPEN).aggregate(n=Sum("staff_unread"))["n"] or 0)
