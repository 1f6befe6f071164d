from django.dispatch import receiver

from realtime.services import notify_user, shop_broadcast, user_disconnect
from saas.accounts.signals import sessions_revoked
from saas.kernel import events
from storefront.events import OrderStatusChanged
from tenants.signals import shop_deleted, shop_status_changed


@receiver(shop_status_changed)
def close_sockets_of_suspended_shop(sender, shop, **kwargs) -> None:
    if shop.is_suspended:
        shop_broadcast(schema_name=shop.schema_name, event={"type": "shop.suspended"})


@receiver(shop_deleted)
def close_sockets_of_deleted_shop(sender, schema_name, **kwargs) -> None:
    shop_broadcast(schema_name=schema_name, event={"type": "shop.suspended"})


@receiver(sessions_revoked)
def close_sockets_of_signed_out_person(sender, schema_name, user_id, **kwargs) -> None:
    user_disconnect(schema_name=schema_name, user_id=user_id)


@events.subscribe(OrderStatusChanged)
def tell_the_shopper(event: OrderStatusChanged) -> None:
    """Order status reaches the shopper's open sockets (delivered after commit)."""
    if event.user_id:
        notify_user(schema_name=event.schema_name, user_id=event.user_id, message={
            "type": "order.status", "order_id": event.order_id, "number": event.number, "status": event.status,
            "note": event.note, "tracking_number": event.tracking_number})
