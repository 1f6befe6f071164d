"""Subscriptions to what storefront announces (storefront never imports recs)."""
from __future__ import annotations

from saas.kernel import events
from storefront.events import OrderPlaced
from storefront.models import Order


@events.subscribe(OrderPlaced)
def record_purchases(event: OrderPlaced) -> None:
    from recs.services import purchases_record

    purchases_record(order=Order.objects.prefetch_related("lines").get(pk=event.order_id))
