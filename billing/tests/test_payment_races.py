"""Two payments of one order at once, through Stripe (localstripe), on real connections that
commit: the order is charged once. Runs in a shop of its own, dropped at the end."""
from __future__ import annotations

import uuid
from collections import Counter

import pytest
import requests
from django.conf import settings

from billing.stripe_accounts import stripe_account_save
from billing.tests.conftest import card
from saas.kernel.errors import AppError
from saas.kernel.tenancy import tenant_connection
from storefront.checkout import _place
from storefront.models import Cart, CartLine, Order, Payment, ShippingRate
from storefront.payment_attempts import order_pay
from storefront.tests.factories import make_product
from storefront.tests.test_checkout_api import ADDRESS
from storefront.tests.test_concurrency import in_shop, on_own_connection, run_all
from tenants.models import Shop
from tenants.services import shop_create

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def stripe_race_shop(world, django_db_blocker, localstripe_url):
    with django_db_blocker.unblock():
        shop = on_own_connection(lambda: shop_create(owner=world.merchant_a, name="Pay race", subdomain="pay-race"))
        in_shop(shop, lambda: stripe_account_save(publishable_key="pk_test_shopyard12345",
                                                  secret_key="sk_test_shopyard12345"))
        yield shop
        on_own_connection(lambda: Shop.objects.get(pk=shop.pk).delete(force_drop=True))


def unpaid_order(shop: Shop) -> Order:
    def arrange():
        variant = make_product("Kettle", "25.00", 10).variants.get()
        cart = Cart.objects.create()
        CartLine.objects.create(cart=cart, variant=variant, quantity=1)
        rate = ShippingRate.objects.first()
        return _place(user=None, cart_token=str(cart.token), email="racer@test.example",
                      shipping_address={**ADDRESS, "country": "GB"}, rate=rate, discount_code="",
                      idempotency_key=str(uuid.uuid4()), currency="GBP")

    return in_shop(shop, arrange)


def test_two_payments_of_one_order_at_once_charge_it_once(stripe_race_shop):
    order = unpaid_order(stripe_race_shop)
    methods = [card(settings.STRIPE_API_BASE, "4242424242424242") for _ in range(2)]

    def pay(i: int) -> str:
        tenant_connection().set_tenant(stripe_race_shop)
        try:
            return order_pay(order=order, payment={"payment_method": methods[i]},
                             idempotency_key=str(uuid.uuid4())).state
        except AppError as exc:
            return exc.code

    outcomes = Counter(run_all(2, pay))
    assert outcomes["succeeded"] == 1, outcomes
    assert set(outcomes) <= {"succeeded", "payment_in_progress", "already_paid"}

    def check():
        return (Order.objects.get(pk=order.pk).payment_status,
                list(Payment.objects.filter(order=order, status="succeeded").values_list("reference", flat=True)))

    status, references = in_shop(stripe_race_shop, check)
    assert status == "paid"
    assert len(references) == 1
    assert [pi["status"] for pi in intents_of(stripe_race_shop, order)].count("succeeded") == 1


def intents_of(shop: Shop, order: Order) -> list[dict]:
    """The PaymentIntents Stripe holds for this order."""
    found = requests.get(f"{settings.STRIPE_API_BASE}/v1/payment_intents", params={"limit": 100},
                         auth=("sk_test_shopyard12345", ""), timeout=10).json()["data"]
    return [pi for pi in found if pi["metadata"].get("order_id") == str(order.pk)
            and pi["metadata"].get("shop") == shop.schema_name]


def test_two_copies_of_one_payment_request_at_once_make_one_attempt(stripe_race_shop):
    order = unpaid_order(stripe_race_shop)
    method, key = card(settings.STRIPE_API_BASE, "4242424242424242"), str(uuid.uuid4())

    def pay(i: int) -> str:
        tenant_connection().set_tenant(stripe_race_shop)
        return order_pay(order=order, payment={"payment_method": method}, idempotency_key=key).state

    outcomes = run_all(2, pay)
    assert "succeeded" in outcomes, outcomes
    assert set(outcomes) <= {"succeeded", "creating"}, outcomes
    assert in_shop(stripe_race_shop, lambda: Payment.objects.filter(order=order).count()) == 1
    assert len(intents_of(stripe_race_shop, order)) == 1  # Stripe was asked once
