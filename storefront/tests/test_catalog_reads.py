"""The shopper's list and product page are SQL of their own (storefront.catalog_reads): they
must answer exactly what the ORM queryset and the serializers answer on the same rows."""
from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django_tenants.utils import schema_context
from PIL import Image
from rest_framework.test import APIRequestFactory

from conftest import client_for
from storefront import catalog_reads, selectors
from storefront.api import paging
from storefront.api.serializers import ProductDetailSerializer
from storefront.images import image_add
from storefront.models import Category, Product, ProductStatus
from storefront.services import product_create, product_refresh_summary
from storefront.tests.factories import make_product

pytestmark = pytest.mark.django_db

CASES = [
    {}, {"sort": "price"}, {"sort": "-price"}, {"sort": "best_selling"}, {"sort": "newest"}, {"sort": "relevance"},
    {"category": "lights"}, {"category": "home"}, {"category": "nowhere"},
    {"min_price": "3", "max_price": "9.5"}, {"min_price": "5", "sort": "price"}, {"in_stock": "true"},
    {"in_stock": "1", "category": "home", "sort": "-price"},
    {"search": "lantern"}, {"search": "lantren"}, {"search": "lant"}, {"search": "heart holder"},
    {"search": "Glass star lantern"}, {"search": "the"}, {"search": "zebra"}, {"search": "!!"},
    {"search": "mug", "sort": "price"}, {"search": "lantern", "in_stock": "true", "category": "lights"},
    {"search": "100% lantern"}, {"search": "mug%"},
]


def png() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (30, 20), (200, 10, 30)).save(buffer, format="PNG")
    return SimpleUploadedFile("p.png", buffer.getvalue())


