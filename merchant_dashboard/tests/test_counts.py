"""One definition per count: the shop's dashboard and the platform's admin console say the same
number of products (archived ones left out), customers and staff (every shop role)."""
from __future__ import annotations

import pytest
from django_tenants.utils import schema_context

from conftest import client_for
from saas.accounts.models import Role
from saas.accounts.tests.factories import StaffFactory
from storefront.tests.factories import make_product

pytestmark = pytest.mark.django_db


def test_dashboard_and_admin_console_count_alike(world):
    with schema_context(world.shop_a.schema_name):
        make_product("On sale")
        make_product("Not yet", status="draft")
        make_product("Gone", status="archived")
        for role in (Role.MANAGER, Role.STAFF, Role.SUPPORT):
            StaffFactory(role=role)
    dashboard = client_for(world.shop_a, world.owner_a).get("/api/dashboard/overview/").json()["counts"]
    assert dashboard == {"products": 2, "customers": 1, "staff": 4}  # the owner and three members
    admin = client_for(None, world.admin).get("/api/platform/admin/shops/", {"search": "alpha"}).json()
    usage = next(row["usage"] for row in admin["results"] if row["subdomain"] == "alpha")
    assert {name: usage[name] for name in dashboard} == dashboard
