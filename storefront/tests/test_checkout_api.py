from __future__ import annotations

import uuid
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from django_tenants.utils import schema_context

from conftest import client_for
from storefront.models import DiscountCode, Order, Payment, ProductVariant, ShippingRate, ShopSettings
from storefront.tests.factories import make_product

pytestmark = pytest.mark.django_db

APPROVED = {"card_number": "4242 4242 4242 4242", "exp_month": 12, "exp_year": 2031, "cvc": "123"}
DECLINED = {**APPROVED, "card_number": "4000 0000 0000 0002"}
ADDRESS = {"full_name": "Ada Buyer", "line1": "1 High St", "city": "London", "postcode": "N1 9GU", "country": "gb"}


@pytest.fixture
def shop(world):
    with schema_context(world.shop_a.schema_name):
        make_product("Mug", "12.00", 5)
        make_product("Teapot", "30.00", 2)
        DiscountCode.objects.create(code="TENOFF", kind="percent", value=Decimal("10"))
        DiscountCode.objects.create(code="OLD", kind="fixed", value=Decimal("5"),
                                    ends_at=timezone.now() - timedelta(days=1))
    return world.shop_a


def rate(shop, name="Standard") -> int:
    with schema_context(shop.schema_name):
        return ShippingRate.objects.get(name=name).pk


def variant(shop, title):
    with schema_context(shop.schema_name):
        return ProductVariant.objects.get(product__title=title)


def fill_cart(client, shop, *items):
    token = None
    for title, qty in items:
        headers = {"HTTP_X_CART_TOKEN": token} if token else {}
        res = client.post("/api/cart/lines/", {"variant_id": variant(shop, title).pk, "quantity": qty},
                          format="json", **headers)
        token = res.json()["token"] or token
    return token


def checkout(client, shop, token, key=None, payment=APPROVED, **extra):
    body = {"email": "ada@buyer.test", "shipping_address": ADDRESS, "shipping_rate_id": rate(shop),
            "payment": payment, **extra}
    headers = {"HTTP_IDEMPOTENCY_KEY": key or str(uuid.uuid4())}
    if token:
        headers["HTTP_X_CART_TOKEN"] = token
    return client.post("/api/checkout/", body, format="json", **headers)


def test_quote_and_checkout_compute_totals_on_the_server(shop):
    client = client_for(shop)
    token = fill_cart(client, shop, ("Mug", 2), ("Teapot", 1))  # 24 + 30 = 54
    quote = client.post("/api/checkout/quote/", {"shipping_rate_id": rate(shop), "discount_code": "tenoff"},
                        format="json", HTTP_X_CART_TOKEN=token).json()
    # 10% off 54 = 5.40; 48.60 is under the £50 free-shipping line, so 3.95; VAT 20% included
    assert quote["subtotal"] == "54.00"
    assert quote["discount_total"] == "5.40"
    assert quote["shipping_total"] == "3.95"
    assert quote["total"] == "52.55"
    assert quote["tax_total"] == "8.76"  # 52.55 * 20 / 120
    res = checkout(client, shop, token, discount_code="TENOFF", total="0.01", subtotal="0.01")
    assert res.status_code == 201, res.content
    order = res.json()
    assert (order["status"], order["payment_status"], order["total"]) == ("paid", "paid", "52.55")
    assert [(line["product_title"], line["unit_price"], line["quantity"]) for line in order["lines"]] == [
        ("Mug", "12.00", 2), ("Teapot", "30.00", 1)]
    assert [e["status"] for e in order["timeline"]] == ["placed", "paid"]
    assert order["shipping_address"]["country"] == "GB"
    assert variant(shop, "Mug").stock == 3
    assert client.get("/api/cart/", HTTP_X_CART_TOKEN=token).json()["item_count"] == 0
    with schema_context(shop.schema_name):
        assert DiscountCode.objects.get(code="TENOFF").times_used == 1


def test_free_shipping_over_threshold_and_tax_added_when_prices_exclude_it(shop):
    with schema_context(shop.schema_name):
        ShopSettings.objects.filter(pk=1).update(prices_include_tax=False, tax_rate=Decimal("10"))
    client = client_for(shop)
    token = fill_cart(client, shop, ("Teapot", 2))
    quote = client.post("/api/checkout/quote/", {"shipping_rate_id": rate(shop)}, format="json",
                        HTTP_X_CART_TOKEN=token).json()
    assert (quote["shipping_total"], quote["tax_total"], quote["total"]) == ("0.00", "6.00", "66.00")


def test_declined_card_leaves_an_unpaid_order_that_can_be_paid_with_another_card(shop, world):
    client = client_for(shop, world.customer_a)
    fill_cart(client, shop, ("Mug", 1))
    res = checkout(client, shop, None, payment=DECLINED)
    assert res.status_code == 402
    body = res.json()
    assert body["error"]["code"] == "card_declined"
    assert "declined" in body["error"]["message"]
    order = body["order"]
    assert (order["status"], order["payment_status"]) == ("placed", "failed")
    again = client.post(f"/api/orders/{order['id']}/pay/", {"payment": DECLINED}, format="json",
                        HTTP_IDEMPOTENCY_KEY=str(uuid.uuid4()))
    assert again.status_code == 402
    paid = client.post(f"/api/orders/{order['id']}/pay/", {"payment": APPROVED}, format="json",
                       HTTP_IDEMPOTENCY_KEY=str(uuid.uuid4()))
    assert paid.status_code == 200
    assert paid.json()["payment_status"] == "paid"
    twice = client.post(f"/api/orders/{order['id']}/pay/", {"payment": APPROVED}, format="json",
                        HTTP_IDEMPOTENCY_KEY=str(uuid.uuid4()))
    assert twice.status_code == 409


