"""Images attached to variants, and their order."""
from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from conftest import client_for
from merchant_dashboard.tests.test_catalog_admin import PRODUCT, media, png_bytes, staff  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def product(world, media):  # noqa: F811
    client = staff(world)
    created = client.post("/api/dashboard/products/", PRODUCT, format="json").json()
    ids = []
    for colour in [(200, 0, 0), (0, 200, 0), (0, 0, 200)]:
        upload = SimpleUploadedFile("p.png", png_bytes((40, 40), colour), content_type="image/png")
        ids.append(client.post(f"/api/dashboard/products/{created['id']}/images/", {"image": upload},
                               format="multipart").json()["id"])
    return created, ids


def detail(world, slug):
    return client_for(world.shop_a).get(f"/api/catalog/products/{slug}/").json()


def test_an_image_attached_to_a_variant_is_named_by_that_variant_in_the_storefront(world, product):
    created, (red, green, blue) = product
    small, medium = created["variants"]
    client = staff(world)
    res = client.patch(f"/api/dashboard/products/{created['id']}/images/{green}/", {"variant_id": medium["id"]},
                       format="json")
    assert res.status_code == 200, res.content
    assert res.json()["variant_id"] == medium["id"]
    shown = detail(world, created["slug"])
    assert {v["sku"]: v["image_id"] for v in shown["variants"]} == {small["sku"]: None, medium["sku"]: green}
    assert [(i["id"], i["variant_id"]) for i in shown["images"]] == [(red, None), (green, medium["id"]), (blue, None)]
    # detached again
    client.patch(f"/api/dashboard/products/{created['id']}/images/{green}/", {"variant_id": None}, format="json")
    assert [v["image_id"] for v in detail(world, created["slug"])["variants"]] == [None, None]


def test_a_variant_of_another_product_is_refused(world, product):
    created, (red, _, _) = product
    other = staff(world).post("/api/dashboard/products/", {**PRODUCT, "title": "Other", "variants": [
        {"sku": "OTHER-1", "price": "1.00", "stock": 1}]}, format="json").json()
    res = staff(world).patch(f"/api/dashboard/products/{created['id']}/images/{red}/",
                             {"variant_id": other["variants"][0]["id"]}, format="json")
    assert res.status_code == 400
    assert "variant_id" in res.json()["error"]["fields"]
    assert staff(world).patch(f"/api/dashboard/products/{other['id']}/images/{red}/", {"variant_id": None},
                              format="json").status_code == 404


def test_images_are_reordered_and_a_stale_list_is_refused(world, product):
    created, (red, green, blue) = product
    client = staff(world)
    url = f"/api/dashboard/products/{created['id']}/images/order/"
    res = client.post(url, {"image_ids": [blue, red, green]}, format="json")
    assert res.status_code == 200, res.content
    assert [(i["id"], i["position"]) for i in res.json()] == [(blue, 0), (red, 1), (green, 2)]
    assert [i["id"] for i in detail(world, created["slug"])["images"]] == [blue, red, green]
    assert detail(world, created["slug"])["image"]["id"] == blue  # the card shows the first
    for stale in ([blue, red], [blue, red, green, green], [blue, red, green, 999999]):
        refused = client.post(url, {"image_ids": stale}, format="json")
        assert refused.status_code == 400
        assert "image_ids" in refused.json()["error"]["fields"]
    assert [i["id"] for i in detail(world, created["slug"])["images"]] == [blue, red, green]
    # a new image goes last
    upload = SimpleUploadedFile("p.png", png_bytes((40, 40)), content_type="image/png")
    new = client.post(f"/api/dashboard/products/{created['id']}/images/", {"image": upload}, format="multipart")
    assert new.json()["position"] == 3
