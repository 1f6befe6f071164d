"""What happens to accounts, as typed events (see `saas.kernel.events`). Defined here rather than
in `storefront.events` because accounts publishes them and storefront already imports accounts."""
from __future__ import annotations

from dataclasses import dataclass

from saas.kernel.events import DomainEvent


@dataclass(frozen=True, kw_only=True)
class CustomerCreated(DomainEvent):
    """A shopper signed up on a shop."""
    name = "customer.created"
    user_id: int
    email: str


@dataclass(frozen=True, kw_only=True)
class SessionsRevoked(DomainEvent):
    """Every session of an account ended (sign out everywhere, removed from staff, password
    reset): realtime closes its sockets."""
    name = "account.sessions_revoked"
    user_id: int
