from __future__ import annotations

import pytest
from django_tenants.utils import schema_context

from conftest import client_for
from storefront.models import Category, ProductStatus
from storefront.tests.factories import make_product

pytestmark = pytest.mark.django_db


def titles(res) -> list[str]:
    assert res.status_code == 200, res.content
    return [p["title"] for p in res.json()["results"]]


@pytest.fixture
def catalog(world):
    with schema_context(world.shop_a.schema_name):
        lights = Category.objects.create(name="Lights", slug="lights")
        make_product("White hanging heart t-light holder", "2.95", 10, category=lights)
        make_product("Glass star lantern", "7.50", 0, category=lights)
        make_product("Jumbo bag red retrospot", "2.08", 3)
        make_product("Regency cakestand 3 tier", "12.75", 2, description="A tiered stand for a tea party")
        make_product("Secret draft lamp", "1.00", 1, status=ProductStatus.DRAFT)
    return world.shop_a


def test_each_shop_lists_only_its_own_products(catalog, world):
    with schema_context(world.shop_b.schema_name):
        make_product("Bravo cup")
    a = client_for(world.shop_a).get("/api/catalog/products/").json()
    b = client_for(world.shop_b).get("/api/catalog/products/").json()
    assert a["count"] == 4
    assert [p["title"] for p in b["results"]] == ["Bravo cup"]
    card = next(p for p in a["results"] if p["title"].startswith("Jumbo"))
    assert card["price"] == "2.08"
    assert card["currency"] == "GBP"
    assert card["in_stock"] is True


@pytest.mark.parametrize(("term", "expected"), [
    ("lantern", "Glass star lantern"),      # whole word
    ("lant", "Glass star lantern"),         # partial word
    ("lantren", "Glass star lantern"),      # typo
    ("retrospt", "Jumbo bag red retrospot"),
    ("cakestand", "Regency cakestand 3 tier"),
    ("party", "Regency cakestand 3 tier"),  # description, stemmed
])
def test_search_tolerates_partial_words_and_typos(catalog, term, expected):
    found = titles(client_for(catalog).get(f"/api/catalog/products/?search={term}"))
    assert found[:1] == [expected]


def test_search_ranks_by_relevance(catalog):
    found = titles(client_for(catalog).get("/api/catalog/products/?search=light holder"))
    assert found[0] == "White hanging heart t-light holder"


def test_drafts_are_hidden(catalog):
    assert "Secret draft lamp" not in titles(client_for(catalog).get("/api/catalog/products/?search=lamp"))
    assert client_for(catalog).get("/api/catalog/products/secret-draft-lamp/").status_code == 404


def test_filters_and_sorts(catalog):
    client = client_for(catalog)
    assert titles(client.get("/api/catalog/products/?category=lights&sort=price")) == [
        "White hanging heart t-light holder", "Glass star lantern"]
    assert titles(client.get("/api/catalog/products/?min_price=2.5&max_price=8&sort=-price")) == [
        "Glass star lantern", "White hanging heart t-light holder"]
    assert "Glass star lantern" not in titles(client.get("/api/catalog/products/?in_stock=true"))
    assert titles(client.get("/api/catalog/products/?sort=price"))[0] == "Jumbo bag red retrospot"


@pytest.mark.parametrize("query", ["min_price=abc", "max_price=-3", "sort=cheapest", "min_price=NaN"])
def test_bad_filters_are_400(catalog, query):
    res = client_for(catalog).get(f"/api/catalog/products/?{query}")
    assert res.status_code == 400
    assert res.json()["error"]["fields"]


def test_product_detail_has_variants_and_options(world):
    with schema_context(world.shop_a.schema_name):
        make_product("Knit jumper", "40.00", 3, sizes=("S", "M"))
    res = client_for(world.shop_a).get("/api/catalog/products/knit-jumper/")
    assert res.status_code == 200
    body = res.json()
    assert body["options"] == [{"name": "Size", "values": ["S", "M"]}]
    assert [v["options"] for v in body["variants"]] == [{"Size": "S"}, {"Size": "M"}]
    assert body["variants"][0]["stock"] == 3


def test_categories_count_active_products(catalog):
    cats = client_for(catalog).get("/api/catalog/categories/").json()
    assert [(c["slug"], c["product_count"]) for c in cats] == [("lights", 2)]


