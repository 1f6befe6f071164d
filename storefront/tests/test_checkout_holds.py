"""What an unpaid checkout may hold (issue: stock and one-use codes held without paying):
details that fail before the gateway hold nothing, a declined charge holds for minutes, open
unpaid orders are capped per cart, customer and guest e-mail, and checkout is throttled."""
from __future__ import annotations

import uuid
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from django_tenants.utils import schema_context

from conftest import client_for
from storefront.models import DiscountCode, Order, Payment
from storefront.orders import release_unpaid_orders
from storefront.tests.factories import make_product
from storefront.tests.test_checkout_api import APPROVED, DECLINED, checkout, fill_cart, variant

pytestmark = pytest.mark.django_db


@pytest.fixture
def shop(world):
    with schema_context(world.shop_a.schema_name):
        make_product("Lamp", "20.00", 5)
        DiscountCode.objects.create(code="ONCE", kind="fixed", value=Decimal("2"), usage_limit=1)
    return world.shop_a


def rates(settings, **rates):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK,
                               "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], **rates}}


def code_uses(shop) -> int:
    with schema_context(shop.schema_name):
        return DiscountCode.objects.get(code="ONCE").times_used


@pytest.mark.parametrize(("payment", "field"), [
    ({**APPROVED, "card_number": "4242 4242 4242 4241"}, "payment.card_number"),  # fails the Luhn check
    ({**APPROVED, "card_number": "1234"}, "payment.card_number"),
    ({**APPROVED, "exp_year": 2020}, "payment.exp_year"),
    ({"card_number": APPROVED["card_number"]}, "payment.exp_month"),
])
def test_payment_details_that_fail_before_the_gateway_place_and_hold_nothing(shop, payment, field):
    client = client_for(shop)
    token = fill_cart(client, shop, ("Lamp", 2))
    res = checkout(client, shop, token, payment=payment, discount_code="ONCE")
    assert res.status_code == 400, res.content
    assert field in res.json()["error"]["fields"]
    assert variant(shop, "Lamp").stock == 5
    assert code_uses(shop) == 0
    with schema_context(shop.schema_name):
        assert not Order.objects.exists()
        assert not Payment.objects.exists()
    # the cart is still there: fixing the number goes through
    assert checkout(client, shop, token, payment=APPROVED, discount_code="ONCE").status_code == 201


def test_paying_an_order_with_invalid_details_records_no_attempt_and_keeps_the_hold(shop):
    client = client_for(shop)
    token = fill_cart(client, shop, ("Lamp", 1))
    order = checkout(client, shop, token, payment=DECLINED).json()["order"]
    with schema_context(shop.schema_name):
        held = Order.objects.get().hold_until
    res = client.post(f"/api/orders/{order['id']}/pay/", {"payment": {**APPROVED, "exp_month": 13}},
                      format="json", HTTP_IDEMPOTENCY_KEY=str(uuid.uuid4()), HTTP_X_CART_TOKEN=token)
    assert res.status_code == 400
    with schema_context(shop.schema_name):
        assert Payment.objects.count() == 1
        assert Order.objects.get().hold_until == held


def test_thirty_scripted_declines_no_longer_keep_stock_and_code_from_real_buyers(shop, settings):
    """The attack of the issue: a script checks out with a declined card over and over, each
    time from a fresh guest cart and e-mail (so the per-cart and per-e-mail caps do not bite)."""
    settings.DECLINED_HOLD_MINUTES = 5
    settings.UNPAID_ORDER_MINUTES = 30
    carts = []
    for _ in range(30):
        client = client_for(shop)
        carts.append((client, fill_cart(client, shop, ("Lamp", 1))))
    outcomes = []
    for n, (client, token) in enumerate(carts):
        res = checkout(client, shop, token, payment=DECLINED, email=f"bot{n}@script.test",
                       discount_code="ONCE" if n == 0 else "")
        outcomes.append(res.status_code)
    assert outcomes.count(402) == 5
    assert outcomes.count(409) == 25
    assert variant(shop, "Lamp").stock == 0
    with schema_context(shop.schema_name):
        latest_hold = max(Order.objects.values_list("hold_until", flat=True))
        assert latest_hold <= timezone.now() + timedelta(minutes=5)
        # the sweep after the short hold (not the 30-minute unpaid window) gives everything back
        assert release_unpaid_orders(older_than=timedelta(minutes=30),
                                     now=timezone.now() + timedelta(minutes=5, seconds=1)) == 5
    assert variant(shop, "Lamp").stock == 5
    assert code_uses(shop) == 0
    buyer = client_for(shop)
    token = fill_cart(buyer, shop, ("Lamp", 2))
    res = checkout(buyer, shop, token, payment=APPROVED, discount_code="ONCE")
    assert res.status_code == 201, res.content
    assert res.json()["discount_total"] == "2.00"


