"""Races against the real PostgreSQL: many threads, each with its own connection, committing.

The test's own connection sits in the usual rolled-back transaction, whose rows no other
connection could see; so everything here, set-up and checks included, runs on other threads
(autocommit), in a shop of its own that is dropped at the end."""
from __future__ import annotations

import threading
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django_tenants.utils import schema_context

from saas.kernel.errors import AppError
from saas.kernel.tenancy import tenant_connection
from storefront.checkout import checkout_place
from storefront.models import Cart, CartLine, Order, Payment, ProductVariant, ShippingRate
from storefront.tests.factories import make_product
from storefront.tests.test_checkout_api import ADDRESS, APPROVED
from tenants.models import Shop
from tenants.services import shop_create

pytestmark = pytest.mark.django_db


def on_own_connection(fn, *args):
    """Runs fn on a thread of its own: its own connection, committing as it goes."""

    def call():
        try:
            return fn(*args)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(call).result()


@pytest.fixture(scope="module")
def race_shop(world, django_db_blocker):
    with django_db_blocker.unblock():
        shop = on_own_connection(lambda: shop_create(owner=world.merchant_a, name="Race", subdomain="race-shop"))
        yield shop
        on_own_connection(lambda: Shop.objects.get(pk=shop.pk).delete(force_drop=True))


def run_all(n: int, fn) -> list:
    barrier = threading.Barrier(n)

    def worker(i: int):
        barrier.wait()
        try:
            return fn(i)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=n) as pool:
        return list(pool.map(worker, range(n)))


def place(shop: Shop, cart_token: str, key: str, rate_id: int) -> str | int:
    tenant_connection().set_tenant(shop)
    try:
        result = checkout_place(user=None, cart_token=cart_token, email="racer@test.example",
                                shipping_address={**ADDRESS, "country": "GB"}, shipping_rate_id=rate_id,
                                discount_code="", payment=APPROVED, idempotency_key=key, currency="GBP")
        return result.order.pk
    except AppError as exc:
        return exc.code


def in_shop(shop: Shop, fn):
    def call():
        with schema_context(shop.schema_name):
            return fn()

    return on_own_connection(call)


def test_fifty_buyers_of_the_last_ten_units_make_exactly_ten_orders(race_shop):
    def arrange():
        variant = make_product("Last lamp", "20.00", 10).variants.get()
        carts = [Cart.objects.create() for _ in range(50)]
        CartLine.objects.bulk_create(CartLine(cart=cart, variant=variant, quantity=1) for cart in carts)
        return variant, [str(cart.token) for cart in carts], ShippingRate.objects.first().pk

    variant, carts, rate_id = in_shop(race_shop, arrange)
    outcomes = run_all(50, lambda i: place(race_shop, carts[i], str(uuid.uuid4()), rate_id))
    kinds = Counter("order" if isinstance(o, int) else o for o in outcomes)
    assert kinds == {"order": 10, "out_of_stock": 40}
    stock, orders, sold = in_shop(race_shop, lambda: (
        ProductVariant.objects.get(pk=variant.pk).stock,
        Order.objects.filter(lines__variant=variant).count(),
        ProductVariant.objects.get(pk=variant.pk).product.sold_count))
    assert (stock, orders, sold) == (0, 10, 10)


def test_twenty_copies_of_one_checkout_make_one_order_and_one_payment(race_shop):
    def arrange():
        variant = make_product("Popular mug", "8.00", 100).variants.get()
        cart = Cart.objects.create()
        CartLine.objects.create(cart=cart, variant=variant, quantity=2)
        return variant, str(cart.token), ShippingRate.objects.first().pk

    variant, token, rate_id = in_shop(race_shop, arrange)
    key = str(uuid.uuid4())
    outcomes = run_all(20, lambda i: place(race_shop, token, key, rate_id))
    assert len(set(outcomes)) == 1, outcomes
    assert isinstance(outcomes[0], int), outcomes
    orders, payments, stock = in_shop(race_shop, lambda: (
        Order.objects.filter(idempotency_key=key).count(),
        Payment.objects.filter(order__idempotency_key=key).count(),
        ProductVariant.objects.get(pk=variant.pk).stock))
    assert (orders, payments, stock) == (1, 1, 98)


def test_concurrent_declined_checkouts_of_one_guest_email_stop_at_the_cap(race_shop, settings):
    from storefront.tests.test_checkout_api import DECLINED

    settings.MAX_UNPAID_ORDERS = 3

    def arrange():
        variant = make_product("Capped lamp", "20.00", 50).variants.get()
        carts = [Cart.objects.create() for _ in range(8)]
        CartLine.objects.bulk_create(CartLine(cart=cart, variant=variant, quantity=1) for cart in carts)
        return variant, [str(cart.token) for cart in carts], ShippingRate.objects.first().pk

    variant, carts, rate_id = in_shop(race_shop, arrange)

    def declined(i: int):
        tenant_connection().set_tenant(race_shop)
        try:
            result = checkout_place(user=None, cart_token=carts[i], email="bot@capped.example",
                                    shipping_address={**ADDRESS, "country": "GB"}, shipping_rate_id=rate_id,
                                    discount_code="", payment=DECLINED, idempotency_key=str(uuid.uuid4()),
                                    currency="GBP")
            return "placed" if not result.charge.ok else "paid"
        except AppError as exc:
            return exc.code

    # one at a time, then a burst: the cap holds under the race too
    outcomes = [on_own_connection(declined, 0)] + run_all(7, lambda i: declined(i + 1))
    assert Counter(outcomes) == {"placed": 3, "too_many_unpaid_orders": 5}, outcomes
    held = in_shop(race_shop, lambda: 50 - ProductVariant.objects.get(pk=variant.pk).stock)
    assert held == 3
