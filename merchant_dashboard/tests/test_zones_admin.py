"""Staff manage shipping zones, their rates and tax rates by country."""
from __future__ import annotations

import pytest

from conftest import client_for, token_for

pytestmark = pytest.mark.django_db


def test_zones_rates_and_tax_rates_end_to_end(world):
    staff = client_for(world.shop_a, world.owner_a)
    zones = staff.get("/api/dashboard/shipping-zones/").json()
    assert [(z["name"], z["rest_of_world"]) for z in zones] == [("Rest of world", True)]
    europe = staff.post("/api/dashboard/shipping-zones/", {"name": "Europe", "countries": ["de", "FR", "fr"]},
                        format="json")
    assert europe.status_code == 201, europe.content
    assert europe.json()["countries"] == ["DE", "FR"]
    clash = staff.post("/api/dashboard/shipping-zones/", {"name": "Germany", "countries": ["DE"]}, format="json")
    assert clash.status_code == 400
    assert "Europe" in clash.json()["error"]["fields"]["countries"][0]
    assert staff.post("/api/dashboard/shipping-zones/", {"name": "Nowhere", "countries": ["ZZ"]},
                      format="json").status_code == 400
    assert staff.post("/api/dashboard/shipping-zones/", {"name": "Empty", "countries": []},
                      format="json").status_code == 400
    assert staff.post("/api/dashboard/shipping-zones/", {"name": "Second world", "rest_of_world": True},
                      format="json").status_code == 400

    rate = staff.post("/api/dashboard/shipping-rates/", {"name": "DHL", "price": "9.00",
                                                         "zone_id": europe.json()["id"]}, format="json")
    assert rate.status_code == 201
    assert rate.json()["zone_id"] == europe.json()["id"]
    shopper = client_for(world.shop_a)
    assert [r["name"] for r in shopper.get("/api/checkout/options/?country=DE").json()["shipping_rates"]] == ["DHL"]
    assert "DHL" not in [r["name"] for r in shopper.get("/api/checkout/options/?country=GB").json()["shipping_rates"]]
    # a rate made without a zone is offered where no zone names the country, as before zones
    plain = staff.post("/api/dashboard/shipping-rates/", {"name": "Post", "price": "2.00"}, format="json").json()
    assert plain["zone_id"] == zones[0]["id"]

    moved = staff.patch(f"/api/dashboard/shipping-zones/{europe.json()['id']}/", {"countries": ["NL"]}, format="json")
    assert moved.json()["countries"] == ["NL"]
    assert "DHL" not in [r["name"] for r in shopper.get("/api/checkout/options/?country=DE").json()["shipping_rates"]]

    tax = staff.post("/api/dashboard/tax-rates/", {"country": "nl", "rate": "21", "label": "BTW"}, format="json")
    assert tax.status_code == 201
    assert tax.json()["country"] == "NL"
    assert staff.post("/api/dashboard/tax-rates/", {"country": "NL", "rate": "9"}, format="json").status_code == 400
    assert staff.post("/api/dashboard/tax-rates/", {"country": "DE", "rate": "101"}, format="json").status_code == 400
    assert shopper.get("/api/checkout/options/?country=NL").json()["tax"]["label"] == "BTW"
    assert staff.delete(f"/api/dashboard/tax-rates/{tax.json()['id']}/").status_code == 204
    assert shopper.get("/api/checkout/options/?country=NL").json()["tax"]["rate"] == "20.00"

    assert staff.delete(f"/api/dashboard/shipping-zones/{europe.json()['id']}/").status_code == 204
    names = [r["name"] for r in staff.get("/api/dashboard/shipping-rates/").json()]
    assert "DHL" not in names  # a zone's rates go with it


def test_another_shops_staff_and_shoppers_are_refused(world):
    foreign = client_for(world.shop_a)
    foreign.credentials(HTTP_AUTHORIZATION=f"Bearer {token_for(world.shop_b, world.owner_b)['access']}")
    for client in (client_for(world.shop_a), client_for(world.shop_a, world.customer_a), foreign):
        for path in ("/api/dashboard/shipping-zones/", "/api/dashboard/tax-rates/"):
            assert client.get(path).status_code in (401, 403)
            assert client.post(path, {"name": "X", "countries": ["GB"]}, format="json").status_code in (401, 403)
