"""Shared test fixtures. Tests run against the real PostgreSQL and Redis that `make test` starts.

Three shops are provisioned once per session (through the real provisioning path, committed),
so tests run in rolled-back transactions against them without cloning schemas every time:
  alpha and bravo (active), charlie (suspended), all on the Pro plan, each with an owner (id 1)
  and a customer (id 2), so that user ids collide across shops exactly as they do in production."""
from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.db import connection
from django_tenants.utils import schema_context
from rest_framework.test import APIClient

from saas.accounts.models import Role, User
from saas.accounts.services import tokens_for_user
from saas.kernel.tenancy import tenant_connection
from tenants.models import Shop

PASSWORD = "correct-horse-battery-staple"


@dataclass
class World:
    admin: User
    merchant_a: User
    merchant_b: User
    shop_a: Shop
    shop_b: Shop
    shop_c: Shop
    customer_a: User
    customer_b: User
    owner_a: User
    owner_b: User


def _build_world() -> None:
    from tenants.models import Plan
    from tenants.services import shop_create, shop_suspend

    User.objects.create_user("admin@platform.test", PASSWORD, role=Role.PLATFORM_ADMIN)
    merchant_a = User.objects.create_user("merchant-a@platform.test", PASSWORD, role=Role.MERCHANT)
    merchant_b = User.objects.create_user("merchant-b@platform.test", PASSWORD, role=Role.MERCHANT)
    for owner, name, sub in [(merchant_a, "Alpha", "alpha"), (merchant_b, "Bravo", "bravo"),
                             (merchant_b, "Charlie", "charlie")]:
        # on Pro, so that no plan limit gets in the way of tests about something else
        shop = shop_create(owner=owner, name=name, subdomain=sub, plan=Plan.objects.get(code="pro"))
        with schema_context(shop.schema_name):
            User.objects.create_user(f"customer@{sub}.test", PASSWORD, role=Role.CUSTOMER, full_name=f"{name} buyer")
    shop_suspend(shop=Shop.objects.get(subdomain="charlie"), reason="Unpaid invoices")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        name = connection.settings_dict["NAME"]
        # pytest-django sets up only the databases the collected tests ask for: refuse to seed
        # anything but a test database.
        assert name.startswith("test_"), f"refusing to load test data into {name!r}"
        cache.clear()
        _build_world()
        tenant_connection().set_schema_to_public()
    return


@pytest.fixture(scope="session")
def world(django_db_setup, django_db_blocker) -> World:
    with django_db_blocker.unblock():
        tenant_connection().set_schema_to_public()
        shops = {s.subdomain: s for s in Shop.objects.select_related("plan")}

        def in_shop(shop: Shop, email: str) -> User:
            with schema_context(shop.schema_name):
                return User.objects.get(email=email)

        return World(
            admin=User.objects.get(email="admin@platform.test"),
            merchant_a=User.objects.get(email="merchant-a@platform.test"),
            merchant_b=User.objects.get(email="merchant-b@platform.test"),
            shop_a=shops["alpha"], shop_b=shops["bravo"], shop_c=shops["charlie"],
            customer_a=in_shop(shops["alpha"], "customer@alpha.test"),
            customer_b=in_shop(shops["bravo"], "customer@bravo.test"),
            owner_a=in_shop(shops["alpha"], "merchant-a@platform.test"),
            owner_b=in_shop(shops["bravo"], "merchant-b@platform.test"),
        )


@pytest.fixture(autouse=True)
def _public_schema_and_clean_cache():
    """Each test starts and ends on the public schema with an empty cache: a rolled-back
    suspension must not survive in the host cache."""
    tenant_connection().set_schema_to_public()
    yield
    tenant_connection().set_schema_to_public()
    cache.clear()


def host_of(shop: Shop | None) -> str:
    return "localhost" if shop is None else f"{shop.subdomain}.localhost"


def client_for(shop: Shop | None = None, user: User | None = None) -> APIClient:
    """An API client on a shop's host (or the platform's), signed in as `user` if given.
    The token is minted in the schema where `user` lives (shop or platform)."""
    client = APIClient(HTTP_HOST=host_of(shop))
    if user is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {token_for(shop, user)['access']}")
    return client


def token_for(shop: Shop | None, user: User) -> dict[str, str]:
    with schema_context(shop.schema_name if shop else "public"):
        return tokens_for_user(user=user)


@pytest.fixture
def platform(db) -> APIClient:
    return client_for(None)


class QueryCounter:
    """Counts the SQL a block runs, leaving out the `SET search_path` the tenancy layer issues
    when the schema changes (cheap, and not a lookup)."""

    def __init__(self):
        from django.test.utils import CaptureQueriesContext

        self._ctx = CaptureQueriesContext(connection)

    def __enter__(self):
        self._ctx.__enter__()
        return self

    def __exit__(self, *exc):
        self._ctx.__exit__(*exc)

    @property
    def queries(self) -> list[str]:
        return [q["sql"] for q in self._ctx.captured_queries if not q["sql"].startswith("SET search_path")]

    @property
    def count(self) -> int:
        return len(self.queries)


@pytest.fixture
def count_queries():
    return QueryCounter
