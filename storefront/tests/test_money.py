"""Amounts in the currency's minor unit, and orders too large for the money columns refused."""
from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.cache import cache
from django_tenants.utils import schema_context

from conftest import client_for
from storefront.models import DiscountCode, Order, Payment, ShippingRate, ShopSettings
from storefront.pricing import minor_unit
from storefront.tests.factories import make_product
from storefront.tests.test_checkout_api import checkout, fill_cart, rate
from tenants.models import Shop

pytestmark = pytest.mark.django_db


def shop_in(world, currency: str):
    Shop.objects.filter(pk=world.shop_a.pk).update(currency=currency)
    cache.clear()  # the host snapshot carries the currency
    shop = Shop.objects.get(pk=world.shop_a.pk)
    with schema_context(shop.schema_name):
        make_product("Kettle", "1164.49", 5)
        ShippingRate.objects.filter(name="Standard").update(price=Decimal("500.00"), free_over=None)
        ShopSettings.objects.filter(pk=1).update(tax_rate=Decimal("10"), prices_include_tax=False)
        DiscountCode.objects.create(code="FIFTEEN", kind="percent", value=Decimal("15"))
    return shop


def test_minor_units_come_from_the_currency():
    assert minor_unit("JPY") == minor_unit("KRW") == Decimal("1")
    assert minor_unit("GBP") == minor_unit("EUR") == Decimal("0.01")
    assert minor_unit("BHD") == Decimal("0.01")  # three decimals, kept to the columns' two


@pytest.mark.parametrize(("currency", "expected"), [
    # subtotal, discount, shipping, tax, total
    ("JPY", ("1164.00", "175.00", "500.00", "149.00", "1638.00")),  # 174.6 off, 148.9 tax: whole yen
    ("GBP", ("1164.49", "174.67", "500.00", "148.98", "1638.80")),
])
def test_cart_quote_order_and_payment_agree_in_the_minor_unit(world, currency, expected):
    shop = shop_in(world, currency)
    client = client_for(shop)
    token = fill_cart(client, shop, ("Kettle", 1))
    cart = client.get("/api/cart/", HTTP_X_CART_TOKEN=token).json()
    assert (cart["lines"][0]["unit_price"], cart["subtotal"]) == (expected[0], expected[0])
    quote = client.post("/api/checkout/quote/", {"shipping_rate_id": rate(shop), "discount_code": "FIFTEEN"},
                        format="json", HTTP_X_CART_TOKEN=token).json()
    fields = ("subtotal", "discount_total", "shipping_total", "tax_total", "total")
    assert tuple(quote[f] for f in fields) == expected
    res = checkout(client, shop, token, discount_code="FIFTEEN")
    assert res.status_code == 201, res.content
    order = res.json()
    assert tuple(order[f] for f in fields) == expected
    assert (order["lines"][0]["unit_price"], order["lines"][0]["line_total"]) == (expected[0], expected[0])
    with schema_context(shop.schema_name):
        charged = Payment.objects.get(order_id=order["id"])
    assert (charged.amount, charged.currency) == (Decimal(expected[-1]), currency)


def test_an_order_beyond_the_money_columns_is_refused_everywhere(world):
    shop = world.shop_a
    with schema_context(shop.schema_name):
        make_product("Island", "9000000000.00", 5)
        DiscountCode.objects.create(code="ALL", kind="percent", value=Decimal("100"))
    client = client_for(shop)
    token = fill_cart(client, shop, ("Island", 1))
    line = client.get("/api/cart/", HTTP_X_CART_TOKEN=token).json()["lines"][0]
    more = client.patch(f"/api/cart/lines/{line['id']}/", {"quantity": 2}, format="json", HTTP_X_CART_TOKEN=token)
    assert more.status_code == 400, more.content
    assert more.json()["error"]["code"] == "order_too_large"
    again = client.post("/api/cart/lines/", {"variant_id": line["variant_id"], "quantity": 1},
                        format="json", HTTP_X_CART_TOKEN=token)
    assert again.status_code == 400
    assert client.get("/api/cart/", HTTP_X_CART_TOKEN=token).json()["item_count"] == 1


def test_a_cart_that_overflows_at_checkout_is_a_4xx_not_a_500(world):
    """A cart filled before the price rose past what the columns hold (the cart check cannot see it)."""
    shop = world.shop_a
    with schema_context(shop.schema_name):
        make_product("Island", "10.00", 5)
        DiscountCode.objects.create(code="ALL", kind="percent", value=Decimal("100"))
    client = client_for(shop)
    token = fill_cart(client, shop, ("Island", 2))
    with schema_context(shop.schema_name):
        from storefront.models import ProductVariant
        ProductVariant.objects.filter(product__title="Island").update(price=Decimal("9000000000.00"))
    for body in ({"shipping_rate_id": rate(shop)}, {"shipping_rate_id": rate(shop), "discount_code": "ALL"}):
        quote = client.post("/api/checkout/quote/", body, format="json", HTTP_X_CART_TOKEN=token)
        assert quote.status_code == 400, quote.content
        assert quote.json()["error"]["code"] == "order_too_large"
        res = checkout(client, shop, token, **{k: v for k, v in body.items() if k == "discount_code"})
        assert res.status_code == 400, res.content
        assert res.json()["error"]["code"] == "order_too_large"
        assert client.get("/api/cart/", HTTP_X_CART_TOKEN=token).status_code == 200
    with schema_context(shop.schema_name):
        assert not Order.objects.exists()


def test_the_dashboard_refuses_fractions_of_a_yen(world):
    shop = shop_in(world, "JPY")
    staff = client_for(shop, world.owner_a)
    body = {"title": "Tea bowl", "variants": [{"sku": "BOWL-1", "price": "1280.49", "stock": 1}]}
    res = staff.post("/api/dashboard/products/", body, format="json")
    assert res.status_code == 400
    assert "whole amounts" in res.json()["error"]["fields"]["variants"][0]
    body["variants"][0]["price"] = "1280"
    assert staff.post("/api/dashboard/products/", body, format="json").status_code == 201
