"""The database backend sends `SET search_path` only when the path changes (saas/db)."""
from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from storefront.models import Product
from storefront.tests.factories import make_product

pytestmark = pytest.mark.django_db(transaction=True)


def sets_during(block) -> int:
    with CaptureQueriesContext(connection) as ctx:
        block()
    return sum(q["sql"].startswith("SET search_path") for q in ctx.captured_queries)


def request_in(shop) -> tuple[int, list[str]]:
    """(SETs sent, titles read) for one request's worth of tenant switching and a read."""
    titles: list[str] = []

    def run():
        connection.set_schema_to_public()  # what the shop middleware does around each request
        connection.set_tenant(shop)
        titles.extend(Product.objects.values_list("title", flat=True))
    return sets_during(run), titles


def test_an_unchanged_path_is_not_sent_again_and_a_changed_one_always_is(world):
    a, b = world.shop_a, world.shop_b
    connection.close()  # start from a new session: what earlier tests left on the server is not this test's
    connection.set_tenant(a)
    make_product("Alpha lamp")
    connection.set_tenant(b)
    make_product("Bravo cup")

    assert request_in(a) == (1, ["Alpha lamp"])
    assert request_in(a) == (0, ["Alpha lamp"])
    assert request_in(b) == (1, ["Bravo cup"])

    def read_then_fail():
        with transaction.atomic():
            connection.set_tenant(a)
            list(Product.objects.all())
            raise RuntimeError

    def rolled_back():  # a SET inside a transaction that rolls back is undone on the server
        with pytest.raises(RuntimeError):
            read_then_fail()
    assert sets_during(rolled_back) == 1
    # the server is back on b's path: reading a must set it again, not trust the undone SET
    assert request_in(a) == (1, ["Alpha lamp"])
    connection.close()
    assert request_in(a) == (1, ["Alpha lamp"])
    connection.set_schema_to_public()
