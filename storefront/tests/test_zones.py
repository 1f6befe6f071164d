"""Shipping zones and tax by destination, checked at options, quote and checkout; postcodes by country."""
from __future__ import annotations

from decimal import Decimal

import pytest
from django_tenants.utils import schema_context

from conftest import client_for
from storefront.models import Order, ShippingRate, ShippingZone, ShopSettings, TaxRate
from storefront.tests.factories import make_product
from storefront.tests.test_checkout_api import ADDRESS, checkout, fill_cart

pytestmark = pytest.mark.django_db


@pytest.fixture
def zoned(world):
    """GB: Royal Mail (free over 50); Europe (DE, FR, NL): Europe Post; elsewhere: Worldwide.
    Tax: 20% by default (included), DE 19%, FR 5.5% labelled TVA."""
    with schema_context(world.shop_a.schema_name):
        make_product("Mug", "12.00", 9)
        ShippingRate.objects.update(active=False)  # the template's Standard and Express
        world_zone = ShippingZone.objects.get(rest_of_world=True)
        uk = ShippingZone.objects.create(name="UK", countries=["GB"])
        europe = ShippingZone.objects.create(name="Europe", countries=["DE", "FR", "NL"])
        ShippingRate.objects.create(zone=uk, name="Royal Mail", price=Decimal("3.00"), free_over=Decimal("50"))
        ShippingRate.objects.create(zone=europe, name="Europe Post", price=Decimal("8.00"))
        ShippingRate.objects.create(zone=world_zone, name="Worldwide", price=Decimal("15.00"))
        TaxRate.objects.create(country="DE", rate=Decimal("19"))
        TaxRate.objects.create(country="FR", rate=Decimal("5.5"), label="TVA")
    return world.shop_a


def rate_id(shop, name):
    with schema_context(shop.schema_name):
        return ShippingRate.objects.get(name=name).pk


def options(client, country=None, token=None):
    path = "/api/checkout/options/" + (f"?country={country}" if country else "")
    return client.get(path, **({"HTTP_X_CART_TOKEN": token} if token else {}))


def test_options_offer_the_destinations_rates_and_tax(zoned):
    client = client_for(zoned)
    by_country = {c: options(client, c).json() for c in ("GB", "de", "FR", "US")}
    assert [r["name"] for r in by_country["GB"]["shipping_rates"]] == ["Royal Mail"]
    assert [r["name"] for r in by_country["de"]["shipping_rates"]] == ["Europe Post"]
    assert [r["name"] for r in by_country["US"]["shipping_rates"]] == ["Worldwide"]
    assert by_country["GB"]["tax"] == {"rate": "20.00", "included": True, "label": "VAT"}
    assert by_country["de"]["tax"] == {"rate": "19.00", "included": True, "label": "VAT"}
    assert by_country["FR"]["tax"] == {"rate": "5.50", "included": True, "label": "TVA"}
    assert by_country["de"]["country"] == "DE"
    assert all(o["delivers"] for o in by_country.values())
    bad = options(client, "XX")
    assert bad.status_code == 400
    assert "country" in bad.json()["error"]["fields"]


def test_without_a_rest_of_world_zone_the_shop_does_not_deliver_there(zoned):
    with schema_context(zoned.schema_name):
        ShippingZone.objects.filter(rest_of_world=True).delete()
    answer = options(client_for(zoned), "US").json()
    assert (answer["delivers"], answer["shipping_rates"]) == (False, [])


def test_quote_and_checkout_refuse_a_rate_not_offered_to_the_destination(zoned):
    client = client_for(zoned)
    token = fill_cart(client, zoned, ("Mug", 1))
    quote = client.post("/api/checkout/quote/", {"shipping_rate_id": rate_id(zoned, "Royal Mail"), "country": "DE"},
                        format="json", HTTP_X_CART_TOKEN=token)
    assert quote.status_code == 400
    assert quote.json()["error"]["code"] == "shipping_unavailable"
    assert "Germany" in quote.json()["error"]["fields"]["shipping_rate_id"][0]
    res = checkout(client, zoned, token, shipping_rate_id=rate_id(zoned, "Royal Mail"),
                   shipping_address={**ADDRESS, "country": "DE", "postcode": "10115", "city": "Berlin"})
    assert res.status_code == 400
    assert res.json()["error"]["code"] == "shipping_unavailable"
    with schema_context(zoned.schema_name):
        assert not Order.objects.exists()


