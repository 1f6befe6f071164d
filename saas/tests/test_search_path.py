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


def test_a_connection_the_server_ended_is_replaced_at_the_next_request_without_a_query_on_healthy_ones(world):
    """The request-start health check asks the socket, not the server: a healthy connection costs
    no `SELECT 1`, and one the server terminated while idle is noticed and replaced."""
    import select

    from django.db import close_old_connections, connections

    def spy() -> list[str]:  # what the health check sends (Django's cursors do not go through execute)
        asked: list[str] = []
        real = connection.connection.execute

        def execute(sql, *args, **kwargs):
            asked.append(sql)
            return real(sql, *args, **kwargs)
        connection.connection.execute = execute
        return asked

    connection.close()
    connection.settings_dict["CONN_HEALTH_CHECKS"] = True
    connection.settings_dict["CONN_MAX_AGE"] = 60
    try:
        connection.set_tenant(world.shop_a)
        before = Product.objects.count()
        pid = connection.connection.info.backend_pid
        asked = spy()
        for _ in range(3):  # three requests on the kept connection
            close_old_connections()
            assert Product.objects.count() == before
        assert asked == []
        assert connection.connection.info.backend_pid == pid

        close_old_connections()  # the request ends; while idle the server ends the session
        other = connections.create_connection("default")
        with other.cursor() as cursor:  # as a restart or an idle timeout would
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
        other.close()
        poll = select.poll()
        poll.register(connection.connection.fileno(), select.POLLIN)
        assert poll.poll(5000)  # its goodbye reaches the socket
        close_old_connections()  # the next request: answered on a new connection, no error
        assert Product.objects.count() == before
        assert connection.connection.info.backend_pid != pid
    finally:
        connection.settings_dict["CONN_HEALTH_CHECKS"] = False
        connection.settings_dict["CONN_MAX_AGE"] = 0
        connection.close()
        connection.set_schema_to_public()
