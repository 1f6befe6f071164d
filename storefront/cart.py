"""The cart: a guest's (found by its token) or a signed-in shopper's (one per account)."""
from __future__ import annotations

import uuid
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import F, Q, Sum
from django.utils import timezone

from saas.kernel.errors import AppError, ErrorCode, NotFound
from storefront.errors import StorefrontErrorCode
from storefront.models import ZERO, Cart, CartLine, ProductStatus, ProductVariant
from storefront.pricing import MONEY_MAX, too_large

MAX_QUANTITY = 999


def _parse_token(token: str | None) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(token)) if token else None
    except ValueError:
        return None


def cart_find(*, user, token: str | None) -> Cart | None:
    if user is not None and user.is_authenticated:
        return Cart.objects.filter(user=user).first()
    parsed = _parse_token(token)
    return Cart.objects.filter(token=parsed, user__isnull=True).first() if parsed else None


def cart_lines_find(*, user, token: str | None) -> list[CartLine]:
    """The lines of the shopper's cart in variant order, each with its cart, variant and
    product (one query; no lines when there is no cart)."""
    if user is not None and user.is_authenticated:
        which = Q(cart__user=user)
    else:
        parsed = _parse_token(token)
        if parsed is None:
            return []
        which = Q(cart__token=parsed, cart__user__isnull=True)
    return list(CartLine.objects.filter(which).select_related("cart", "variant__product").order_by("variant_id"))


def cart_get_or_create(*, user, token: str | None) -> Cart:
    cart = cart_find(user=user, token=token)
    if cart is not None:
        return cart
    if user is not None and user.is_authenticated:
        try:
            with transaction.atomic():
                return Cart.objects.create(user=user)
        except IntegrityError:  # created by a concurrent request
            return Cart.objects.get(user=user)
    cart = Cart.objects.create()
    cart.is_new = True  # type: ignore[attr-defined]  # cart_add: no lines to look for, nothing to lock
    return cart


def _sellable_variant(variant_id: int) -> ProductVariant:
    variant = (ProductVariant.objects.select_related("product")
               .filter(pk=variant_id, product__status=ProductStatus.ACTIVE).first())
    if variant is None:
        raise AppError(StorefrontErrorCode.UNKNOWN_VARIANT,
                       "This product is not available.", fields={"variant_id": ["Unknown."]},
                       status_code=404)
    return variant


def _check_quantity(quantity: int) -> None:
    if not 1 <= quantity <= MAX_QUANTITY:
        raise AppError(ErrorCode.VALIDATION_ERROR, f"Choose a quantity from 1 to {MAX_QUANTITY}.",
                       fields={"quantity": [f"Choose a quantity from 1 to {MAX_QUANTITY}."]})


def _check_fits(cart: Cart, variant: ProductVariant, quantity: int) -> None:
    """A cart must stay an order the money columns can hold."""
    others = (CartLine.objects.filter(cart=cart).exclude(variant=variant)
              .aggregate(total=Sum(F("quantity") * F("variant__price")))["total"] or ZERO)
    if others + variant.price * quantity > MONEY_MAX:
        raise too_large()


def out_of_stock(title: str, left: int, *, field: str = "quantity") -> AppError:
    left = max(left, 0)
    message = f"Only {left} left of {title}." if left else f"{title} is sold out."
    return AppError(StorefrontErrorCode.OUT_OF_STOCK, message, fields={field: [message]}, status_code=409)


def _out_of_stock(variant: ProductVariant) -> AppError:
    return out_of_stock(variant.product.title, variant.stock)


def cart_add(*, cart: Cart, variant_id: int, quantity: int) -> CartLine:
    _check_quantity(quantity)
    if getattr(cart, "is_new", False):
        # a guest cart made by this request: nobody else has its token yet, it has no lines and
        # was just stamped, so the first line is one INSERT (no lock, no transaction)
        variant = _sellable_variant(variant_id)
        if quantity > variant.stock:
            raise _out_of_stock(variant)
        if variant.price * quantity > MONEY_MAX:
            raise too_large()
        return CartLine.objects.create(cart=cart, variant=variant, quantity=quantity)
    return _cart_add(cart=cart, variant_id=variant_id, quantity=quantity)


@transaction.atomic
def _cart_add(*, cart: Cart, variant_id: int, quantity: int) -> CartLine:
    variant = _sellable_variant(variant_id)
    line = CartLine.objects.select_for_update().filter(cart=cart, variant=variant).first()
    wanted = quantity + (line.quantity if line else 0)
    if wanted > variant.stock:
        raise _out_of_stock(variant)
    _check_quantity(wanted)
    _check_fits(cart, variant, wanted)
    if line:
        line.quantity = wanted
        line.save(update_fields=["quantity"])
    else:
        line = CartLine.objects.create(cart=cart, variant=variant, quantity=quantity)
    _touch(cart)
    return line


def _touch(cart: Cart) -> None:
    """Marks the cart as used now (update() does not run auto_now): abandoned guest carts are
    purged by this date."""
    Cart.objects.filter(pk=cart.pk).update(updated_at=timezone.now())


def _line(cart: Cart, line_id: int) -> CartLine:
    line = CartLine.objects.select_related("variant__product").filter(cart=cart, pk=line_id).first()
    if line is None:
        raise NotFound("This line is not in your cart.")
    return line


def cart_set_quantity(*, cart: Cart, line_id: int, quantity: int) -> None:
    _check_quantity(quantity)
    line = _line(cart, line_id)
    if quantity > line.variant.stock:
        raise _out_of_stock(line.variant)
    _check_fits(cart, line.variant, quantity)
    line.quantity = quantity
    line.save(update_fields=["quantity"])
    _touch(cart)


def cart_remove(*, cart: Cart, line_id: int) -> None:
    _line(cart, line_id).delete()
    _touch(cart)


def guest_carts_purge(*, older_than: timedelta) -> int:
    """Guest carts nobody came back to; an account's cart is kept."""
    _, by_model = Cart.objects.filter(user__isnull=True, updated_at__lt=timezone.now() - older_than).delete()
    return by_model.get(Cart._meta.label, 0)


@transaction.atomic
def cart_merge(*, user, token: str | None) -> Cart:
    """Moves a guest cart's lines into the account's cart (quantities added, capped at stock)."""
    cart = cart_get_or_create(user=user, token=None)
    parsed = _parse_token(token)
    guest = Cart.objects.select_for_update().filter(token=parsed, user__isnull=True).first() if parsed else None
    if guest is None:
        return cart
    mine = {line.variant_id: line for line in cart.lines.select_for_update()}
    for line in guest.lines.select_related("variant__product"):
        if line.variant.product.status != ProductStatus.ACTIVE or line.variant.stock <= 0:
            continue  # no longer sold or sold out: nothing to carry over
        existing = mine.get(line.variant_id)
        total = min(line.quantity + (existing.quantity if existing else 0), line.variant.stock, MAX_QUANTITY)
        if existing:
            existing.quantity = total
            existing.save(update_fields=["quantity"])
        else:
            CartLine.objects.create(cart=cart, variant_id=line.variant_id, quantity=total)
    guest.delete()
    _touch(cart)
    return cart
