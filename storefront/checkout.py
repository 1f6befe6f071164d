"""Placing an order and paying for it.

No overselling: stock is decremented inside the order's transaction by a conditional UPDATE
(`stock >= quantity`), so concurrent buyers of the last units get exactly as many orders as
there were units. Idempotency: a PostgreSQL advisory lock on the Idempotency-Key serialises
retries of one checkout, and the key is unique on the order, so the same request sent again
(or twenty times at once) makes one order and one payment."""
from __future__ import annotations

from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from functools import cached_property

from django.conf import settings
from django.core import signing
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from saas.kernel.errors import AppError
from saas.kernel.events import publish
from saas.kernel.tenancy import current_schema
from storefront import events, pricing, shipping
from storefront.cart import cart_lines_find, out_of_stock
from storefront.catalog_cache import catalog_changed
from storefront.errors import StorefrontErrorCode
from storefront.models import (
    DiscountCode,
    Order,
    OrderEvent,
    OrderLine,
    OrderStatus,
    PaymentStatus,
    Product,
    ProductStatus,
    ProductVariant,
)
from storefront.payment_attempts import (
    payment_attempt_charge,
    payment_attempt_replay,
    payment_details_check,
    payment_first_attempt_record,
)
from storefront.payments import ChargeResult, gateway
from storefront.services import stock_low_announce

MAX_ORDER_TOTAL = Decimal("1e10")  # the order columns hold 12 digits, 2 after the point


def per_product(lines) -> dict[int, int]:
    quantities: dict[int, int] = defaultdict(int)
    for line in lines:
        quantities[line.variant.product_id] += line.quantity
    return quantities


@dataclass(frozen=True)
class CheckoutResult:
    order_id: int
    charge: ChargeResult

    @cached_property
    def order(self) -> Order:
        """The order as it is now (read when asked: the API answers from its own read)."""
        return Order.objects.get(pk=self.order_id)


@contextmanager
def advisory_lock(*names: str):
    """Session advisory locks on `names`, taken in the order given and released together, one
    round trip each way (PostgreSQL evaluates a select list left to right)."""
    locks = ", ".join(["pg_advisory_lock(hashtextextended(%s, 0))"] * len(names))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {locks}", list(names))
    try:
        yield
    finally:
        unlocks = ", ".join(["pg_advisory_unlock(hashtextextended(%s, 0))"] * len(names))
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {unlocks}", list(reversed(names)))


ORDER_TOKEN_SALT = "storefront.order-access"


def order_token_for(order: Order) -> str:
    """Lets whoever holds it (a guest, from the checkout answer or the e-mail link) see and pay
    this one order of this one shop."""
    return signing.dumps({"s": current_schema(), "o": order.pk}, salt=ORDER_TOKEN_SALT)


def order_token_grants(token: str | None, order_id: int) -> bool:
    if not token or len(token) > 300:
        return False
    try:
        data = signing.loads(token, salt=ORDER_TOKEN_SALT,
                             max_age=timedelta(days=settings.ORDER_TOKEN_MAX_AGE_DAYS))
    except signing.BadSignature:
        return False
    return isinstance(data, dict) and data.get("s") == current_schema() and data.get("o") == order_id


def order_owned(order: Order, user, cart_token: str | None, order_token: str | None = None) -> bool:
    if order_token_grants(order_token, order.pk):
        return True
    if user is not None and user.is_authenticated:
        return order.user_id == user.pk
    return order.user_id is None and bool(cart_token) and str(order.cart_token) == str(cart_token)


def last_charge(order: Order) -> ChargeResult:
    payment = order.payments.filter(kind="charge").order_by("-created_at", "-id").first()
    if payment is None:
        return ChargeResult(False, code="payment_pending", message="The payment has not been made yet.")
    return payment_attempt_replay(attempt=payment)


def shopper_lock_names(*, user, cart_token, email: str) -> list[str]:
    """The locks that serialise one shopper's checkouts (per cart, and per customer or guest
    e-mail) from the cap check until the charge is answered, so the cap counts every order,
    paid or not. Sorted: every caller takes them in one order, so no two deadlock."""
    who = [f"user:{user.pk}"] if user is not None else [f"email:{email.lower()}"]
    if cart_token:
        who.append(f"cart:{cart_token}")
    return [f"{current_schema()}:shopper:{name}" for name in sorted(who)]


