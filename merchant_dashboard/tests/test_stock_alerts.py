"""The low-stock threshold the dashboard's "Stock alerts" screen sets: who may, what is refused
(by the field), and what it changes."""
from __future__ import annotations

import pytest
from django_tenants.utils import schema_context

from conftest import PASSWORD, client_for, token_for
from saas.accounts.models import Role, User
from saas.kernel.events import captured
from storefront import events
from storefront.models import ShopSettings
from storefront.services import stock_low_announce
from storefront.tests.factories import make_product

pytestmark = pytest.mark.django_db


def put(client, **changes):
    current = client.get("/api/dashboard/settings/").json()
    return client.put("/api/dashboard/settings/", {**current, **changes}, format="json")


def test_the_owner_sets_the_threshold_and_low_stock_follows_it(world, django_capture_on_commit_callbacks):
    owner = client_for(world.shop_a, world.owner_a)
    assert owner.get("/api/dashboard/settings/").json()["low_stock_threshold"] == 5
    res = put(owner, low_stock_threshold=12)
    assert res.status_code == 200, res.content
    assert res.json()["low_stock_threshold"] == 12
    # a save of the tax screen, which does not send the field, keeps it
    assert owner.put("/api/dashboard/settings/", {"tax_rate": "20.00", "prices_include_tax": True,
                                                  "tax_label": "VAT"}, format="json").status_code == 200
    with schema_context(world.shop_a.schema_name):
        assert ShopSettings.load().low_stock_threshold == 12
        variant = make_product("Lamp", "10.00", 10).variants.get()
        variant.stock = 12
        with captured() as published, django_capture_on_commit_callbacks(execute=True):
            stock_low_announce(changes=[(variant, 20)])  # 20 -> 12: falls to the threshold
        assert [(type(e), e.stock) for e in published] == [(events.StockLow, 12)]
    with schema_context(world.shop_b.schema_name):  # the other shop keeps its own
        assert ShopSettings.load().low_stock_threshold == 5


@pytest.mark.parametrize("value", [-1, "many", 2.5, 10_000_001, None])
def test_a_bad_threshold_is_refused_by_the_field(world, value):
    res = put(client_for(world.shop_a, world.owner_a), low_stock_threshold=value)
    assert res.status_code == 400
    assert set(res.json()["error"]["fields"]) == {"low_stock_threshold"}


def test_only_those_who_manage_settings_may_change_it(world):
    with schema_context(world.shop_a.schema_name):
        support = User.objects.create_user("stock-support@alpha.test", PASSWORD, role=Role.SUPPORT)
    assert client_for(world.shop_a, support).put("/api/dashboard/settings/", {"low_stock_threshold": 1},
                                                 format="json").status_code == 403
    assert client_for(world.shop_a, world.customer_a).get("/api/dashboard/settings/").status_code == 403
    bravo_token_on_alpha = client_for(world.shop_a)
    bravo_token_on_alpha.credentials(HTTP_AUTHORIZATION=f"Bearer {token_for(world.shop_b, world.owner_b)['access']}")
    assert bravo_token_on_alpha.get("/api/dashboard/settings/").status_code == 401
