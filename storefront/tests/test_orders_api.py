"""Order history, the status timeline, fulfilment by staff, cancel, refund and reorder."""
from __future__ import annotations

import uuid

import pytest
from django_tenants.utils import schema_context

from conftest import client_for
from storefront.models import ProductStatus, ProductVariant
from storefront.tests.factories import make_product
from storefront.tests.test_checkout_api import APPROVED, checkout, fill_cart

pytestmark = pytest.mark.django_db


@pytest.fixture
def paid_order(world):
    shop = world.shop_a
    with schema_context(shop.schema_name):
        make_product("Mug", "12.00", 5)
        make_product("Teapot", "30.00", 2)
    client = client_for(shop, world.customer_a)
    fill_cart(client, shop, ("Mug", 2), ("Teapot", 1))
    res = checkout(client, shop, None)
    assert res.status_code == 201
    return res.json()


def staff(world):
    return client_for(world.shop_a, world.owner_a)


def stock(world, title):
    with schema_context(world.shop_a.schema_name):
        return ProductVariant.objects.get(product__title=title).stock


def test_shopper_sees_only_their_own_orders(world, paid_order):
    mine = client_for(world.shop_a, world.customer_a).get("/api/orders/").json()
    assert [(o["number"], o["item_count"]) for o in mine["results"]] == [(paid_order["number"], 3)]
    other = client_for(world.shop_a, world.owner_a)  # a different account of the same shop
    assert other.get("/api/orders/").json()["count"] == 0
    assert other.get(f"/api/orders/{paid_order['id']}/").status_code == 404
    assert other.post(f"/api/orders/{paid_order['id']}/reorder/").status_code == 404
    assert client_for(world.shop_a).get("/api/orders/").status_code == 401


def test_fulfilment_moves_the_timeline_and_shipping_needs_tracking(world, paid_order):
    url = f"/api/dashboard/orders/{paid_order['id']}/"
    res = staff(world).post(url + "fulfil/", {"status": "shipped"}, format="json")
    assert res.status_code == 400
    assert "tracking_number" in res.json()["error"]["fields"]
    assert staff(world).post(url + "fulfil/", {"status": "processing"}, format="json").status_code == 200
    res = staff(world).post(url + "fulfil/", {"status": "shipped", "tracking_number": "RM123456789GB"}, format="json")
    assert res.json()["status"] == "shipped"
    assert staff(world).post(url + "fulfil/", {"status": "processing"}, format="json").json()["error"]["code"] == \
        "invalid_transition"
    assert staff(world).post(url + "cancel/").status_code == 400
    shopper_view = client_for(world.shop_a, world.customer_a).get(f"/api/orders/{paid_order['id']}/").json()
    assert shopper_view["tracking_number"] == "RM123456789GB"
    assert [e["status"] for e in shopper_view["timeline"]] == ["placed", "paid", "processing", "shipped"]
    assert staff(world).post(url + "fulfil/", {"status": "delivered"}, format="json").json()["status"] == "delivered"


def test_cancel_restocks_and_refunds(world, paid_order):
    assert stock(world, "Mug") == 3
    res = staff(world).post(f"/api/dashboard/orders/{paid_order['id']}/cancel/", {"reason": "Customer asked"},
                            format="json")
    assert res.status_code == 200
    assert (res.json()["status"], res.json()["payment_status"]) == ("cancelled", "refunded")
    assert stock(world, "Mug") == 5
    assert stock(world, "Teapot") == 2


def test_refund_after_shipping_keeps_stock_out(world, paid_order):
    url = f"/api/dashboard/orders/{paid_order['id']}/"
    staff(world).post(url + "fulfil/", {"status": "shipped", "tracking_number": "T1"}, format="json")
    res = staff(world).post(url + "refund/", {"reason": "Broken in transit"}, format="json")
    assert (res.json()["status"], res.json()["payment_status"]) == ("refunded", "refunded")
    assert stock(world, "Mug") == 3
    assert staff(world).post(url + "refund/").json()["error"]["code"] == "invalid_transition"


def test_reorder_puts_what_is_still_sold_in_the_cart_at_todays_prices(world, paid_order):
    with schema_context(world.shop_a.schema_name):
        ProductVariant.objects.filter(product__title="Mug").update(price="15.00")
        ProductVariant.objects.get(product__title="Teapot").product.__class__.objects.filter(
            title="Teapot").update(status=ProductStatus.ARCHIVED)
    client = client_for(world.shop_a, world.customer_a)
    res = client.post(f"/api/orders/{paid_order['id']}/reorder/")
    assert res.status_code == 200
    body = res.json()
    assert body["added"] == [{"product_title": "Mug", "variant_title": "Default", "quantity": 2}]
    assert body["unavailable"] == [{"product_title": "Teapot", "variant_title": "Default",
                                    "reason": "No longer sold."}]
    assert body["cart"]["subtotal"] == "30.00"


