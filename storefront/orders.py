"""What happens to an order after it is placed: fulfilment, cancellation, refund, reorder."""
from __future__ import annotations

from collections import defaultdict
from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from saas.kernel.errors import AppError, ErrorCode
from saas.kernel.events import publish
from storefront import events
from storefront.cart import MAX_QUANTITY, cart_get_or_create
from storefront.catalog_cache import catalog_changed
from storefront.errors import StorefrontErrorCode
from storefront.models import (
    CartLine,
    DiscountCode,
    Order,
    OrderEvent,
    OrderStatus,
    PaymentStatus,
    Product,
    ProductStatus,
    ProductVariant,
)
from storefront.payment_attempts import ON_CANCEL, payment_refund, refundable_amount
from storefront.payments import OPEN_STATUSES

FULFILMENT: dict[str, set[str]] = {
    OrderStatus.PAID: {OrderStatus.PROCESSING, OrderStatus.SHIPPED},
    OrderStatus.PROCESSING: {OrderStatus.SHIPPED},
    OrderStatus.SHIPPED: {OrderStatus.DELIVERED},
}


def _invalid(order: Order, target: str) -> AppError:
    return AppError(StorefrontErrorCode.INVALID_TRANSITION,
                    f"An order that is {order.get_status_display().lower()} cannot become "
                    f"{target}.", status_code=400)


def _record(order: Order, status: str, note: str = "") -> None:
    order.status = status
    order.save(update_fields=["status", "payment_status", "tracking_number", "updated_at"])
    OrderEvent.objects.create(order=order, status=status, note=note[:300])
    publish(events.OrderStatusChanged.of(order, status=status, note=note, tracking_number=order.tracking_number))


@transaction.atomic
def order_fulfil(*, order: Order, status: str, tracking_number: str = "", note: str = "") -> Order:
    order = Order.objects.select_for_update().get(pk=order.pk)
    if status not in FULFILMENT.get(order.status, set()):
        raise _invalid(order, status)
    tracking_number = tracking_number.strip()
    if status == OrderStatus.SHIPPED:
        if not tracking_number:
            raise AppError(ErrorCode.VALIDATION_ERROR, "Add the tracking number.",
                           fields={"tracking_number": ["Required when shipping."]})
        order.tracking_number = tracking_number
        note = note or f"Tracking number {tracking_number}"
    _record(order, status, note)
    return order


def _restock(order: Order) -> None:
    """Variants, then products, each in id order: the lock order checkout uses, so the two
    never wait on each other in a cycle."""
    catalog_changed()
    lines = list(order.lines.all())
    variants: dict[int, int] = defaultdict(int)
    products: dict[int, int] = defaultdict(int)
    for line in lines:
        if line.variant_id:
            variants[line.variant_id] += line.quantity
        if line.product_id:
            products[line.product_id] += line.quantity
    for variant_id, quantity in sorted(variants.items()):
        ProductVariant.objects.filter(pk=variant_id).update(stock=F("stock") + quantity)
    for product_id, quantity in sorted(products.items()):
        Product.objects.filter(pk=product_id).update(total_stock=F("total_stock") + quantity,
                                                     sold_count=F("sold_count") - quantity)


def _give_back_discount(order: Order) -> None:
    if order.discount_code:
        DiscountCode.objects.filter(code=order.discount_code, times_used__gt=0).update(
            times_used=F("times_used") - 1)


def order_restock_unshipped(order: Order) -> None:
    """Called under the order's lock when all its money is returned: nothing shipped, so the
    stock goes back on sale."""
    if order.status in (OrderStatus.PAID, OrderStatus.PROCESSING):
        _restock(order)


