from realtime.services import notify_user, shop_broadcast, user_disconnect
from saas.accounts.events import SessionsRevoked
from saas.kernel import events
from storefront.events import OrderStatusChanged
from tenants.events import ShopDeleted, ShopStatusChanged
from tenants.models import ShopStatus


@events.subscribe(ShopStatusChanged)
def close_sockets_of_suspended_shop(event: ShopStatusChanged) -> None:
    if event.status == ShopStatus.SUSPENDED:
        shop_broadcast(schema_name=event.shop_schema, event={"type": "shop.suspended"})


@events.subscribe(ShopDeleted)
def close_sockets_of_deleted_shop(event: ShopDeleted) -> None:
    shop_broadcast(schema_name=event.shop_schema, event={"type": "shop.suspended"})


@events.subscribe(SessionsRevoked)
def close_sockets_of_signed_out_person(event: SessionsRevoked) -> None:
    user_disconnect(schema_name=event.schema_name, user_id=event.user_id)


@events.subscribe(OrderStatusChanged)
def tell_the_shopper(event: OrderStatusChanged) -> None:
    """Order status reaches the shopper's open sockets (delivered after commit)."""
    if event.user_id:
        notify_user(schema_name=event.schema_name, user_id=event.user_id, message={
            "type": "order.status", "order_id": event.order_id, "number": event.number, "status": event.status,
            "note": event.note, "tracking_number": event.tracking_number})