def test_tax_follows_the_destination_at_quote_and_checkout(zoned):
    client = client_for(zoned)
    token = fill_cart(client, zoned, ("Mug", 2))  # 24.00, tax included
    quote = client.post("/api/checkout/quote/", {"shipping_rate_id": rate_id(zoned, "Europe Post"), "country": "DE"},
                        format="json", HTTP_X_CART_TOKEN=token).json()
    # 24 + 8 = 32.00, of which 19% VAT: 32 * 19 / 119 = 5.11
    assert (quote["shipping_total"], quote["tax_total"], quote["total"]) == ("8.00", "5.11", "32.00")
    res = checkout(client, zoned, token, shipping_rate_id=rate_id(zoned, "Europe Post"),
                   shipping_address={**ADDRESS, "country": "DE", "postcode": "10115", "city": "Berlin"})
    assert res.status_code == 201, res.content
    assert (res.json()["tax_total"], res.json()["total"], res.json()["shipping_method"]) == (
        "5.11", "32.00", "Europe Post")


def test_tax_added_on_top_uses_the_destinations_rate(zoned):
    with schema_context(zoned.schema_name):
        ShopSettings.objects.filter(pk=1).update(prices_include_tax=False)
    client = client_for(zoned)
    token = fill_cart(client, zoned, ("Mug", 1))
    quote = client.post("/api/checkout/quote/", {"shipping_rate_id": rate_id(zoned, "Europe Post"), "country": "FR"},
                        format="json", HTTP_X_CART_TOKEN=token).json()
    assert (quote["tax_total"], quote["total"]) == ("1.10", "21.10")  # 5.5% of 20.00


@pytest.mark.parametrize(("country", "good", "bad"), [
    ("GB", "sw1a 1aa", "12345"), ("US", "94103-1234", "9410"), ("DE", "10115", "1011"), ("FR", "75001", "7500A"),
    ("NL", "1012 ab", "1012"), ("JP", "100-0001", "1000-01"), ("CA", "K1A 0B1", "K1A 0B"), ("AU", "2000", "20000"),
])
def test_the_postcode_must_fit_its_country(zoned, country, good, bad):
    client = client_for(zoned)
    token = fill_cart(client, zoned, ("Mug", 1))
    wrong = checkout(client, zoned, token, shipping_rate_id=rate_id(zoned, "Worldwide") if country not in
                     ("GB", "DE", "FR", "NL") else rate_id(zoned, "Royal Mail" if country == "GB" else "Europe Post"),
                     shipping_address={**ADDRESS, "country": country, "postcode": bad})
    assert wrong.status_code == 400
    assert "shipping_address.postcode" in wrong.json()["error"]["fields"]
    ok = checkout(client, zoned, token, shipping_rate_id=rate_id(zoned, "Worldwide") if country not in
                  ("GB", "DE", "FR", "NL") else rate_id(zoned, "Royal Mail" if country == "GB" else "Europe Post"),
                  shipping_address={**ADDRESS, "country": country, "postcode": good})
    assert ok.status_code == 201, ok.content
    assert ok.json()["shipping_address"]["postcode"] == good.upper()


def test_countries_without_postcodes_need_none_and_others_get_the_permissive_check(zoned):
    client = client_for(zoned)
    token = fill_cart(client, zoned, ("Mug", 2))
    worldwide = rate_id(zoned, "Worldwide")
    hong_kong = checkout(client, zoned, token, shipping_rate_id=worldwide,
                         shipping_address={**ADDRESS, "country": "HK", "postcode": ""})
    assert hong_kong.status_code == 201, hong_kong.content
    missing = checkout(client, zoned, None, shipping_rate_id=worldwide,
                       shipping_address={**ADDRESS, "country": "GB", "postcode": ""})
    assert "shipping_address.postcode" in missing.json()["error"]["fields"]
