from __future__ import annotations

import pytest
from django_tenants.utils import schema_context

from conftest import PASSWORD, client_for
from storefront.tests.factories import make_product

pytestmark = pytest.mark.django_db


@pytest.fixture
def goods(world):
    with schema_context(world.shop_a.schema_name):
        mug = make_product("Mug", "10.00", 5).variants.get()
        jug = make_product("Jug", "4.50", 2).variants.get()
    return mug, jug


def add(client, variant_id, quantity=1, token=None):
    headers = {"HTTP_X_CART_TOKEN": token} if token else {}
    return client.post("/api/cart/lines/", {"variant_id": variant_id, "quantity": quantity}, format="json", **headers)


def test_guest_cart_lives_by_its_token(world, goods):
    mug, jug = goods
    client = client_for(world.shop_a)
    assert client.get("/api/cart/").json()["lines"] == []
    first = add(client, mug.pk, 2)
    assert first.status_code == 201
    token = first.json()["token"]
    cart = add(client, jug.pk, 1, token).json()
    assert cart["token"] == token
    assert cart["item_count"] == 3
    assert cart["subtotal"] == "24.50"
    assert [(line["product_title"], line["quantity"], line["line_total"]) for line in cart["lines"]] == [
        ("Mug", 2, "20.00"), ("Jug", 1, "4.50")]
    # another visitor without the token sees nothing
    assert client.get("/api/cart/").json()["item_count"] == 0
    assert client.get("/api/cart/", HTTP_X_CART_TOKEN=token).json()["item_count"] == 3


def test_quantities_are_checked(world, goods):
    mug, jug = goods
    client = client_for(world.shop_a)
    token = add(client, mug.pk, 1).json()["token"]
    for bad in (0, -1, 1000, "two"):
        res = add(client, mug.pk, bad, token)
        assert res.status_code == 400, bad
        assert "quantity" in res.json()["error"]["fields"]
    res = add(client, jug.pk, 3, token)
    assert res.status_code == 409
    assert res.json()["error"]["code"] == "out_of_stock"
    assert add(client, 999999, 1, token).status_code == 404
    line = client.get("/api/cart/", HTTP_X_CART_TOKEN=token).json()["lines"][0]["id"]
    res = client.patch(f"/api/cart/lines/{line}/", {"quantity": 6}, format="json", HTTP_X_CART_TOKEN=token)
    assert res.status_code == 409
    res = client.patch(f"/api/cart/lines/{line}/", {"quantity": 4}, format="json", HTTP_X_CART_TOKEN=token)
    assert res.json()["item_count"] == 4
    res = client.delete(f"/api/cart/lines/{line}/", HTTP_X_CART_TOKEN=token)
    assert res.json()["item_count"] == 0


def test_client_cannot_set_prices(world, goods):
    mug, _ = goods
    client = client_for(world.shop_a)
    res = client.post("/api/cart/lines/", {"variant_id": mug.pk, "quantity": 1, "unit_price": "0.01",
                                           "price": "0.01"}, format="json")
    assert res.json()["subtotal"] == "10.00"


def test_guest_cart_survives_sign_up_and_merges_with_the_accounts_cart(world, goods):
    mug, jug = goods
    guest = client_for(world.shop_a)
    token = add(guest, mug.pk, 2).json()["token"]
    # the customer already had a cart with one mug and one jug
    customer = client_for(world.shop_a, world.customer_a)
    add(customer, mug.pk, 1)
    add(customer, jug.pk, 1)
    merged = customer.post("/api/cart/merge/", {"token": token}, format="json").json()
    assert {line["product_title"]: line["quantity"] for line in merged["lines"]} == {"Mug": 3, "Jug": 1}
    assert merged["token"] is None
    assert guest.get("/api/cart/", HTTP_X_CART_TOKEN=token).json()["item_count"] == 0

    # a brand-new account keeps the guest cart too
    token = add(guest, jug.pk, 1).json()["token"]
    signup = guest.post("/api/auth/signup/", {"email": "new@buyer.test", "password": PASSWORD}, format="json")
    fresh = client_for(world.shop_a)
    fresh.credentials(HTTP_AUTHORIZATION=f"Bearer {signup.json()['access']}")
    assert fresh.post("/api/cart/merge/", {"token": token}, format="json").json()["item_count"] == 1


def test_another_shops_cart_token_finds_nothing(world, goods):
    mug, _ = goods
    token = add(client_for(world.shop_a), mug.pk, 1).json()["token"]
    assert client_for(world.shop_b).get("/api/cart/", HTTP_X_CART_TOKEN=token).json()["item_count"] == 0
    assert client_for(world.shop_a).get("/api/cart/", HTTP_X_CART_TOKEN="not-a-uuid").json()["item_count"] == 0


def test_abandoned_guest_carts_are_purged_but_accounts_keep_theirs(world, goods):
    from datetime import timedelta

    from django.utils import timezone

    from storefront.cart import guest_carts_purge
    from storefront.models import Cart

    mug, _ = goods
    old_token = add(client_for(world.shop_a), mug.pk, 1).json()["token"]
    used_token = add(client_for(world.shop_a), mug.pk, 1).json()["token"]
    add(client_for(world.shop_a, world.customer_a), mug.pk, 1)
    with schema_context(world.shop_a.schema_name):
        Cart.objects.update(updated_at=timezone.now() - timedelta(days=40))
    # a guest who comes back keeps the cart: adding to it marks it as used
    add(client_for(world.shop_a), mug.pk, 1, used_token)
    with schema_context(world.shop_a.schema_name):
        assert guest_carts_purge(older_than=timedelta(days=30)) == 1
        assert Cart.objects.filter(token=used_token).exists()
        assert not Cart.objects.filter(token=old_token).exists()
        assert Cart.objects.filter(user__isnull=False).count() == 1
        assert Cart.objects.filter(user__isnull=True).count() == 1
