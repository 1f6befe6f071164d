"""The commerce rules as functions, without HTTP: pricing, order state transitions, stock."""
from __future__ import annotations

from decimal import Decimal

import pytest
from django_tenants.utils import schema_context

from saas.kernel.errors import AppError
from saas.kernel.events import captured
from storefront import events, pricing
from storefront.models import OrderStatus, PaymentStatus, Product, ProductVariant
from storefront.orders import order_cancel, order_fulfil
from storefront.services import MAX_STOCK, product_update
from storefront.tests.factories import (
    DECLINED_CARD,
    DiscountCodeFactory,
    ShippingRateFactory,
    make_product,
    make_variant,
    place_order,
    shop_settings,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def shop(world):
    with schema_context(world.shop_a.schema_name):
        yield world.shop_a


def lines(*pairs: tuple[str, int]) -> list[tuple[Decimal, int]]:
    return [(Decimal(price), qty) for price, qty in pairs]


# pricing ---------------------------------------------------------------------------------------

def test_tax_included_is_taken_out_of_the_total_and_added_tax_is_put_on_top(shop):
    rate = ShippingRateFactory(price=Decimal("5.00"))
    included = pricing.quote(lines=lines(("10.00", 2)), shipping_rate=rate, currency="GBP",
                             shop_settings=shop_settings(tax_rate=Decimal("20"), prices_include_tax=True))
    assert (included.subtotal, included.shipping_total, included.tax_total, included.total) == (
        Decimal("20.00"), Decimal("5.00"), Decimal("4.17"), Decimal("25.00"))
    added = pricing.quote(lines=lines(("10.00", 2)), shipping_rate=rate, currency="GBP",
                          shop_settings=shop_settings(tax_rate=Decimal("20"), prices_include_tax=False))
    assert (added.tax_total, added.total) == (Decimal("5.00"), Decimal("30.00"))


def test_a_discount_comes_off_before_shipping_is_judged_free(shop):
    rate = ShippingRateFactory(price=Decimal("4.00"), free_over=Decimal("50.00"))
    DiscountCodeFactory(code="TEN", kind="percent", value=Decimal("10"))
    shop_settings(tax_rate=Decimal("0"), prices_include_tax=True)
    full = pricing.quote(lines=lines(("50.00", 1)), shipping_rate=rate, currency="GBP")
    assert (full.shipping_total, full.total) == (Decimal("0"), Decimal("50.00"))
    discounted = pricing.quote(lines=lines(("50.00", 1)), shipping_rate=rate, currency="GBP", discount_code="ten")
    assert (discounted.discount_total, discounted.shipping_total, discounted.total) == (
        Decimal("5.00"), Decimal("4.00"), Decimal("49.00"))


def test_a_fixed_discount_never_makes_a_total_negative_and_yen_have_no_fractions(shop):
    DiscountCodeFactory(code="BIG", kind="fixed", value=Decimal("100"))
    shop_settings(tax_rate=Decimal("10"), prices_include_tax=False)
    quote = pricing.quote(lines=lines(("30.00", 1)), shipping_rate=None, currency="GBP", discount_code="BIG")
    assert (quote.discount_total, quote.total) == (Decimal("30.00"), Decimal("0.00"))
    yen = pricing.quote(lines=lines(("333", 1)), shipping_rate=None, currency="JPY")
    assert (yen.tax_total, yen.total) == (Decimal("33"), Decimal("366"))


@pytest.mark.parametrize(("fields", "message"), [
    ({"active": False}, "does not exist"),
    ({"usage_limit": 2, "times_used": 2}, "used up"),
    ({"min_subtotal": Decimal("100")}, "at least 100"),
])
def test_a_code_that_cannot_be_used_is_refused_with_the_reason(shop, fields, message):
    DiscountCodeFactory(code="NOPE", **fields)
    with pytest.raises(AppError) as refused:
        pricing.quote(lines=lines(("20.00", 1)), shipping_rate=None, currency="GBP", discount_code="NOPE")
    assert refused.value.code == "invalid_discount"
    assert message in refused.value.message


# order state transitions ----------------------------------------------------------------------------

def test_a_paid_order_is_fulfilled_in_order_and_never_backwards(shop):
    order = place_order((make_variant(), 1))
    assert (order.status, order.payment_status) == (OrderStatus.PAID, PaymentStatus.PAID)
    with pytest.raises(AppError, match="Add the tracking number"):
        order_fulfil(order=order, status=OrderStatus.SHIPPED)
    order = order_fulfil(order=order, status=OrderStatus.SHIPPED, tracking_number=" TRK1 ")
    assert (order.status, order.tracking_number) == (OrderStatus.SHIPPED, "TRK1")
    for target in (OrderStatus.PROCESSING, OrderStatus.SHIPPED):
        with pytest.raises(AppError) as refused:
            order_fulfil(order=order, status=target)
        assert refused.value.code == "invalid_transition"
    with pytest.raises(AppError):
        order_cancel(order=order)  # shipped: too late to cancel
    assert order_fulfil(order=order, status=OrderStatus.DELIVERED).status == OrderStatus.DELIVERED
    assert list(order.events.values_list("status", flat=True)) == ["placed", "paid", "shipped", "delivered"]


def test_an_unpaid_order_cannot_be_fulfilled_and_cancelling_gives_the_stock_and_code_back(shop):
    variant = make_variant(stock=5)
    code = DiscountCodeFactory(code="ONE", usage_limit=1)
    order = place_order((variant, 2), card=DECLINED_CARD, discount_code="ONE")
    assert (order.status, order.payment_status) == (OrderStatus.PLACED, PaymentStatus.FAILED)
    variant.refresh_from_db()
    code.refresh_from_db()
    assert (variant.stock, code.times_used) == (3, 1)
    with pytest.raises(AppError):
        order_fulfil(order=order, status=OrderStatus.PROCESSING)
    order_cancel(order=order, reason="Changed my mind")
    variant.refresh_from_db()
    code.refresh_from_db()
    assert (variant.stock, Product.objects.get(pk=variant.product_id).total_stock, code.times_used) == (5, 5, 0)
    with pytest.raises(AppError):
        order_cancel(order=order)  # once


# stock rules ------------------------------------------------------------------------------------

def test_checkout_takes_stock_and_refuses_more_than_there_is(shop):
    variant = make_variant(stock=3)
    place_order((variant, 2))
    with pytest.raises(AppError) as refused:
        place_order((variant, 2))
    assert refused.value.status_code == 409
    variant.refresh_from_db()
    assert variant.stock == 1


def test_a_staff_edit_with_stock_was_keeps_units_sold_meanwhile(shop):
    product = make_product(stock=10)
    variant = product.variants.get()
    place_order((variant, 3))  # sold while the editor was open at 10
    product_update(product=product, variants=[{"id": variant.pk, "sku": variant.sku, "price": variant.price,
                                               "stock": 15, "stock_was": 10}])
    assert ProductVariant.objects.get(pk=variant.pk).stock == 12
    with pytest.raises(AppError) as refused:
        product_update(product=product, variants=[{"id": variant.pk, "sku": variant.sku, "price": variant.price,
                                                   "stock": MAX_STOCK + 1}])
    assert "variants.0.stock" in refused.value.fields


def test_stock_low_is_announced_once_when_a_variant_falls_to_the_threshold(shop, django_capture_on_commit_callbacks):
    shop_settings(low_stock_threshold=3)
    variant = make_variant(stock=6)
    with captured() as sent, django_capture_on_commit_callbacks(execute=True):
        place_order((variant, 2))  # 4 left: above the threshold
        place_order((variant, 1))  # 3 left: falls to it
        place_order((variant, 1))  # 2 left: already low, not again
    low = [e for e in sent if isinstance(e, events.StockLow)]
    assert [(e.variant_id, e.sku, e.stock) for e in low] == [(variant.pk, variant.sku, 3)]
