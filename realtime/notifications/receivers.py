"""What becomes a notification in a shopper's inbox, and a line in the merchant's feed."""
from __future__ import annotations

from realtime.events import SupportConversationOpened, SupportMessagePosted
from realtime.notifications.models import FeedArea, Kind
from realtime.notifications.services import Draft, feed_item_create, notification_create
from saas.kernel import events
from storefront import events as shop_events
from storefront.emails import order_message
from storefront.models import Order, OrderEmailKind, OrderStatus
from storefront.order_labels import order_label

STATUS_KINDS: dict[str, tuple[str, str]] = {
    OrderStatus.PAID: (Kind.ORDER_PAID, OrderEmailKind.PAYMENT),
    OrderStatus.SHIPPED: (Kind.ORDER_SHIPPED, OrderEmailKind.SHIPPED),
    OrderStatus.DELIVERED: (Kind.ORDER_DELIVERED, OrderEmailKind.DELIVERED),
    OrderStatus.CANCELLED: (Kind.ORDER_CANCELLED, OrderEmailKind.CANCELLED),
    OrderStatus.REFUNDED: (Kind.ORDER_REFUNDED, OrderEmailKind.REFUNDED),
}


def _tell_about_order(order_id: int, kind: str, email_kind: str, status: str) -> None:
    order = Order.objects.filter(pk=order_id).first()
    if order is None or order.user_id is None:
        return
    subject, _, paragraphs = order_message(order=order, kind=email_kind)
    notification_create(user_id=order.user_id, draft=Draft(
        kind=kind, title=subject, body="\n".join(paragraphs), link=f"/account/orders/{order.pk}",
        data={"order_id": order.pk, "number": order.number, "status": status}))


@events.subscribe(shop_events.OrderPlaced)
def order_placed_to_inbox_and_feed(event: shop_events.OrderPlaced) -> None:
    if event.user_id:
        _tell_about_order(event.order_id, Kind.ORDER_PLACED, OrderEmailKind.CONFIRMATION, OrderStatus.PLACED)
    feed_item_create(kind="order.placed", area=FeedArea.ORDERS,
                     title=f"New {order_label(event.number, mid_sentence=True)}: {event.total:.2f} {event.currency}",
                     link=f"/dashboard/orders/{event.order_id}", data={"order_id": event.order_id})


@events.subscribe(shop_events.OrderStatusChanged)
def order_status_to_inbox(event: shop_events.OrderStatusChanged) -> None:
    if event.user_id and event.status in STATUS_KINDS:
        kind, email_kind = STATUS_KINDS[event.status]
        _tell_about_order(event.order_id, kind, email_kind, event.status)


@events.subscribe(shop_events.OrderPaid)
def order_paid_to_feed(event: shop_events.OrderPaid) -> None:
    feed_item_create(kind="order.paid", area=FeedArea.ORDERS,
                     title=f"{order_label(event.number)} paid: {event.total:.2f} {event.currency}",
                     link=f"/dashboard/orders/{event.order_id}", data={"order_id": event.order_id})


@events.subscribe(shop_events.StockLow)
def stock_low_to_feed(event: shop_events.StockLow) -> None:
    feed_item_create(kind="stock.low", area=FeedArea.CATALOG, title=f"Low stock: {event.sku} ({event.stock} left)",
                     link=f"/dashboard/products/{event.product_id}",
                     data={"product_id": event.product_id, "variant_id": event.variant_id, "stock": event.stock})


@events.subscribe(SupportConversationOpened)
def chat_opened_to_feed(event: SupportConversationOpened) -> None:
    feed_item_create(kind="support.opened", area=FeedArea.SUPPORT, title=f"New chat: {event.subject}"[:200],
                     link="/dashboard/support", data={"conversation_id": event.conversation_id})


@events.subscribe(SupportMessagePosted)
def chat_reply_to_inbox(event: SupportMessagePosted) -> None:
    if event.by_staff and event.recipient_user_id:
        notification_create(user_id=event.recipient_user_id, draft=Draft(
            kind=Kind.CHAT_REPLY, title="The shop answered your message",
            body="Open the chat to read the reply.", link="",
            data={"conversation_id": event.conversation_id, "message_id": event.message_id}))
