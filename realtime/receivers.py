from django.dispatch import receiver

from realtime.services import notify_user, shop_broadcast, user_disconnect
from saas.accounts.signals import sessions_revoked
from storefront.events import order_status_changed
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


@receiver(order_status_changed)
def tell_the_shopper(sender, schema_name, order, status, note="", **kwargs) -> None:
    """Order status reaches the shopper's open sockets (sent after commit by storefront)."""
    if order.user_id:
        notify_user(schema_name=schema_name, user_id=order.user_id, message={
            "type": "order.status", "order_id": order.pk, "number": order.number, "status": status, "note": note,
            "tracking_number": order.tracking_number})