@pytest.fixture
def shop(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with schema_context(world.shop_a.schema_name):
        home = Category.objects.create(name="Home", slug="home")
        lights = Category.objects.create(name="Lights", slug="lights", parent=home)
        make_product("White hanging heart t-light holder", "2.95", 10, category=lights)
        lantern = make_product("Glass star lantern", "7.50", 0, category=lights)
        image_add(product=lantern, upload=png(), alt="Lantern")
        image_add(product=lantern, upload=png(), alt="Lit")
        make_product("Lantern festival mug", "4.00", 3, category=home)
        make_product("Jumbo bag red retrospot", "2.08", 3)
        make_product("Secret draft lantern", "1.00", 1, status=ProductStatus.DRAFT)
        for i in range(9):
            make_product(f"Enamel mug {i}", f"{3 + i}.25", i % 3)
        Product.objects.filter(title__startswith="Enamel mug 4").update(sold_count=7)
        shirt = product_create(title="Lantern tee", variants=[
            {"sku": "TEE-S-R", "options": {"Size": "S", "Colour": "Red"}, "price": Decimal("9.00"), "stock": 2},
            {"sku": "TEE-M-R", "options": {"Size": "M", "Colour": "Red"}, "price": Decimal("9.50"), "stock": 0,
             "compare_at_price": Decimal("12.00")},
            {"sku": "TEE-M-B", "options": {"Size": "M"}, "price": Decimal("9.50"), "stock": 0}])
        Product.objects.filter(pk=shirt.pk).update(option_names=["Size", "Colour"])
        product_refresh_summary(product=shirt)
        image_add(product=shirt, upload=png(), alt="Tee")
        image_add(product=shirt, upload=png(), alt="Medium", variant=shirt.variants.get(sku="TEE-M-R"))
    return world.shop_a


def orm_page(offset: int, size: int, **kwargs) -> tuple[list[dict], bool, int, bool]:
    qs = selectors.product_list(**kwargs)
    rows = paging.page_rows(qs, offset=offset, size=size, shape=selectors.card_values)
    more = len(rows) > size
    rows = rows[:size]
    count, estimated = paging.count_of(qs, seen=offset + len(rows), more=more)
    return selectors.product_cards(rows, currency="GBP"), more, count, estimated


@pytest.mark.parametrize("size", [4, 50])
def test_every_filter_sort_and_search_lists_what_the_orm_lists(shop, size):
    with schema_context(shop.schema_name):
        for kwargs in CASES:
            for offset in (0, size, 3 * size):
                page = catalog_reads.product_page(offset=offset, size=size, **kwargs)
                fast = (catalog_reads.cards(page.rows, currency="GBP"), page.more, page.count, page.estimated)
                assert fast == orm_page(offset, size, **kwargs), (kwargs, offset)


def test_counts_past_the_threshold_agree_with_the_orm(shop, monkeypatch):
    monkeypatch.setattr(paging, "COUNT_EXACT_UP_TO", 3)
    monkeypatch.setattr(catalog_reads, "COUNT_EXACT_UP_TO", 3)
    with schema_context(shop.schema_name):
        for offset in (0, 4, 8):
            page = catalog_reads.product_page(offset=offset, size=4)
            assert (page.count, page.estimated) == orm_page(offset, 4)[2:], offset
            assert page.estimated
            assert page.count > offset + 4


def test_bad_filters_are_the_same_400s(shop):
    client = client_for(shop)
    for query, field in (("sort=cheapest", "sort"), ("min_price=abc", "min_price"), ("max_price=-1", "max_price"),
                         ("min_price=1e12", "min_price")):
        res = client.get(f"/api/catalog/products/?{query}")
        assert res.status_code == 400, query
        assert field in res.json()["error"]["fields"], query
    too_large = client.get("/api/catalog/products/?min_price=99999999999999").json()["error"]
    assert too_large["message"] == too_large["fields"]["min_price"][0] == "Prices go up to 9,999,999,999.99."


def test_product_page_is_what_the_serializer_says(shop):
    request = APIRequestFactory().get("/")
    request.shop = shop
    with schema_context(shop.schema_name):
        for product in Product.objects.filter(status=ProductStatus.ACTIVE):
            expected = ProductDetailSerializer(selectors.product_detail(slug=product.slug),
                                               context={"request": request}).data
            assert catalog_reads.product_detail(slug=product.slug, currency="GBP") == expected, product.title
        tee = Product.objects.get(title="Lantern tee").slug
    body = client_for(shop).get(f"/api/catalog/products/{tee}/").json()
    assert body["options"] == [{"name": "Size", "values": ["S", "M"]}, {"name": "Colour", "values": ["Red"]}]
    assert [v["image_id"] is not None for v in body["variants"]] == [False, True, False]
    assert [v["stock"] for v in body["variants"]] == [2, 0, 0]


def test_drafts_and_unknown_slugs_are_404(shop):
    client = client_for(shop)
    with schema_context(shop.schema_name):
        draft = Product.objects.get(title="Secret draft lantern").slug
    assert client.get(f"/api/catalog/products/{draft}/").status_code == 404
    assert client.get("/api/catalog/products/no-such-thing/").json()["error"]["code"] == "not_found"


def test_a_count_known_to_be_far_past_the_threshold_is_not_counted_again(shop, settings, monkeypatch):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.CATALOG_ESTIMATE_TTL = 60
    monkeypatch.setattr(catalog_reads, "_estimates", {})
    monkeypatch.setattr(catalog_reads, "COUNT_EXACT_UP_TO", 3)
    with schema_context(shop.schema_name):
        with CaptureQueriesContext(connection) as first:
            page = catalog_reads.product_page(offset=0, size=4)
        assert page.estimated
        assert any("count(*)" in q["sql"] for q in first.captured_queries)
        assert any(q["sql"].startswith("EXPLAIN") for q in first.captured_queries)
        monkeypatch.setattr(catalog_reads, "CLEARLY_MORE", 0)  # whatever the planner said is "far past"
        with CaptureQueriesContext(connection) as again:
            same = catalog_reads.product_page(offset=0, size=4)
    assert [q["sql"] for q in again.captured_queries if "count(*)" in q["sql"] or "EXPLAIN" in q["sql"]] == []
    assert len(again.captured_queries) == 1
    assert catalog_reads.cards(same.rows, currency="GBP") == catalog_reads.cards(page.rows, currency="GBP")
    assert (same.count, same.estimated) == (page.count, True)


def kept_statements() -> list[str]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall()]