def test_same_idempotency_key_returns_the_same_order_and_charges_once(shop):
    client = client_for(shop)
    token = fill_cart(client, shop, ("Mug", 1))
    key = str(uuid.uuid4())
    first = checkout(client, shop, token, key=key)
    second = checkout(client, shop, token, key=key)
    assert first.status_code == second.status_code == 201
    assert first.json()["id"] == second.json()["id"]
    with schema_context(shop.schema_name):
        assert Order.objects.count() == 1
        assert Payment.objects.count() == 1
    # the key belongs to that guest's checkout: someone else replaying it learns nothing
    assert checkout(client_for(shop), shop, str(uuid.uuid4()), key=key).status_code == 409


@pytest.mark.parametrize(("change", "field"), [
    ({"shipping_address": {**ADDRESS, "line1": ""}}, "shipping_address.line1"),
    ({"shipping_address": {**ADDRESS, "country": "XX"}}, "shipping_address.country"),
    ({"shipping_address": {**ADDRESS, "postcode": "!!"}}, "shipping_address.postcode"),
    ({"shipping_address": "nowhere"}, "shipping_address.non_field_errors"),
    ({"shipping_rate_id": 99999}, "shipping_rate_id"),
    ({"discount_code": "OLD"}, "discount_code"),
    ({"discount_code": "NOPE"}, "discount_code"),
    ({"email": "not-an-email"}, "email"),
    ({"payment": {}}, "payment.card_number"),
])
def test_bad_checkout_input_is_400_with_fields_and_takes_nothing(shop, change, field):
    client = client_for(shop)
    token = fill_cart(client, shop, ("Mug", 1))
    res = checkout(client, shop, token, **change)
    assert res.status_code == 400, res.content
    assert field in res.json()["error"]["fields"], res.json()
    assert variant(shop, "Mug").stock == 5
    with schema_context(shop.schema_name):
        assert not Order.objects.exists()


def test_missing_idempotency_key_and_empty_cart(shop):
    client = client_for(shop)
    token = fill_cart(client, shop, ("Mug", 1))
    res = client.post("/api/checkout/", {}, format="json", HTTP_X_CART_TOKEN=token)
    assert res.status_code == 400
    assert res.json()["error"]["code"] == "idempotency_key_required"
    empty = checkout(client_for(shop), shop, str(uuid.uuid4()))
    assert empty.status_code == 400
    assert empty.json()["error"]["code"] == "cart_empty"


def test_stock_sold_out_between_cart_and_checkout_is_409(shop):
    client = client_for(shop)
    token = fill_cart(client, shop, ("Teapot", 2))
    with schema_context(shop.schema_name):
        ProductVariant.objects.filter(product__title="Teapot").update(stock=1)
    res = checkout(client, shop, token)
    assert res.status_code == 409
    assert res.json()["error"]["code"] == "out_of_stock"
    assert "Only 1 left" in res.json()["error"]["message"]
    assert variant(shop, "Teapot").stock == 1


def test_used_up_discount_code(shop):
    with schema_context(shop.schema_name):
        DiscountCode.objects.create(code="ONCE", kind="fixed", value=Decimal("2"), usage_limit=1, times_used=1)
    client = client_for(shop)
    token = fill_cart(client, shop, ("Mug", 1))
    res = checkout(client, shop, token, discount_code="once")
    assert res.status_code == 400
    assert "used up" in res.json()["error"]["fields"]["discount_code"][0]


def test_a_guest_retries_a_declined_card_with_the_cart_token_it_checked_out_with(shop):
    client = client_for(shop)
    token = fill_cart(client, shop, ("Mug", 1))
    declined = checkout(client, shop, token, payment=DECLINED)
    assert declined.status_code == 402
    order_id = declined.json()["order"]["id"]
    pay = {"payment": APPROVED}
    assert client.post(f"/api/orders/{order_id}/pay/", pay, format="json",
                       HTTP_IDEMPOTENCY_KEY=str(uuid.uuid4())).status_code == 404
    assert client.post(f"/api/orders/{order_id}/pay/", pay, format="json", HTTP_IDEMPOTENCY_KEY=str(uuid.uuid4()),
                       HTTP_X_CART_TOKEN=str(uuid.uuid4())).status_code == 404
    paid = client.post(f"/api/orders/{order_id}/pay/", pay, format="json", HTTP_IDEMPOTENCY_KEY=str(uuid.uuid4()),
                       HTTP_X_CART_TOKEN=token)
    assert paid.status_code == 200
    assert paid.json()["payment_status"] == "paid"
    assert client.get(f"/api/orders/{order_id}/", HTTP_X_CART_TOKEN=token).json()["status"] == "paid"
    assert client.get("/api/orders/", HTTP_X_CART_TOKEN=token).status_code == 401
