"""What happens in the commerce domain, as typed events (see `saas.kernel.events`).

Storefront publishes them from its services; other apps (realtime, recs, billing, webhooks)
subscribe, and storefront imports none of them. Each carries ids and plain data only: a
subscriber that needs more reads it in the event's schema. CustomerCreated is accounts' own
(`saas.accounts.events`): accounts publishes it, and storefront imports accounts, not the reverse."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any, Self

from saas.kernel.events import DomainEvent
from saas.kernel.tenancy import current_schema


@dataclass(frozen=True, kw_only=True)
class OrderEvent(DomainEvent):
    name = "order"
    order_id: int
    number: str
    user_id: int | None  # the shopper's account, None for a guest

    @classmethod
    def of(cls, order: Any, **data: Any) -> Self:
        """The event for `order` (an Order row) in the current schema."""
        return cls(schema_name=current_schema(), order_id=order.pk, number=order.number, user_id=order.user_id,
                   **data)


@dataclass(frozen=True)
class PlacedLine:
    product_id: int | None  # None once the product is deleted
    quantity: int
    line_total: Decimal


@dataclass(frozen=True, kw_only=True)
class OrderPlaced(OrderEvent):
    name = "order.placed"
    email: str
    total: Decimal
    currency: str
    product_ids: tuple[int, ...]
    # what a purchase record needs (recs), so that a subscriber need not read the order again
    cart_token: str | None = None
    placed_at: datetime | None = None
    lines: tuple[PlacedLine, ...] = ()


@dataclass(frozen=True, kw_only=True)
class OrderStatusChanged(OrderEvent):
    """Any change of an order's status after it was placed (paid, shipped, cancelled, ...)."""
    name = "order.status_changed"
    status: str
    note: str = ""
    tracking_number: str = ""


@dataclass(frozen=True, kw_only=True)
class OrderPaid(OrderEvent):
    name = "order.paid"
    total: Decimal
    currency: str


@dataclass(frozen=True, kw_only=True)
class OrderCancelled(OrderEvent):
    name = "order.cancelled"
    note: str = ""


@dataclass(frozen=True, kw_only=True)
class OrderRefunded(OrderEvent):
    name = "order.refunded"
    amount: Decimal
    currency: str


@dataclass(frozen=True, kw_only=True)
class ProductEvent(DomainEvent):
    name = "product"
    product_id: int
    slug: str


@dataclass(frozen=True, kw_only=True)
class ProductCreated(ProductEvent):
    name = "product.created"


@dataclass(frozen=True, kw_only=True)
class ProductsImported(DomainEvent):
    """One event per batch of a bulk write (CSV import, demo loader)."""
    name = "product.imported"
    product_ids: tuple[int, ...]


@dataclass(frozen=True, kw_only=True)
class ProductUpdated(ProductEvent):
    name = "product.updated"


@dataclass(frozen=True, kw_only=True)
class ProductDeleted(ProductEvent):
    name = "product.deleted"


@dataclass(frozen=True, kw_only=True)
class StockLow(DomainEvent):
    name = "stock.low"
    product_id: int
    variant_id: int
    sku: str
    stock: int


@dataclass(frozen=True, kw_only=True)
class ProductViewed(DomainEvent):
    name = "product.viewed"
    slug: str
    user_id: int | None


@dataclass(frozen=True, kw_only=True)
class DiscountChanged(DomainEvent):
    name = "discount.changed"
    discount_id: int
    code: str
    action: str  # created, updated, deleted


@dataclass(frozen=True, kw_only=True)
class SettingsChanged(DomainEvent):
    """The shop's settings (name, currency, tax, shipping) changed; `section` says which."""
    name = "settings.changed"
    section: str
