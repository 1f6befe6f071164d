"""The bulk form of product_create: the same rules, a fixed number of queries per batch, one
announcement per batch."""
from __future__ import annotations

from decimal import Decimal

import pytest
from django_tenants.utils import schema_context

from saas.kernel.events import captured
from storefront.models import Product, ProductVariant
from storefront.services import BulkProduct, products_bulk_write
from storefront.tests.factories import make_product, shop_settings

pytestmark = pytest.mark.django_db


@pytest.fixture
def shop(world):
    with schema_context(world.shop_a.schema_name):
        yield world.shop_a


def batch(n: int, tag: str, **variant) -> list[BulkProduct]:
    return [BulkProduct(slug=f"{tag} {i}", title=f"{tag.title()} {i}", category=f"Cat {i % 3}", ref=i,
                        variants=[{"sku": f"{tag}-{i}-{size}", "options": {"Size": size}, "ref": i,
                                   "price": Decimal("4.50") + i, "stock": 7, **variant} for size in ("S", "M")])
            for i in range(n)]


def test_a_batch_costs_the_same_queries_whatever_its_size(shop, count_queries):
    with count_queries() as small:
        products_bulk_write(items=batch(5, "small"))
    with count_queries() as large:
        products_bulk_write(items=batch(200, "large"))
    assert large.count <= small.count + 3, (small.queries, large.queries)  # the new categories, at most
    assert Product.objects.filter(slug__startswith="large-").count() == 200


def test_the_rules_of_product_create_hold_row_by_row(shop):
    owner = make_product("Owner")
    taken_sku = owner.variants.get().sku
    items = [*batch(2, "fine"),
             BulkProduct(slug="cheap", title="Cheap", ref="cheap",
                         variants=[{"sku": "NEG", "price": Decimal("-1"), "stock": 1}]),
             BulkProduct(slug="theft", title="Theft", ref="theft",
                         variants=[{"sku": taken_sku, "price": Decimal("1"), "stock": 1, "ref": "stolen"},
                                   {"sku": "THEFT-OWN", "price": Decimal("2"), "stock": 1}]),
             BulkProduct(slug="Fine 0", title="Again", ref="again",
                         variants=[{"sku": "AGAIN", "price": Decimal("1"), "stock": 1}])]
    result = products_bulk_write(items=items)
    assert sorted(result.products) == ["fine 0", "fine 1", "theft"]  # as the items named them
    refs = [ref for ref, _ in result.errors]
    assert refs == ["cheap", "stolen", "again"]
    assert list(Product.objects.get(slug="theft").variants.values_list("sku", flat=True)) == ["THEFT-OWN"]
    assert ProductVariant.objects.get(sku=taken_sku).product_id == owner.pk


def test_an_update_keeps_the_variants_it_does_not_name_and_recomputes_the_listing(
        shop, django_capture_on_commit_callbacks):
    products_bulk_write(items=batch(1, "kept"))
    shop_settings(low_stock_threshold=5)
    changed = BulkProduct(slug="kept-0", title="Kept, renamed", variants=[
        {"sku": "kept-0-S", "options": {"Size": "S"}, "price": Decimal("2.25"), "stock": 1}])
    with captured() as sent, django_capture_on_commit_callbacks(execute=True):
        result = products_bulk_write(items=[changed])
    product = Product.objects.get(slug="kept-0")
    assert (result.created, result.updated, result.variants_updated) == (0, 1, 1)
    assert (product.title, product.min_price, product.total_stock) == ("Kept, renamed", Decimal("2.25"), 8)
    assert sorted(product.variants.values_list("sku", "stock")) == [("kept-0-M", 7), ("kept-0-S", 1)]
    # S fell from 7 to 1, through the threshold of 5
    assert [(e.name, getattr(e, "sku", None)) for e in sent] == [("stock.low", "kept-0-S"), ("product.imported", None)]


def test_a_handle_is_made_a_slug_and_the_result_is_keyed_as_the_caller_named_it(shop):
    handle = "a" * 199 + "-"  # what a 200-character cut of a longer handle can leave
    result = products_bulk_write(items=[BulkProduct(slug=handle, title="Long", variants=[
        {"sku": "LONG", "price": Decimal("1.00"), "stock": 1}])])
    assert result.products[handle].slug == "a" * 199