def test_a_read_repeated_is_kept_prepared_and_answers_each_shop_its_own_rows(shop, world, settings):
    """The catalog's statements are kept prepared once they have run twice; the same text on
    another shop's host, on the same connection, reads that shop's tables and nothing else."""
    settings.CATALOG_CACHE = False
    with schema_context(world.shop_b.schema_name):
        make_product("Bravo only lamp", "5.00", 2)
    a, b = client_for(shop), client_for(world.shop_b)
    path = "/api/catalog/products/?search=lamp&sort=price"
    first = a.get(path).json()
    assert all(a.get(path).json() == first for _ in range(3))
    assert any("lamp" in text for text in kept_statements())
    for _ in range(3):
        assert [p["title"] for p in b.get(path).json()["results"]] == ["Bravo only lamp"]
        assert "Bravo only lamp" not in [p["title"] for p in a.get(path).json()["results"]]
    assert a.get("/api/catalog/products/no-such-thing/").status_code == 404


def test_deep_pages_started_from_anchors_are_the_orms_pages_before_and_after_a_write(shop, monkeypatch):
    """Past ANCHOR_EVERY rows a page starts from the sort key of the anchor row before it (read
    once per catalog version) rather than counting every row before it; the rows are the same,
    and a catalog write (which bumps the version) moves the anchors with the rows."""
    monkeypatch.setattr(catalog_reads, "ANCHOR_EVERY", 3)
    monkeypatch.setattr(catalog_reads, "_anchors", catalog_reads.OrderedDict())
    cases = [{}, {"sort": "newest"}, {"sort": "price"}, {"sort": "-price"}, {"sort": "price", "in_stock": "true"},
             {"category": "home", "sort": "-price"}, {"sort": "best_selling"}, {"search": "mug", "sort": "price"}]

    def same_as_the_orm() -> None:
        for kwargs in cases:
            for offset in range(0, 17):
                page = catalog_reads.product_page(offset=offset, size=2, **kwargs)
                fast = (catalog_reads.cards(page.rows, currency="GBP"), page.more, page.count, page.estimated)
                assert fast == orm_page(offset, 2, **kwargs), (kwargs, offset)

    with schema_context(shop.schema_name):
        same_as_the_orm()
        assert {key[2] for key in catalog_reads._anchors} == {"newest", "price", "-price"}  # not sold_count, search
        kept = len(catalog_reads._anchors)
        # equal prices: the id breaks the tie, on both sides of an anchor
        for title in ("Cheap first", "Cheap second", "Cheap third"):
            product_create(title=title, variants=[{"sku": title, "price": Decimal("3.25"), "stock": 1}])
        Product.objects.filter(title="Enamel mug 9").delete()
        from storefront.catalog_cache import catalog_changed

        catalog_changed()
        same_as_the_orm()
        assert len(catalog_reads._anchors) == 2 * kept  # read again under the new version


def test_every_page_of_a_list_is_one_kept_statement(shop, monkeypatch):
    """Where a page starts travels as a parameter: reading many pages keeps two statements, not
    one per page that would push the others out of psycopg's 100."""
    monkeypatch.setattr(catalog_reads, "ANCHOR_EVERY", 3)
    monkeypatch.setattr(catalog_reads, "_anchors", catalog_reads.OrderedDict())
    with schema_context(shop.schema_name):
        for _ in range(3):
            for offset in range(0, 14, 2):
                catalog_reads.product_page(offset=offset, size=2, sort="price")
        kept = [text for text in kept_statements() if "min_price ASC" in text]
    # seven pages: two statements, the page from an anchor and from the start (the anchors are
    # read once per catalog version, so not kept)
    assert len(kept) == 2, kept
    assert all("OFFSET $" in text for text in kept), kept


def test_a_catalog_version_lost_with_redis_is_never_handed_out_again(shop):
    """Processes keep anchors and bodies under a version: after Redis loses the key (a flush, a
    restart without persistence) the next version must be one no process has seen."""
    from django.core.cache import cache

    from storefront import catalog_cache

    with schema_context(shop.schema_name):
        before = catalog_cache.catalog_version()
        catalog_cache.catalog_changed()
        seen = catalog_cache.catalog_version()
        assert seen > before
        cache.clear()
        assert catalog_cache.catalog_version() > seen
