"""The title words a typo is corrected to: kept by the product table's triggers whatever writes
the products, in the shop that wrote them, and what search corrects typos from."""
from __future__ import annotations

import uuid

import pytest
from django.db import connection
from django_tenants.utils import schema_context

from conftest import client_for
from storefront import selectors, services
from storefront.models import Product, ProductStatus, TitleWord
from tenants.models import Plan
from tenants.services import shop_create

pytestmark = pytest.mark.django_db



def variant() -> list[dict]:
    return [{"sku": uuid.uuid4().hex[:12], "price": "4.00", "stock": 3}]


def words() -> set[str]:
    return set(TitleWord.objects.values_list("word", flat=True))


def test_an_active_products_title_words_are_kept_and_a_drafts_are_not(world):
    with schema_context(world.shop_a.schema_name):
        services.product_create(title="Quilted Saddlebag, 2024 edition", variants=variant())
        services.product_create(title="Unreleased Moonstone", variants=variant(), status=ProductStatus.DRAFT)
        kept = words()
        # four letters or more, lower-cased, split at punctuation; no numbers, no short words
        assert {"quilted", "saddlebag", "edition"} <= kept
        assert not {"2024", "quilted saddlebag", "Quilted"} & kept
        assert not {"unreleased", "moonstone"} & kept


def test_a_changed_title_or_a_product_made_active_adds_its_words(world):
    with schema_context(world.shop_a.schema_name):
        product = services.product_create(title="Plain Tumbler", variants=variant())
        draft = services.product_create(title="Secret Gadget", variants=variant(), status=ProductStatus.DRAFT)
        services.product_update(product=product, title="Frosted Tumbler")
        assert {"plain", "frosted", "tumbler"} <= words()
        assert "gadget" not in words()
        services.product_update(product=draft, status=ProductStatus.ACTIVE)
        assert {"secret", "gadget"} <= words()


def test_bulk_writes_add_their_words_in_one_statement(world):
    with schema_context(world.shop_a.schema_name):
        result = services.products_bulk_write(items=[
            services.BulkProduct(slug=f"bulk-{n}", title=f"Marbled Coaster {n}", variants=variant())
            for n in range(30)])
        assert result.created == 30
        Product.objects.filter(slug="bulk-1").update(title="Marbled Trivet")  # a row update, not a service
        assert {"marbled", "coaster", "trivet"} <= words()


def test_words_go_to_the_shop_that_wrote_them_even_from_another_search_path(world):
    with schema_context(world.shop_a.schema_name):
        services.product_create(title="Alphaonly Lampshade", variants=variant())
    with schema_context(world.shop_b.schema_name):
        assert "alphaonly" not in words()
        with connection.cursor() as cursor:  # shop B's search path, writing to shop A's table
            cursor.execute(f'UPDATE "{world.shop_a.schema_name}".storefront_product SET title = %s'
                           " WHERE title = %s", ["Alphaonly Chandelier", "Alphaonly Lampshade"])
        assert "chandelier" not in words()
    with schema_context(world.shop_a.schema_name):
        assert {"alphaonly", "lampshade", "chandelier"} <= words()


def test_a_new_shop_keeps_its_words_from_its_first_product(world):
    shop = shop_create(owner=world.owner_a, name="Delta", subdomain="delta-words", plan=Plan.objects.get(code="pro"))
    with schema_context(shop.schema_name):
        assert words() == set()  # the template's tables are cloned with no words in them
        services.product_create(title="Driftwood Candleholder", variants=variant())
        assert words() == {"driftwood", "candleholder"}
        assert selectors.search_query(["driftwod"]) == "(driftwood)"


def test_a_typo_is_corrected_to_the_closest_title_words_only(world):
    with schema_context(world.shop_a.schema_name):
        for title in ("Enamel Teapot", "Enamel Teacup", "Tealight Holder", "Pewter Plant Ladder"):
            services.product_create(title=title, variants=variant())
        assert selectors.search_query(["tepot"]) == "(teapot)"  # one edit from teapot; teacup is three
        assert selectors.search_query(["enqmel", "teapot"]) == "(enamel) & teapot:*"
        assert selectors.search_query(["the", "teapot"]) == "teapot:*"  # a stop word is dropped
        assert selectors.search_query(["lant"]) is None  # not "plant": the first letter differs
        assert selectors.search_query(["tea"]) == "tea:*"  # found as typed (a prefix)
        assert selectors.search_query(["qwertyuiop"]) is None
        assert selectors.search_query(["1234"]) is None  # a number is not corrected to another


def test_the_storefront_finds_products_through_a_corrected_typo(world):
    with schema_context(world.shop_a.schema_name):
        services.product_create(title="Hammered Copper Jug", variants=variant())
    found = client_for(world.shop_a).get("/api/catalog/products/", {"search": "hammerd"}).json()
    assert [p["title"] for p in found["results"]] == ["Hammered Copper Jug"]
