"""List endpoints: the number of queries does not grow with the page size."""
from __future__ import annotations

import uuid

import pytest
from django_tenants.utils import schema_context

from conftest import client_for
from storefront.models import Category, DiscountCode
from storefront.tests.factories import make_product
from storefront.tests.test_checkout_api import checkout, fill_cart

pytestmark = pytest.mark.django_db


@pytest.fixture
def busy_shop(world):
    shop = world.shop_a
    with schema_context(shop.schema_name):
        for i in range(12):
            make_product(f"Thing {i}", "5.00", 50, category=Category.objects.get_or_create(
                name=f"Cat {i % 4}", slug=f"cat-{i % 4}")[0])
            DiscountCode.objects.create(code=f"C{i}", kind="fixed", value="1")
    client = client_for(shop, world.customer_a)
    for i in range(6):
        fill_cart(client, shop, (f"Thing {i}", 1))
        assert checkout(client, shop, None, key=str(uuid.uuid4())).status_code == 201
    fill_cart(client, shop, ("Thing 7", 1), ("Thing 8", 2), ("Thing 9", 1))
    return shop


@pytest.mark.parametrize(("who", "path"), [
    ("staff", "/api/dashboard/products/"),
    ("staff", "/api/dashboard/orders/"),
    ("staff", "/api/dashboard/customers/"),
    ("staff", "/api/dashboard/staff/"),
    ("customer", "/api/orders/"),
    ("anonymous", "/api/catalog/products/?search=thing"),
])
def test_list_queries_do_not_grow_with_page_size(world, busy_shop, count_queries, who, path):
    user = {"staff": world.owner_a, "customer": world.customer_a, "anonymous": None}[who]
    client = client_for(busy_shop, user)
    sep = "&" if "?" in path else "?"
    client.get(path)  # warm the host cache
    with count_queries() as small:
        a = client.get(f"{path}{sep}page_size=1&nocache={uuid.uuid4()}")
    with count_queries() as large:
        b = client.get(f"{path}{sep}page_size=50&nocache={uuid.uuid4()}")
    assert a.status_code == b.status_code == 200
    assert len(b.json()["results"]) >= len(a.json()["results"])
    # no more for 50 rows than for 1 (a page that ends the list needs no count query: fewer)
    assert large.count <= small.count, (small.queries, large.queries)


@pytest.mark.parametrize("path", ["/api/cart/", "/api/dashboard/categories/", "/api/dashboard/discounts/",
                                  "/api/catalog/categories/"])
def test_unpaginated_reads_use_a_fixed_number_of_queries(world, busy_shop, count_queries, path):
    client = client_for(busy_shop, world.owner_a if "dashboard" in path else world.customer_a)
    client.get("/api/shop/")
    with count_queries() as counter:
        assert client.get(path).status_code == 200
    assert counter.count <= 5, counter.queries
