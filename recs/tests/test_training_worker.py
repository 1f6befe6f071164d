"""The training task on a real Celery worker over Redis, in the schema of the shop that queued it."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import pytest
from django.db import connection
from django_tenants.utils import schema_context

from recs.models import ModelVersion
from recs.tasks import train_model
from saas.kernel.tenancy import tenant_connection
from saas.tests.test_celery_worker import worker  # noqa: F401 - the worker fixture
from storefront.models import Order, OrderLine, Product

pytestmark = pytest.mark.django_db


def on_own_connection(schema: str, fn):
    """Committed, so the worker (another process) sees it; the test's transaction would not be."""
    def call():
        try:
            with schema_context(schema):
                return fn()
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(call).result()


def test_training_runs_on_the_worker_in_the_shops_schema(world, worker):  # noqa: F811
    from storefront.tests.factories import make_product

    schema = world.shop_a.schema_name

    def seed() -> tuple[int, list[int]]:
        ids = [make_product(f"Worker item {i}", "3.00", 9).pk for i in range(4)]
        for n in range(12):
            order = Order.objects.create(number=f"W{n}", email=f"w{n}@x.test", currency="EUR",
                                         subtotal=Decimal("6"), total=Decimal("6"))
            pair = ids[:2] if n % 2 else ids[2:]
            OrderLine.objects.bulk_create(OrderLine(order=order, product_id=pid, product_slug="s", product_title="t",
                                                    sku="s", unit_price=Decimal("3"), quantity=1,
                                                    line_total=Decimal("3")) for pid in pair)
        return ModelVersion.objects.create(trigger="manual").pk, ids

    version_id, ids = on_own_connection(schema, seed)
    try:
        tenant_connection().set_tenant(world.shop_a)
        result = train_model.delay(version_id)
        tenant_connection().set_schema_to_public()
        assert result.get(timeout=120) == {"version": version_id, "status": "done", "promoted": True}
        row = on_own_connection(schema, lambda: ModelVersion.objects.values(
            "status", "is_current", "events_count", "products_count", "nbytes").get(pk=version_id))
        assert row["status"] == "done"
        assert row["is_current"]
        assert row["events_count"] == 24
        assert row["products_count"] >= 4
        assert row["nbytes"] > 0
        assert not on_own_connection(world.shop_b.schema_name, lambda: ModelVersion.objects.exists())
    finally:
        def clean():
            ModelVersion.objects.filter(pk=version_id).delete()
            Order.objects.filter(number__startswith="W").delete()
            Product.objects.filter(pk__in=ids).delete()
        on_own_connection(schema, clean)