def order_cancel(*, order: Order, reason: str = "", only_if_unpaid: bool = False, hold_ended_by=None) -> Order:
    """Before shipping: the stock goes back on sale, a discount code's use is given back, and
    once that has committed a payment is refunded. only_if_unpaid re-checks under the order's
    lock that it is still unpaid (the shopper may have paid since the caller looked). If the
    refund fails the order stays cancelled and paid, and Refund can be tried again. hold_ended_by
    re-checks that the order's hold ended by then (a new declined try extends it)."""
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order.pk)
        if not order.can_cancel or (only_if_unpaid and (order.status != OrderStatus.PLACED
                                                        or order.payment_status == PaymentStatus.PAID)):
            raise _invalid(order, "cancelled")
        if hold_ended_by is not None and order.hold_until is not None and order.hold_until > hold_ended_by:
            raise AppError(StorefrontErrorCode.STILL_HELD, "This order is still held for its shopper.", status_code=409)
        if only_if_unpaid and order.payments.filter(kind="charge", status__in=OPEN_STATUSES).exists():
            raise AppError(StorefrontErrorCode.PAYMENT_IN_PROGRESS,
                           "A payment for this order is being made.", status_code=409)
        _restock(order)
        _give_back_discount(order)
        _record(order, OrderStatus.CANCELLED, reason)
        publish(events.OrderCancelled.of(order, note=reason))
    if order.can_refund and refundable_amount(order) > 0:
        payment_refund(order=order, reason=reason or "Order cancelled", idempotency_key=ON_CANCEL)
        order.refresh_from_db()
    return order


def order_refund(*, order: Order, amount: Decimal | None = None, reason: str = "",
                 idempotency_key: str = "") -> Order:
    """Money back, all that is left or `amount` of it, before or after shipping, as many times
    as the merchant asks up to what was paid (each request with its own idempotency key). Once
    everything is back the order is refunded, and its stock goes back if nothing was shipped."""
    if not Order.objects.get(pk=order.pk).can_refund:
        raise _invalid(order, "refunded")
    payment_refund(order=order, amount=amount, reason=reason, idempotency_key=idempotency_key)
    order.refresh_from_db()
    return order


UNPAID = [PaymentStatus.PENDING, PaymentStatus.FAILED]


def release_unpaid_orders(*, older_than: timedelta, now=None) -> int:
    """Unpaid orders hold stock and discount uses until their `hold_until` (a few minutes after a
    declined charge, UNPAID_ORDER_MINUTES otherwise); then they are cancelled and both released.
    Orders from before holds were recorded fall back to `older_than` since placing."""
    now = now or timezone.now()
    due = Order.objects.filter(Q(hold_until__lte=now) | Q(hold_until__isnull=True, created_at__lt=now - older_than),
                               status=OrderStatus.PLACED, payment_status__in=UNPAID)
    released = 0
    for order in due.order_by("hold_until", "id"):
        if order_release_if_due(order=order, now=now):
            released += 1
    return released


def order_release_if_due(*, order: Order, now=None) -> bool:
    now = now or timezone.now()
    if order.status != OrderStatus.PLACED or order.payment_status not in UNPAID:
        return False
    if order.hold_until is not None and order.hold_until > now:
        return False
    try:
        order_cancel(order=order, reason="Not paid in time", only_if_unpaid=True, hold_ended_by=now)
    except AppError:
        return False  # paid meanwhile, or could not be cancelled: the others still go
    return True


@transaction.atomic
def order_reorder(*, order: Order, user) -> tuple[object, list[dict], list[dict]]:
    """Puts what is still sold back in the cart at today's prices; says what is not."""
    cart = cart_get_or_create(user=user, token=None)
    added, unavailable = [], []
    variants = ProductVariant.objects.select_related("product").in_bulk(
        [line.variant_id for line in order.lines.all() if line.variant_id])
    existing = {line.variant_id: line for line in cart.lines.select_for_update()}
    for line in order.lines.all():
        variant = variants.get(line.variant_id)
        what = {"product_title": line.product_title, "variant_title": line.variant_title}
        if variant is None or variant.product.status != ProductStatus.ACTIVE:
            unavailable.append({**what, "reason": "No longer sold."})
            continue
        in_cart = existing[variant.pk].quantity if variant.pk in existing else 0
        quantity = min(line.quantity, variant.stock - in_cart, MAX_QUANTITY - in_cart)
        if quantity <= 0:
            unavailable.append({**what, "reason": "Out of stock."})
            continue
        if variant.pk in existing:
            CartLine.objects.filter(pk=existing[variant.pk].pk).update(quantity=F("quantity") + quantity)
        else:
            CartLine.objects.create(cart=cart, variant=variant, quantity=quantity)
        added.append({**what, "quantity": quantity})
        if quantity < line.quantity:
            unavailable.append({**what, "reason": f"Only {quantity} of {line.quantity} in stock."})
    return cart, added, unavailable