def test_list_query_count_does_not_grow_with_page_size(world, count_queries):
    with schema_context(world.shop_a.schema_name):
        for i in range(30):
            make_product(f"Mug {i}")
    client = client_for(world.shop_a)
    client.get("/api/shop/")  # warms the host cache
    with count_queries() as small:
        assert len(client.get("/api/catalog/products/?page_size=2").json()["results"]) == 2
    with count_queries() as large:
        assert len(client.get("/api/catalog/products/?page_size=20").json()["results"]) == 20
    assert small.count == large.count, (small.queries, large.queries)
    assert large.count <= 2  # the page with its images, the count
    with count_queries() as whole:  # a page that ends the list is the count
        body = client.get("/api/catalog/products/?page_size=30&page=1").json()
    assert (len(body["results"]), body["count"], body["count_is_estimate"], body["next"]) == (30, 30, False, None)
    assert whole.count == 1, whole.queries


def test_counts_past_the_threshold_are_estimates_and_deep_pages_still_work(world, monkeypatch):
    from storefront import catalog_reads
    from storefront.api import paging

    monkeypatch.setattr(paging, "COUNT_EXACT_UP_TO", 5)
    monkeypatch.setattr(catalog_reads, "COUNT_EXACT_UP_TO", 5)
    with schema_context(world.shop_a.schema_name):
        made = [make_product(f"Lamp {i}").title for i in range(12)]
    client = client_for(world.shop_a)
    first = client.get("/api/catalog/products/?page_size=4").json()
    assert first["count_is_estimate"] is True
    assert first["count"] > 5
    seen = [p["title"] for page in (1, 2, 3) for p in
            client.get(f"/api/catalog/products/?page_size=4&page={page}").json()["results"]]
    assert seen == made[::-1]  # newest first, every product once, across the deferred join
    last = client.get("/api/catalog/products/?page_size=4&page=3").json()
    assert (last["next"], last["count"], last["count_is_estimate"]) == (None, 12, False)
    assert last["previous"].endswith("page=2&page_size=4") or "page=2" in last["previous"]
    assert client.get("/api/catalog/products/?page_size=4&page=4").status_code == 404
    assert client.get("/api/catalog/products/?page=0").status_code == 404
    assert client.get("/api/catalog/products/?page=x").status_code == 404


def test_bad_page_is_404_json(world):
    res = client_for(world.shop_a).get("/api/catalog/products/?page=999")
    assert res.status_code == 404
    assert res.json()["error"]["code"] == "not_found"


def test_repeated_catalog_reads_are_served_from_cache_and_writes_show_at_once(catalog, count_queries):
    client = client_for(catalog)
    first = client.get("/api/catalog/products/?sort=price").json()
    with count_queries() as counter:
        again = client.get("/api/catalog/products/?sort=price").json()
        detail = client.get("/api/catalog/products/jumbo-bag-red-retrospot/")
    assert again == first
    assert detail.status_code == 200
    with count_queries() as cached_detail:
        hit = client.get("/api/catalog/products/jumbo-bag-red-retrospot/")
    assert hit.json() == detail.json()
    assert hit["X-Cache"] == "hit"
    assert counter.count == 1, counter.queries  # the first detail read only: product, variants and images
    assert cached_detail.count == 0
    with schema_context(catalog.schema_name):
        from storefront.models import Product
        from storefront.services import product_update

        product_update(product=Product.objects.get(slug="jumbo-bag-red-retrospot"), title="Jumbo bag blue")
    assert "Jumbo bag blue" in titles(client.get("/api/catalog/products/?sort=price"))


