"""Totals, always computed on the server from today's prices: whatever a client sends for
prices, totals, discounts or stock is never read."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

from saas.errors import AppError
from storefront.models import ZERO, DiscountCode, DiscountKind, ShippingRate, ShopSettings

CENT = Decimal("0.01")


def money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Quote:
    subtotal: Decimal
    discount_total: Decimal
    shipping_total: Decimal
    tax_total: Decimal
    total: Decimal
    discount: DiscountCode | None
    shipping_rate: ShippingRate | None


def _bad_code(message: str) -> AppError:
    return AppError("invalid_discount", message, fields={"discount_code": [message]})


def discount_lookup(*, code: str, subtotal: Decimal) -> DiscountCode:
    discount = DiscountCode.objects.filter(code=code.strip().upper(), active=True).first()
    now = timezone.now()
    if discount is None:
        raise _bad_code("This discount code does not exist.")
    if (discount.starts_at and discount.starts_at > now) or (discount.ends_at and discount.ends_at <= now):
        raise _bad_code("This discount code has expired or is not active yet.")
    if discount.usage_limit is not None and discount.times_used >= discount.usage_limit:
        raise _bad_code("This discount code has been used up.")
    if subtotal < discount.min_subtotal:
        raise _bad_code(f"This code needs an order of at least {discount.min_subtotal}.")
    return discount


def discount_amount(discount: DiscountCode | None, subtotal: Decimal) -> Decimal:
    if discount is None:
        return ZERO
    if discount.kind == DiscountKind.PERCENT:
        return min(subtotal, money(subtotal * discount.value / 100))
    return min(subtotal, discount.value)


def shipping_price(rate: ShippingRate | None, goods_total: Decimal) -> Decimal:
    if rate is None:
        return ZERO
    if rate.free_over is not None and goods_total >= rate.free_over:
        return ZERO
    return rate.price


def priced(cart_lines) -> list[tuple[Decimal, int]]:
    """(today's unit price, quantity) of each cart line."""
    return [(line.variant.price, line.quantity) for line in cart_lines]


def subtotal_of(lines: Iterable[tuple[Decimal, int]]) -> Decimal:
    return money(sum((price * qty for price, qty in lines), ZERO))


def quote(*, lines: Iterable[tuple[Decimal, int]], shipping_rate: ShippingRate | None,
          discount_code: str = "", shop_settings: ShopSettings | None = None) -> Quote:
    shop_settings = shop_settings or ShopSettings.load()
    subtotal = subtotal_of(lines)
    discount = discount_lookup(code=discount_code, subtotal=subtotal) if discount_code.strip() else None
    discount_total = discount_amount(discount, subtotal)
    shipping_total = shipping_price(shipping_rate, subtotal - discount_total)
    taxable = subtotal - discount_total + shipping_total
    rate = shop_settings.tax_rate
    if shop_settings.prices_include_tax:
        tax_total = money(taxable * rate / (100 + rate))
        total = taxable
    else:
        tax_total = money(taxable * rate / 100)
        total = taxable + tax_total
    return Quote(subtotal, discount_total, shipping_total, tax_total, money(total), discount, shipping_rate)