def unpaid_orders_cap_check(*, user, cart_token, email: str) -> None:
    """At most MAX_UNPAID_ORDERS open unpaid orders per cart and per customer (signed in) or
    e-mail address (guests). Refused rather than releasing the oldest: that one may be the
    order its shopper is paying for in another tab, and an attacker would just cycle through.
    Called under the shopper's locks (shopper_lock_names)."""
    limit = settings.MAX_UNPAID_ORDERS
    if user is not None:
        who = Q(user=user) | Q(cart_token=cart_token)
    else:
        who = Q(cart_token=cart_token) | Q(user__isnull=True, email__iexact=email)
    unpaid = Order.objects.filter(who, status=OrderStatus.PLACED).exclude(payment_status=PaymentStatus.PAID).count()
    if unpaid >= limit:
        raise AppError(StorefrontErrorCode.TOO_MANY_UNPAID_ORDERS,
                       f"You already have {unpaid} unpaid orders. Pay for one of them (the link is in its e-mail) "
                       f"or wait a few minutes until they are released, then try again.", status_code=429)


def checkout_place(*, user, cart_token: str | None, email: str, shipping_address: dict, shipping_rate_id,
                   discount_code: str, payment: dict, idempotency_key: str, currency: str) -> CheckoutResult:
    shopper = user if user is not None and user.is_authenticated else None
    # The key's lock first (it serialises copies of this request), then the shopper's, taken in
    # one statement and released in one.
    with advisory_lock(f"{current_schema()}:checkout:{idempotency_key}",
                       *shopper_lock_names(user=shopper, cart_token=cart_token, email=email)):
        existing = Order.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            if not order_owned(existing, user, cart_token):
                raise AppError(StorefrontErrorCode.IDEMPOTENCY_KEY_REUSED,
                               "This Idempotency-Key belongs to another checkout.",
                               status_code=409)
            return CheckoutResult(existing.pk, last_charge(existing))
        gw = gateway()
        payment_details_check(payment, gw)
        rate = shipping.rate_for(rate_id=shipping_rate_id, country=shipping_address["country"])
        with transaction.atomic():  # the order and its first payment attempt (step 1), together
            order = _order_place(user=user, cart_token=cart_token, email=email,
                                 shipping_address=shipping_address, rate=rate, discount_code=discount_code,
                                 idempotency_key=idempotency_key, currency=currency)
            attempt = payment_first_attempt_record(order=order, gw=gw, payment=payment,
                                                   idempotency_key=idempotency_key)
        # the provider is asked with no transaction open and no row locked
        charge = payment_attempt_charge(order=order, attempt=attempt, gw=gw, payment=payment)
        return CheckoutResult(order.pk, charge)


def _place(**placing) -> Order:
    """Places an order from the cart without paying for it (as a crash before the payment would
    leave it)."""
    with transaction.atomic():
        return _order_place(**placing)