def test_hot_entries_are_served_from_the_process_until_the_version_is_stale(catalog, settings, monkeypatch):
    from django.core.cache import cache

    from storefront import catalog_cache

    settings.CATALOG_LOCAL_TTL = 60
    catalog_cache._local_versions.clear()
    catalog_cache._local_entries.clear()
    client = client_for(catalog)
    first = client.get("/api/catalog/products/?sort=price").content
    client.get("/api/catalog/products/?sort=price")  # reads the version from Redis, keeps it

    def no_redis(*args, **kwargs):
        raise AssertionError("went to Redis")

    with monkeypatch.context() as m:
        m.setattr(cache, "get_many", no_redis)
        assert client.get("/api/catalog/products/?sort=price").content == first
    # a write in this process retires the local copy at once
    with schema_context(catalog.schema_name):
        from storefront.models import Product
        from storefront.services import product_update

        product_update(product=Product.objects.get(slug="jumbo-bag-red-retrospot"), title="Jumbo bag green")
    assert "Jumbo bag green" in titles(client.get("/api/catalog/products/?sort=price"))
    # another process's write (a bumped version in Redis) shows once the local copy has expired
    before = client.get("/api/catalog/products/?sort=price").content
    with schema_context(catalog.schema_name):
        from storefront.models import Product

        Product.objects.filter(slug="jumbo-bag-red-retrospot").update(title="Jumbo bag elsewhere")
        cache.incr(catalog_cache.VERSION_KEY)
    assert client.get("/api/catalog/products/?sort=price").content == before  # still trusted locally
    catalog_cache._local_versions[catalog.schema_name] = (0.0, 0)  # the second has passed
    assert "Jumbo bag elsewhere" in titles(client.get("/api/catalog/products/?sort=price"))


def test_fast_product_cards_match_the_serializer(world, settings, tmp_path):
    """The list builds cards from values() rows; they must say exactly what the serializer says."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image
    from rest_framework.test import APIRequestFactory

    from storefront.api.serializers import ProductCardSerializer
    from storefront.images import image_add
    from storefront.models import Product
    from storefront.selectors import card_values, first_image_prefetch, product_cards

    settings.MEDIA_ROOT = tmp_path
    buffer = io.BytesIO()
    Image.new("RGB", (50, 40), (10, 200, 30)).save(buffer, format="PNG")
    with schema_context(world.shop_a.schema_name):
        lights = Category.objects.create(name="Lights", slug="lights")
        with_all = make_product("Star lamp", "19.99", 4, category=lights)
        with_all.variants.update(compare_at_price="25.00")
        from storefront.services import product_refresh_summary

        product_refresh_summary(product=with_all)
        image_add(product=with_all, upload=SimpleUploadedFile("a.png", buffer.getvalue()), alt="Lamp")
        make_product("Plain mug", "3.00", 0)
        qs = Product.objects.order_by("id")
        request = APIRequestFactory().get("/")
        request.shop = world.shop_a
        expected = ProductCardSerializer(qs.prefetch_related(first_image_prefetch()), many=True,
                                         context={"request": request}).data
        fast = product_cards(list(card_values(qs)), currency="GBP")
    assert [dict(row) for row in expected] == fast


def test_head_and_escaped_queries_do_not_share_or_break_the_cache(catalog):
    client = client_for(catalog)
    assert client.head("/api/catalog/products/").status_code == 200
    # "category=lights&sort=price" spelled as one escaped value must not be served as the real query
    poisoned = client.get("/api/catalog/products/?category=lights%26sort%3Dprice")
    assert poisoned.json()["count"] == 0
    real = client.get("/api/catalog/products/?category=lights&sort=price").json()
    assert real["count"] == 2


@pytest.mark.parametrize("term", ["-", "!!!", "—", " & | ! ", "'", ":*"])
def test_a_search_of_punctuation_only_is_ignored_not_an_error(catalog, term):
    res = client_for(catalog).get("/api/catalog/products/", {"search": term})
    assert res.status_code == 200, res.content
    assert res.json()["count"] == 4


@pytest.mark.parametrize("query", ["min_price=1e999999", "max_price=1e999999", "min_price=10000000000",
                                   "max_price=-1e999999"])
def test_prices_beyond_the_money_column_are_400(catalog, query):
    res = client_for(catalog).get(f"/api/catalog/products/?{query}")
    assert res.status_code == 400, res.content
    assert res.json()["error"]["code"] == "validation_error"


def test_the_cache_keeps_each_schemes_links(catalog):
    """Page links are absolute: a plain-HTTP client must not get the https:// links cached for
    another client, nor the other way round."""
    for page in range(1, 5):
        make_product_in(catalog, f"Filler {page}")
    https = client_for(catalog).get("/api/catalog/products/?page_size=2", secure=True).json()
    plain = client_for(catalog).get("/api/catalog/products/?page_size=2")
    assert https["next"].startswith("https://")
    assert plain.json()["next"].startswith("http://")
    again = client_for(catalog).get("/api/catalog/products/?page_size=2", secure=True)
    assert again["X-Cache"] == "hit"
    assert again.json()["next"].startswith("https://")


def make_product_in(shop, title):
    with schema_context(shop.schema_name):
        return make_product(title)
