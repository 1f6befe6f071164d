"""What happens in support chat, as typed events (see `saas.kernel.events`): the merchant's
live feed and the notification inbox subscribe."""
from __future__ import annotations

from dataclasses import dataclass

from saas.kernel.events import DomainEvent


@dataclass(frozen=True, kw_only=True)
class SupportConversationOpened(DomainEvent):
    name = "support.conversation_opened"
    conversation_id: int
    user_id: int | None  # None for a guest
    subject: str


@dataclass(frozen=True, kw_only=True)
class SupportMessagePosted(DomainEvent):
    name = "support.message_posted"
    conversation_id: int
    message_id: int
    by_staff: bool
    recipient_user_id: int | None  # the shopper, when staff answered
