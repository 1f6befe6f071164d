"""Subscriptions to what storefront announces (storefront never imports recs)."""
from __future__ import annotations

from django.dispatch import receiver
from django_tenants.utils import schema_context

from storefront import events
from storefront.models import Order


@receiver(events.order_placed, dispatch_uid="recs-order-placed")
def record_purchases(sender, schema_name: str, order: Order, **kwargs) -> None:
    from recs.services import purchases_record

    with schema_context(schema_name):
        purchases_record(order=Order.objects.prefetch_related("lines").get(pk=order.pk))
