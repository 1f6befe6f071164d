"""Totals, always computed on the server from today's prices: whatever a client sends for
prices, totals, discounts or stock is never read."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cache

from babel.numbers import get_currency_precision
from django.utils import timezone

from saas.kernel.errors import AppError
from storefront.errors import StorefrontErrorCode
from storefront.models import ZERO, DiscountCode, DiscountKind, ShippingRate, ShopSettings
from storefront.shipping import Tax, tax_for

CENT = Decimal("0.01")
# The money columns hold 12 digits, 2 of them after the point.
MONEY_MAX = Decimal("9999999999.99")


@cache
def minor_unit(currency: str) -> Decimal:
    """The smallest amount of a currency: 1 for JPY or KRW, 0.01 for GBP (CLDR's data, through
    babel). Currencies with three decimals are kept to the columns' two."""
    return Decimal(1).scaleb(-min(get_currency_precision(currency or "XXX"), 2))


def minor_units(amount: Decimal, currency: str) -> int:
    """`amount` as the integer a payment provider takes: pence for GBP, yen for JPY, and
    thousandths for the three-decimal currencies (whose amounts end in 0 here)."""
    return int((amount * 10 ** get_currency_precision(currency)).to_integral_value(rounding=ROUND_HALF_UP))


def money(value: Decimal, currency: str = "") -> Decimal:
    return value.quantize(minor_unit(currency) if currency else CENT, rounding=ROUND_HALF_UP)


def too_large() -> AppError:
    message = "This order is larger than one checkout can take. Lower the quantities."
    return AppError(StorefrontErrorCode.ORDER_TOO_LARGE, message, fields={"lines": [message]})


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
    return AppError(StorefrontErrorCode.INVALID_DISCOUNT, message, fields={"discount_code": [message]})


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


def discount_amount(discount: DiscountCode | None, subtotal: Decimal, currency: str) -> Decimal:
    if discount is None:
        return ZERO
    if discount.kind == DiscountKind.PERCENT:
        return min(subtotal, money(subtotal * discount.value / 100, currency))
    return min(subtotal, money(discount.value, currency))


def shipping_price(rate: ShippingRate | None, goods_total: Decimal, currency: str) -> Decimal:
    if rate is None:
        return ZERO
    if rate.free_over is not None and goods_total >= rate.free_over:
        return ZERO
    return money(rate.price, currency)


def unit_price(variant, currency: str) -> Decimal:
    """What one unit costs today, in the currency's minor unit (a JPY price has no sen)."""
    return money(variant.price, currency)


def line_amount(variant, quantity: int, currency: str) -> Decimal:
    return money(unit_price(variant, currency) * quantity, currency)


def priced(cart_lines, currency: str) -> list[tuple[Decimal, int]]:
    """(today's unit price, quantity) of each cart line."""
    return [(unit_price(line.variant, currency), line.quantity) for line in cart_lines]


def subtotal_of(lines: Iterable[tuple[Decimal, int]], currency: str) -> Decimal:
    return money(sum((price * qty for price, qty in lines), ZERO), currency)


def quote(*, lines: Iterable[tuple[Decimal, int]], shipping_rate: ShippingRate | None, currency: str,
          discount_code: str = "", country: str = "", shop_settings: ShopSettings | None = None,
          tax: Tax | None = None) -> Quote:
    """Every amount is rounded to the currency's minor unit, so the quote, the order and the
    charge agree to the last yen or cent. The tax is the destination country's (`tax`, when
    the caller has read it)."""
    tax = tax if tax is not None else tax_for(country, shop_settings)
    subtotal = subtotal_of(lines, currency)
    if subtotal > MONEY_MAX:  # every line total is at most the subtotal
        raise too_large()
    discount = discount_lookup(code=discount_code, subtotal=subtotal) if discount_code.strip() else None
    discount_total = discount_amount(discount, subtotal, currency)
    shipping_total = shipping_price(shipping_rate, subtotal - discount_total, currency)
    taxable = subtotal - discount_total + shipping_total
    rate = tax.rate
    if tax.included:
        tax_total = money(taxable * rate / (100 + rate), currency)
        total = taxable
    else:
        tax_total = money(taxable * rate / 100, currency)
        total = taxable + tax_total
    if total > MONEY_MAX:
        raise too_large()
    return Quote(subtotal, discount_total, shipping_total, tax_total, money(total, currency), discount,
                 shipping_rate)
