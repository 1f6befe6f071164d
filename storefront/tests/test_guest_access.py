"""A guest gets back to an order: the signed order token (checkout answer, e-mail link) and
the lookup by order number and e-mail."""
from __future__ import annotations

import uuid

import pytest
from django.core import signing
from django_tenants.utils import schema_context

from conftest import client_for
from storefront.checkout import ORDER_TOKEN_SALT
from storefront.tests.factories import make_product
from storefront.tests.test_checkout_api import APPROVED, DECLINED, checkout, fill_cart

pytestmark = pytest.mark.django_db


@pytest.fixture
def declined(world):
    """A guest's order in shop A whose card was declined; its 402 answer."""
    shop = world.shop_a
    with schema_context(shop.schema_name):
        make_product("Lamp", "20.00", 5)
    client = client_for(shop)
    res = checkout(client, shop, fill_cart(client, shop, ("Lamp", 1)), payment=DECLINED)
    assert res.status_code == 402
    return res.json()


def pay(client, order_id, token, payment=APPROVED):
    return client.post(f"/api/orders/{order_id}/pay/", {"payment": payment}, format="json",
                       HTTP_IDEMPOTENCY_KEY=str(uuid.uuid4()), HTTP_X_ORDER_TOKEN=token)


def test_checkout_answers_carry_an_order_token_that_opens_and_pays_that_order(world, declined):
    order_id, token = declined["order"]["id"], declined["order_token"]
    assert declined["order"]["order_token"] == token
    fresh = client_for(world.shop_a)  # a new browser: no cart token, not signed in
    assert fresh.get(f"/api/orders/{order_id}/").status_code == 404
    seen = fresh.get(f"/api/orders/{order_id}/", HTTP_X_ORDER_TOKEN=token)
    assert seen.status_code == 200
    assert seen.json()["payment_status"] == "failed"
    paid = pay(fresh, order_id, token)
    assert paid.status_code == 200, paid.content
    assert paid.json()["payment_status"] == "paid"
    again = paid.json()["order_token"]  # a fresh token (its own timestamp) for the same order
    assert fresh.get(f"/api/orders/{order_id}/", HTTP_X_ORDER_TOKEN=again).status_code == 200


def test_an_order_token_is_refused_by_another_shop_for_another_order_and_when_forged(world, declined):
    order_id, token = declined["order"]["id"], declined["order_token"]
    with schema_context(world.shop_b.schema_name):
        make_product("Lamp", "20.00", 5)
    b = client_for(world.shop_b)
    other = checkout(b, world.shop_b, fill_cart(b, world.shop_b, ("Lamp", 1)), payment=DECLINED).json()
    b_id = other["order"]["id"]
    own = client_for(world.shop_b).get(f"/api/orders/{b_id}/", HTTP_X_ORDER_TOKEN=other["order_token"])
    assert own.status_code == 200
    # a genuine shop-A token naming shop B's order id is refused on shop B
    a_token_for_b_id = signing.dumps({"s": world.shop_a.schema_name, "o": b_id}, salt=ORDER_TOKEN_SALT)
    assert client_for(world.shop_b).get(f"/api/orders/{b_id}/", HTTP_X_ORDER_TOKEN=a_token_for_b_id).status_code == 404
    same_id_on_b = signing.dumps({"s": world.shop_b.schema_name, "o": order_id}, salt=ORDER_TOKEN_SALT)
    a = client_for(world.shop_a)
    assert a.get(f"/api/orders/{order_id}/", HTTP_X_ORDER_TOKEN=same_id_on_b).status_code == 404
    another_order = signing.dumps({"s": world.shop_a.schema_name, "o": order_id + 1}, salt=ORDER_TOKEN_SALT)
    assert a.get(f"/api/orders/{order_id}/", HTTP_X_ORDER_TOKEN=another_order).status_code == 404
    unsalted = signing.dumps({"s": world.shop_a.schema_name, "o": order_id})
    assert a.get(f"/api/orders/{order_id}/", HTTP_X_ORDER_TOKEN=unsalted).status_code == 404
    assert a.get(f"/api/orders/{order_id}/", HTTP_X_ORDER_TOKEN=token[:-2] + "xx").status_code == 404
    assert pay(a, order_id, same_id_on_b).status_code == 404
    assert pay(client_for(world.shop_b), order_id, token).status_code == 404


def test_lookup_by_number_and_email_returns_the_order_and_its_token(world, declined):
    client = client_for(world.shop_a)
    number = declined["order"]["number"]
    res = client.post("/api/orders/lookup/", {"number": f"#{number}", "email": "ADA@buyer.test"}, format="json")
    assert res.status_code == 200, res.content
    body = res.json()
    assert body["order"]["id"] == declined["order"]["id"]
    assert body["order"]["lines"][0]["product_title"] == "Lamp"
    assert client.get(f"/api/orders/{body['order']['id']}/", HTTP_X_ORDER_TOKEN=body["order_token"]).status_code == 200


def test_a_wrong_pair_answers_one_404_whatever_was_wrong(world, declined):
    client = client_for(world.shop_a)
    number = declined["order"]["number"]
    answers = [client.post("/api/orders/lookup/", body, format="json") for body in (
        {"number": number, "email": "someone@else.test"},
        {"number": "999999", "email": "ada@buyer.test"},
        {"number": "999999", "email": "nobody@else.test"},
    )]
    assert {a.status_code for a in answers} == {404}
    assert len({a.content for a in answers}) == 1
    # and shop B knows nothing of shop A's orders
    assert client_for(world.shop_b).post("/api/orders/lookup/", {"number": number, "email": "ada@buyer.test"},
                                         format="json").status_code == 404
    assert client.post("/api/orders/lookup/", {"number": number}, format="json").status_code == 400


def test_lookup_is_throttled_per_client_address(world, declined, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {
        **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "order_lookup": "5/min"}}
    client = client_for(world.shop_a)
    codes = [client.post("/api/orders/lookup/", {"number": str(1000 + n), "email": "guess@x.test"},
                         format="json").status_code for n in range(6)]
    assert codes == [404] * 5 + [429]
    # the right pair is refused too once the limit is reached: guessing gains nothing
    right = {"number": declined["order"]["number"], "email": "ada@buyer.test"}
    assert client.post("/api/orders/lookup/", right, format="json").status_code == 429