def test_staff_lists_and_filters_orders_and_customers(world, paid_order):
    listing = staff(world).get("/api/dashboard/orders/?status=paid").json()
    assert [o["id"] for o in listing["results"]] == [paid_order["id"]]
    assert staff(world).get("/api/dashboard/orders/?status=shipped").json()["count"] == 0
    assert staff(world).get(f"/api/dashboard/orders/?search={paid_order['number']}").json()["count"] == 1
    customers = staff(world).get("/api/dashboard/customers/").json()["results"]
    me = next(c for c in customers if c["email"] == "customer@alpha.test")
    assert (me["order_count"], me["total_spent"]) == (1, paid_order["total"])
    detail = staff(world).get(f"/api/dashboard/customers/{me['id']}/").json()
    assert [o["id"] for o in detail["orders"]] == [paid_order["id"]]


def test_shoppers_cannot_use_staff_endpoints(world, paid_order):
    client = client_for(world.shop_a, world.customer_a)
    for path in ("/api/dashboard/orders/", f"/api/dashboard/orders/{paid_order['id']}/",
                 "/api/dashboard/products/", "/api/dashboard/customers/"):
        assert client.get(path).status_code == 403
    assert client.post(f"/api/dashboard/orders/{paid_order['id']}/cancel/").status_code == 403


def test_order_status_reaches_the_shoppers_socket(world, paid_order, django_capture_on_commit_callbacks):
    import asyncio

    from channels.layers import get_channel_layer

    from realtime.groups import user_group

    layer = get_channel_layer()

    async def listen():
        channel = await layer.new_channel()
        await layer.group_add(user_group(world.shop_a.schema_name, world.customer_a.pk), channel)
        return channel

    channel = asyncio.run(listen())
    with django_capture_on_commit_callbacks(execute=True):
        staff(world).post(f"/api/dashboard/orders/{paid_order['id']}/fulfil/", {"status": "processing"},
                          format="json")
    message = asyncio.run(asyncio.wait_for(layer.receive(channel), 5))
    assert message["message"]["type"] == "order.status"
    assert message["message"]["status"] == "processing"
    assert message["message"]["order_id"] == paid_order["id"]


def test_a_declined_order_is_released_after_the_short_hold(world, settings):
    from datetime import timedelta

    from django.utils import timezone

    from storefront.models import Order
    from storefront.orders import release_unpaid_orders
    from storefront.tests.test_checkout_api import DECLINED

    settings.DECLINED_HOLD_MINUTES = 5
    with schema_context(world.shop_a.schema_name):
        make_product("Lamp", "20.00", 1)
    client = client_for(world.shop_a, world.customer_a)
    fill_cart(client, world.shop_a, ("Lamp", 1))
    assert checkout(client, world.shop_a, None, key=str(uuid.uuid4()), payment=DECLINED).status_code == 402
    assert stock(world, "Lamp") == 0
    with schema_context(world.shop_a.schema_name):
        soon = timezone.now() + timedelta(minutes=4)
        assert release_unpaid_orders(older_than=timedelta(minutes=30), now=soon) == 0
        later = timezone.now() + timedelta(minutes=5, seconds=5)
        assert release_unpaid_orders(older_than=timedelta(minutes=30), now=later) == 1
        assert Order.objects.get().status == "cancelled"
    assert stock(world, "Lamp") == 1


def test_an_unpaid_order_without_a_decline_is_held_for_the_unpaid_window(world, settings):
    from datetime import timedelta

    from django.utils import timezone

    from storefront.checkout import _place
    from storefront.models import Order
    from storefront.orders import release_unpaid_orders
    from storefront.shipping import rate_for
    from storefront.tests.test_checkout_api import ADDRESS, rate

    settings.UNPAID_ORDER_MINUTES = 30
    with schema_context(world.shop_a.schema_name):
        make_product("Lamp", "20.00", 1)
    client = client_for(world.shop_a, world.customer_a)
    fill_cart(client, world.shop_a, ("Lamp", 1))
    with schema_context(world.shop_a.schema_name):  # placed, and the payment never attempted (a crash)
        _place(user=world.customer_a, cart_token=None, email="a@b.test", shipping_address=ADDRESS,
               rate=rate_for(rate_id=rate(world.shop_a)), discount_code="", idempotency_key="k", currency="GBP")
        now = timezone.now()
        assert release_unpaid_orders(older_than=timedelta(minutes=30), now=now + timedelta(minutes=29)) == 0
        assert release_unpaid_orders(older_than=timedelta(minutes=30), now=now + timedelta(minutes=31)) == 1
        assert Order.objects.get().status == "cancelled"
    assert stock(world, "Lamp") == 1
    assert APPROVED


