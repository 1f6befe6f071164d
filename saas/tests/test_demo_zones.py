"""The demo shops' delivery: domestic, Europe and the rest of the world, with tax by country."""
from __future__ import annotations

import pytest
from django_tenants.utils import schema_context

from conftest import client_for
from saas.management.commands.load_demo import shipping_and_tax

pytestmark = pytest.mark.django_db


def test_demo_zones_answer_each_destination(world):
    with schema_context(world.shop_a.schema_name):
        shipping_and_tax(home="GB", default_tax="0", label="VAT", tax={"GB": "20"}, rates={
            "home": [("Standard", "3.95", "50.00"), ("Express", "9.95", None)],
            "europe": [("Europe tracked", "8.50", "120.00")], "world": [("Worldwide tracked", "14.95", None)]})
    shopper = client_for(world.shop_a)

    def offered(country):
        answer = shopper.get(f"/api/checkout/options/?country={country}").json()
        return [r["name"] for r in answer["shipping_rates"]], answer["tax"]["rate"]

    assert offered("GB") == (["Standard", "Express"], "20.00")
    assert offered("FR") == (["Europe tracked"], "0.00")
    assert offered("JP") == (["Worldwide tracked"], "0.00")
