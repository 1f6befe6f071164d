"""Subscriptions to what storefront announces (storefront never imports recs)."""
from __future__ import annotations

from saas.kernel import events
from storefront.events import OrderPlaced


@events.subscribe(OrderPlaced)
def record_purchases(event: OrderPlaced) -> None:
    from recs.services import Purchase, purchases_record

    purchases_record(order_id=event.order_id, user_id=event.user_id, cart_token=event.cart_token,
                     placed_at=event.placed_at, lines=[Purchase(line.product_id, line.quantity, line.line_total)
                                                       for line in event.lines])