def _order_place(*, user, cart_token, email, shipping_address, rate, discount_code, idempotency_key, currency
                 ) -> Order:
    """The order's rows, in the caller's transaction."""
    lines = cart_lines_find(user=user, token=cart_token)
    cart = lines[0].cart if lines else None
    if cart is None:
        raise AppError(StorefrontErrorCode.CART_EMPTY, "Your cart is empty.", status_code=400)
    for line in lines:
        if line.variant.product.status != ProductStatus.ACTIVE:
            raise AppError(StorefrontErrorCode.UNAVAILABLE,
                           f"{line.variant.product.title} is no longer sold. Remove it from your cart.",
                           status_code=409)
    shop_settings, tax = shipping.shop_terms(shipping_address["country"])
    quote = pricing.quote(lines=pricing.priced(lines, currency), shipping_rate=rate, currency=currency,
                          discount_code=discount_code, tax=tax)
    if quote.total >= MAX_ORDER_TOTAL:
        raise AppError(StorefrontErrorCode.ORDER_TOO_LARGE,
                       "This order is larger than one checkout can take.", status_code=400)
    unpaid_orders_cap_check(user=user if user is not None and user.is_authenticated else None,
                            cart_token=cart.token, email=email)
    # Ordered by variant id, so that concurrent checkouts lock rows in the same order.
    sold_out = False
    stock_after: dict[int, int] = {}
    for line in lines:
        left = _stock_take(line.variant_id, line.quantity)
        if left is None:
            left = ProductVariant.objects.filter(pk=line.variant_id).values_list("stock", flat=True).first() or 0
            raise out_of_stock(line.variant.product.title, left, field="lines")
        sold_out = sold_out or left == 0
        stock_after[line.variant_id] = left
    if quote.discount is not None:
        used = DiscountCode.objects.filter(
            Q(usage_limit__isnull=True) | Q(times_used__lt=F("usage_limit")), pk=quote.discount.pk,
        ).update(times_used=F("times_used") + 1)
        if not used:
            raise AppError(StorefrontErrorCode.INVALID_DISCOUNT, "This discount code has been used up.",
                           fields={"discount_code": ["This discount code has been used up."]})
    order_id = _next_order_id()
    order = Order.objects.create(
        id=order_id, number=str(1000 + order_id), user=user if user is not None and user.is_authenticated else None,
        cart_token=cart.token, email=email, currency=currency, subtotal=quote.subtotal,
        discount_total=quote.discount_total, shipping_total=quote.shipping_total, tax_total=quote.tax_total,
        total=quote.total, discount_code=quote.discount.code if quote.discount else "",
        shipping_address=shipping_address, shipping_method=rate.name, idempotency_key=idempotency_key,
        hold_until=timezone.now() + timedelta(minutes=settings.UNPAID_ORDER_MINUTES))
    order_lines = OrderLine.objects.bulk_create(
        OrderLine(order=order, product=line.variant.product, variant=line.variant,
                  product_slug=line.variant.product.slug, product_title=line.variant.product.title,
                  variant_title=line.variant.title, sku=line.variant.sku,
                  unit_price=pricing.unit_price(line.variant, currency), quantity=line.quantity,
                  line_total=pricing.line_amount(line.variant, line.quantity, currency))
        for line in lines)
    # Products after all variants, in id order, so concurrent checkouts never lock in opposite orders.
    for product_id, quantity in sorted(per_product(lines).items()):
        Product.objects.filter(pk=product_id).update(sold_count=F("sold_count") + quantity,
                                                     total_stock=F("total_stock") - quantity)
    if sold_out:
        catalog_changed()  # something sold out: listings show it
    for line in lines:
        line.variant.stock = stock_after[line.variant_id]
    stock_low_announce(changes=[(line.variant, line.variant.stock + line.quantity) for line in lines],
                       threshold=shop_settings.low_stock_threshold)
    OrderEvent.objects.create(order=order, status=OrderStatus.PLACED)
    with connection.cursor() as cursor:  # the cart and its lines in one statement
        cursor.execute("WITH lines AS (DELETE FROM storefront_cartline WHERE cart_id = %s) "
                       "DELETE FROM storefront_cart WHERE id = %s", [cart.pk, cart.pk])
    publish(events.OrderPlaced.of(
        order, email=order.email, total=order.total, currency=order.currency,
        product_ids=tuple(sorted(per_product(lines))), cart_token=str(order.cart_token) if order.cart_token else None,
        placed_at=order.created_at, lines=tuple(events.PlacedLine(row.product_id, row.quantity, row.line_total)
                                                for row in order_lines)))
    return order


def _next_order_id() -> int:
    """The new order's id, taken from the table's own sequence first, so that its number (which
    is made from it) goes in with the row rather than in an UPDATE after it."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id'))", [Order._meta.db_table])
        return cursor.fetchone()[0]


def _stock_take(variant_id: int, quantity: int) -> int | None:
    """Takes `quantity` units if that many are left (a conditional UPDATE: concurrent buyers of
    the last units cannot both get them); the stock left, or None when there were too few."""
    with connection.cursor() as cursor:
        cursor.execute("UPDATE storefront_productvariant SET stock = stock - %s WHERE id = %s AND stock >= %s "
                       "RETURNING stock", [quantity, variant_id, quantity])
        row = cursor.fetchone()
    return row[0] if row else None

