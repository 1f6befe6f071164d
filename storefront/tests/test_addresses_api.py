"""The signed-in shopper's address book."""
from __future__ import annotations

import pytest
from django_tenants.utils import schema_context

from conftest import client_for
from saas.accounts.models import Role, User
from storefront.models import Address
from storefront.tests.factories import make_product
from storefront.tests.test_checkout_api import ADDRESS, checkout, fill_cart

pytestmark = pytest.mark.django_db

HOME = {**ADDRESS, "label": "Home", "phone": "+44 20 7946 0000"}
WORK = {"label": "Work", "full_name": "Ada Buyer", "line1": "2 Office Rd", "city": "Leeds", "postcode": "LS1 4AP",
        "country": "gb"}


def book(client):
    res = client.get("/api/account/addresses/")
    assert res.status_code == 200
    return res.json()


def test_the_first_address_is_the_default_and_setting_another_unsets_it(world):
    client = client_for(world.shop_a, world.customer_a)
    home = client.post("/api/account/addresses/", HOME, format="json")
    assert home.status_code == 201, home.content
    assert home.json()["is_default"] is True
    assert home.json()["country"] == "GB"
    work = client.post("/api/account/addresses/", WORK, format="json").json()
    assert work["is_default"] is False
    changed = client.patch(f"/api/account/addresses/{work['id']}/", {"is_default": True, "line2": "Floor 3"},
                           format="json")
    assert changed.status_code == 200
    assert (changed.json()["is_default"], changed.json()["line2"], changed.json()["city"]) == (True, "Floor 3", "Leeds")
    listed = book(client)
    assert [(a["label"], a["is_default"]) for a in listed] == [("Work", True), ("Home", False)]
    assert set(listed[0]) == {"id", "label", "full_name", "line1", "line2", "city", "postcode", "country", "phone",
                              "is_default"}
    # deleting the default makes the remaining one the default
    assert client.delete(f"/api/account/addresses/{work['id']}/").status_code == 204
    assert [(a["label"], a["is_default"]) for a in book(client)] == [("Home", True)]


@pytest.mark.parametrize(("change", "field"), [
    ({"postcode": "!!"}, "postcode"), ({"country": "XX"}, "country"), ({"line1": ""}, "line1"),
    ({"label": "x" * 41}, "label"), ({"phone": "call me"}, "phone"), ({"full_name": ""}, "full_name"),
])
def test_addresses_are_validated_like_checkout(world, change, field):
    client = client_for(world.shop_a, world.customer_a)
    res = client.post("/api/account/addresses/", {**HOME, **change}, format="json")
    assert res.status_code == 400
    assert field in res.json()["error"]["fields"]
    assert book(client) == []


def test_shoppers_see_and_change_only_their_own_addresses(world):
    with schema_context(world.shop_a.schema_name):
        other = User.objects.create_user("other@alpha.test", "correct-horse-battery-staple", role=Role.CUSTOMER)
    mine = client_for(world.shop_a, world.customer_a)
    theirs = client_for(world.shop_a, other)
    address = mine.post("/api/account/addresses/", HOME, format="json").json()
    assert book(theirs) == []
    assert theirs.patch(f"/api/account/addresses/{address['id']}/", {"city": "Paris"}, format="json").status_code == 404
    assert theirs.delete(f"/api/account/addresses/{address['id']}/").status_code == 404
    # shop B's customer has the same user id as shop A's: its token is refused outright
    foreign = client_for(world.shop_a)
    from conftest import token_for

    foreign.credentials(HTTP_AUTHORIZATION=f"Bearer {token_for(world.shop_b, world.customer_b)['access']}")
    assert foreign.get("/api/account/addresses/").status_code == 401
    assert client_for(world.shop_a).get("/api/account/addresses/").status_code == 401
    assert client_for(world.shop_b, world.customer_b).get("/api/account/addresses/").json() == []
    assert [a["city"] for a in book(mine)] == ["London"]


def test_an_address_book_holds_at_most_twenty(world, settings):
    settings.MAX_ADDRESSES = 20
    client = client_for(world.shop_a, world.customer_a)
    for n in range(20):
        assert client.post("/api/account/addresses/", {**WORK, "line1": f"{n} Road"}, format="json").status_code == 201
    res = client.post("/api/account/addresses/", WORK, format="json")
    assert res.status_code == 400
    assert res.json()["error"]["code"] == "too_many_addresses"
    with schema_context(world.shop_a.schema_name):
        assert Address.objects.filter(user=world.customer_a, is_default=True).count() == 1


def test_checkout_can_save_the_shipping_address_once(world):
    shop = world.shop_a
    with schema_context(shop.schema_name):
        make_product("Lamp", "20.00", 5)
    client = client_for(shop, world.customer_a)
    for _ in range(2):
        fill_cart(client, shop, ("Lamp", 1))
        assert checkout(client, shop, None, save_address=True).status_code == 201
    saved = book(client)
    assert [(a["line1"], a["postcode"], a["country"], a["is_default"]) for a in saved] == [
        ("1 High St", "N1 9GU", "GB", True)]
    # a guest's save_address is ignored (there is no book to save to)
    guest = client_for(shop)
    assert checkout(guest, shop, fill_cart(guest, shop, ("Lamp", 1)), save_address=True).status_code == 201
