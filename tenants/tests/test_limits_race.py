"""Two creations racing at a plan's limit, on real PostgreSQL connections that commit: one wins.

Runs outside the test's rolled-back transaction (other connections could not see its rows),
in a shop and a plan of its own, dropped at the end."""
from __future__ import annotations

from decimal import Decimal

import pytest
from django_tenants.utils import schema_context

from saas.kernel.errors import AppError
from saas.kernel.tenancy import tenant_connection
from storefront.tests.test_concurrency import on_own_connection, run_all
from tenants.models import Plan, Shop
from tenants.services import shop_create

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def one_each(world, django_db_blocker):
    with django_db_blocker.unblock():
        def make():
            plan = Plan.objects.create(code="race-one", name="One of each", monthly_price=Decimal("1.00"),
                                       max_products=1, max_staff=2, max_custom_domains=1, sort_order=9)
            return shop_create(owner=world.merchant_a, name="Limit race", subdomain="limit-race", plan=plan)

        shop = on_own_connection(make)
        yield shop

        def drop():
            Shop.objects.get(pk=shop.pk).delete(force_drop=True)
            Plan.objects.filter(code="race-one").delete()

        on_own_connection(drop)


def outcome(fn):
    try:
        fn()
        return "created"
    except AppError as exc:
        return exc.code


def test_two_products_created_at_once_at_the_limit_one_succeeds(one_each):
    from storefront.models import Product
    from storefront.services import product_create

    def create(i: int) -> str:
        tenant_connection().set_tenant(Shop.objects.get(pk=one_each.pk))
        try:
            return outcome(lambda: product_create(title=f"Racer {i}", variants=[
                {"sku": f"RACE-{i}", "price": "1.00", "stock": 1}]))
        finally:
            tenant_connection().set_schema_to_public()

    assert sorted(run_all(2, create)) == ["created", "plan_limit_reached"]

    def count():
        with schema_context(one_each.schema_name):
            return Product.objects.count()

    assert on_own_connection(count) == 1


def test_two_custom_domains_added_at_once_at_the_limit_one_succeeds(one_each):
    from tenants.models import Domain
    from tenants.services import domain_add

    def add(i: int) -> str:
        return outcome(lambda: domain_add(shop=Shop.objects.get(pk=one_each.pk), domain=f"race{i}.example.com"))

    assert sorted(run_all(2, add)) == ["created", "plan_limit_reached"]
    assert on_own_connection(lambda: Domain.objects.filter(tenant_id=one_each.pk, is_primary=False).count()) == 1