def test_release_leaves_an_order_paid_meanwhile_alone_and_gives_back_discount_uses(world):
    from datetime import timedelta
    from decimal import Decimal

    from storefront.models import DiscountCode, Order
    from storefront.orders import release_unpaid_orders
    from storefront.tests.test_checkout_api import DECLINED

    shop = world.shop_a
    with schema_context(shop.schema_name):
        make_product("Lamp", "20.00", 5)
        DiscountCode.objects.create(code="ONCE", kind="fixed", value=Decimal("1"), usage_limit=1)
    client = client_for(shop, world.customer_a)
    orders = []
    for _ in range(2):
        fill_cart(client, shop, ("Lamp", 1))
        res = checkout(client, shop, None, key=str(uuid.uuid4()), payment=DECLINED,
                       discount_code="ONCE" if not orders else "")
        assert res.status_code == 402
        orders.append(res.json()["order"]["id"])
    with schema_context(shop.schema_name):
        assert DiscountCode.objects.get(code="ONCE").times_used == 1
        Order.objects.update(hold_until=Order.objects.first().created_at - timedelta(hours=1))
        # the second order is paid between the sweep's query and its lock
        Order.objects.filter(pk=orders[1]).update(payment_status="paid", status="paid")
        from storefront import orders as order_actions

        real_filter = Order.objects.filter

        def stale_snapshot(*args, **kwargs):  # the sweep still sees both as unpaid
            return real_filter(pk__in=orders)

        original = order_actions.Order.objects.filter
        order_actions.Order.objects.filter = stale_snapshot
        try:
            assert release_unpaid_orders(older_than=timedelta(minutes=30)) == 1
        finally:
            order_actions.Order.objects.filter = original
        assert Order.objects.get(pk=orders[0]).status == "cancelled"
        assert Order.objects.get(pk=orders[1]).status == "paid"
        assert DiscountCode.objects.get(code="ONCE").times_used == 0


def test_the_same_payment_key_replays_instead_of_charging_twice(world):
    from storefront.models import Payment
    from storefront.tests.test_checkout_api import DECLINED

    client = client_for(world.shop_a, world.customer_a)
    with schema_context(world.shop_a.schema_name):
        make_product("Lamp", "20.00", 5)
    fill_cart(client, world.shop_a, ("Lamp", 1))
    order_id = checkout(client, world.shop_a, None, payment=DECLINED).json()["order"]["id"]
    key = str(uuid.uuid4())
    first = client.post(f"/api/orders/{order_id}/pay/", {"payment": DECLINED}, format="json", HTTP_IDEMPOTENCY_KEY=key)
    again = client.post(f"/api/orders/{order_id}/pay/", {"payment": DECLINED}, format="json", HTTP_IDEMPOTENCY_KEY=key)
    assert first.status_code == again.status_code == 402
    with schema_context(world.shop_a.schema_name):
        assert Payment.objects.filter(order_id=order_id).count() == 2  # the checkout's, and this key's once


def test_a_failed_refund_leaves_the_order_cancelled_and_paid_and_can_be_retried(world, paid_order, monkeypatch):
    from billing.gateways import OfflineTestGateway
    from storefront.payments import ChargeResult

    def refused(**kwargs):
        return ChargeResult(False, message="The bank is not answering.")

    monkeypatch.setattr(OfflineTestGateway, "refund", lambda self, **kwargs: refused(**kwargs))
    url = f"/api/dashboard/orders/{paid_order['id']}/"
    res = staff(world).post(url + "cancel/", {"reason": "Out of stock"}, format="json")
    assert res.status_code == 502
    assert res.json()["error"]["code"] == "refund_failed"
    order = staff(world).get(url).json()
    assert (order["status"], order["payment_status"]) == ("cancelled", "paid")
    assert stock(world, "Mug") == 5  # the cancellation itself went through
    monkeypatch.undo()
    retried = staff(world).post(url + "refund/", {"reason": "retry"}, format="json")
    assert retried.status_code == 200
    assert (retried.json()["status"], retried.json()["payment_status"]) == ("refunded", "refunded")
    assert stock(world, "Mug") == 5  # not put back twice