def test_a_retry_that_is_declined_again_extends_the_hold_but_never_past_the_unpaid_window(shop, settings):
    settings.DECLINED_HOLD_MINUTES = 5
    settings.UNPAID_ORDER_MINUTES = 7
    client = client_for(shop)
    token = fill_cart(client, shop, ("Lamp", 1))
    order_id = checkout(client, shop, token, payment=DECLINED).json()["order"]["id"]
    with schema_context(shop.schema_name):
        order = Order.objects.get()
        assert order.hold_until - timezone.now() <= timedelta(minutes=5)
        Order.objects.filter(pk=order_id).update(created_at=order.created_at - timedelta(minutes=4))
    client.post(f"/api/orders/{order_id}/pay/", {"payment": DECLINED}, format="json",
                HTTP_IDEMPOTENCY_KEY=str(uuid.uuid4()), HTTP_X_CART_TOKEN=token)
    with schema_context(shop.schema_name):
        order = Order.objects.get()
        assert order.hold_until == order.created_at + timedelta(minutes=7)


def test_a_guest_email_gets_at_most_three_open_unpaid_orders(shop, settings):
    settings.MAX_UNPAID_ORDERS = 3
    statuses = []
    for _ in range(4):
        client = client_for(shop)
        token = fill_cart(client, shop, ("Lamp", 1))
        statuses.append(checkout(client, shop, token, payment=DECLINED, email="Same@Buyer.test"))
    assert [r.status_code for r in statuses] == [402, 402, 402, 429]
    refused = statuses[-1].json()["error"]
    assert refused["code"] == "too_many_unpaid_orders"
    assert "3 unpaid orders" in refused["message"]
    assert variant(shop, "Lamp").stock == 2  # the refused checkout took nothing
    # paying one of them frees a place
    first = statuses[0].json()
    client = client_for(shop)
    assert client.post(f"/api/orders/{first['order']['id']}/pay/", {"payment": APPROVED}, format="json",
                       HTTP_IDEMPOTENCY_KEY=str(uuid.uuid4()),
                       HTTP_X_ORDER_TOKEN=first["order_token"]).status_code == 200
    token = fill_cart(client, shop, ("Lamp", 1))
    assert checkout(client, shop, token, payment=DECLINED, email="same@buyer.test").status_code == 402


def test_a_signed_in_customer_is_capped_by_account_whatever_email_is_typed(shop, world, settings):
    settings.MAX_UNPAID_ORDERS = 2
    client = client_for(shop, world.customer_a)
    codes = []
    for n in range(3):
        fill_cart(client, shop, ("Lamp", 1))
        codes.append(checkout(client, shop, None, payment=DECLINED, email=f"alias{n}@buyer.test").status_code)
    assert codes == [402, 402, 429]
    # a guest using that customer's address is not blocked by the customer's orders
    guest = client_for(shop)
    token = fill_cart(guest, shop, ("Lamp", 1))
    assert checkout(guest, shop, token, payment=DECLINED, email=world.customer_a.email).status_code == 402


def test_checkout_is_throttled_per_cart(shop, settings):
    rates(settings, checkout_cart="3/min")
    client = client_for(shop)
    token = fill_cart(client, shop, ("Lamp", 1))
    codes = [checkout(client, shop, token, payment={**APPROVED, "exp_month": 13}).status_code for _ in range(4)]
    assert codes == [400, 400, 400, 429]
    other = client_for(shop)
    assert checkout(other, shop, fill_cart(other, shop, ("Lamp", 1)), payment=APPROVED).status_code == 201


def test_checkout_and_pay_are_throttled_per_customer(shop, world, settings):
    rates(settings, checkout_customer="2/min")
    client = client_for(shop, world.customer_a)
    fill_cart(client, shop, ("Lamp", 1))
    declined = checkout(client, shop, None, payment=DECLINED)
    assert declined.status_code == 402
    pay = client.post(f"/api/orders/{declined.json()['order']['id']}/pay/", {"payment": DECLINED}, format="json",
                      HTTP_IDEMPOTENCY_KEY=str(uuid.uuid4()))
    assert pay.status_code == 402
    third = checkout(client, shop, None, payment=APPROVED)
    assert third.status_code == 429
    assert third.json()["error"]["code"] == "throttled"
    # another shopper is not slowed down
    assert client_for(shop, world.owner_a).get("/api/cart/").status_code == 200
