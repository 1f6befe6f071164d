"""What happens to shops, as typed events (see `saas.kernel.events`), for other apps to act on
(realtime closes a suspended or deleted shop's sockets, billing, ...). They happen on the
platform, so `schema_name` is "public"; `shop_schema` is the shop's own schema."""
from __future__ import annotations

from dataclasses import dataclass

from saas.kernel.events import DomainEvent


@dataclass(frozen=True, kw_only=True)
class ShopEvent(DomainEvent):
    name = "shop"
    shop_id: int
    shop_schema: str


@dataclass(frozen=True, kw_only=True)
class ShopCreated(ShopEvent):
    name = "shop.created"
    subdomain: str
    owner_id: int


@dataclass(frozen=True, kw_only=True)
class ShopStatusChanged(ShopEvent):
    """Suspended or reactivated."""
    name = "shop.status_changed"
    status: str
    reason: str = ""


@dataclass(frozen=True, kw_only=True)
class ShopDeleted(ShopEvent):
    """Sent once the schema is dropped and its caches, media and host snapshots are cleared."""
    name = "shop.deleted"
    hosts: tuple[str, ...]
