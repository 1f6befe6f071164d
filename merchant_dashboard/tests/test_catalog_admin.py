"""Staff manage the catalog: products with variants, images, CSV import and export."""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django_tenants.utils import schema_context
from PIL import Image

from conftest import client_for
from storefront.imports import import_run
from storefront.models import ImportJob, Product, ProductVariant

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def staff(world):
    return client_for(world.shop_a, world.owner_a)


def png_bytes(size=(1200, 900), color=(200, 30, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format="PNG")
    return buffer.getvalue()


PRODUCT = {"title": "Linen apron", "description": "Stonewashed.", "status": "active", "variants": [
    {"sku": "APR-S", "options": {"Size": "S", "Colour": "Sand"}, "price": "24.00", "stock": 3},
    {"sku": "APR-M", "options": {"Size": "M", "Colour": "Sand"}, "price": "26.00", "compare_at_price": "30.00",
     "stock": 0},
]}


def test_create_update_and_archive_a_product_with_variants(world):
    res = staff(world).post("/api/dashboard/products/", PRODUCT, format="json")
    assert res.status_code == 201, res.content
    product = res.json()
    assert (product["slug"], product["price"], product["in_stock"]) == ("linen-apron", "24.00", True)
    assert product["options"] == [{"name": "Size", "values": ["S", "M"]}, {"name": "Colour", "values": ["Sand"]}]
    small, medium = product["variants"]
    # replace the variants: keep S (new price), drop M, add L
    res = staff(world).patch(f"/api/dashboard/products/{product['id']}/", {"variants": [
        {"id": small["id"], "sku": "APR-S", "options": {"Size": "S"}, "price": "20.00", "stock": 1},
        {"sku": "APR-L", "options": {"Size": "L"}, "price": "28.00", "stock": 2}]}, format="json")
    assert res.status_code == 200, res.content
    assert [v["sku"] for v in res.json()["variants"]] == ["APR-S", "APR-L"]
    assert res.json()["price"] == "20.00"
    shop_view = client_for(world.shop_a).get("/api/catalog/products/linen-apron/")
    assert shop_view.json()["variants"][0]["price"] == "20.00"
    assert staff(world).delete(f"/api/dashboard/products/{product['id']}/").status_code == 204
    assert client_for(world.shop_a).get("/api/catalog/products/linen-apron/").status_code == 404
    assert medium


@pytest.mark.parametrize(("change", "field"), [
    ({"title": ""}, "title"),
    ({"variants": []}, "variants"),
    ({"variants": [{"sku": "X", "price": "-1", "stock": 1}]}, "variants.0.price"),
    ({"variants": [{"sku": "X", "price": "1", "stock": -5}]}, "variants.0.stock"),
    ({"variants": [{"sku": "X", "price": "abc"}]}, "variants.0.price"),
    ({"variants": [{"sku": "D", "price": "1"}, {"sku": "D", "price": "2"}]}, "variants.1.sku"),
    ({"status": "published"}, "status"),
    ({"category_id": 99999}, "category_id"),
])
def test_bad_product_input_is_400(world, change, field):
    res = staff(world).post("/api/dashboard/products/", {**PRODUCT, **change}, format="json")
    assert res.status_code == 400, res.content
    assert field in res.json()["error"]["fields"], res.json()
    with schema_context(world.shop_a.schema_name):
        assert not Product.objects.exists()


def test_sku_used_by_another_product_is_refused(world):
    staff(world).post("/api/dashboard/products/", PRODUCT, format="json")
    res = staff(world).post("/api/dashboard/products/", {**PRODUCT, "title": "Other"}, format="json")
    assert res.status_code == 400
    assert res.json()["error"]["code"] == "sku_taken"
    assert "variants.0.sku" in res.json()["error"]["fields"]


def test_image_upload_is_checked_resized_and_stored_under_the_shops_prefix(world, media):
    pid = staff(world).post("/api/dashboard/products/", PRODUCT, format="json").json()["id"]
    upload = SimpleUploadedFile("photo.png", png_bytes(), content_type="image/png")
    res = staff(world).post(f"/api/dashboard/products/{pid}/images/", {"image": upload, "alt": "Red apron"},
                            format="multipart")
    assert res.status_code == 201, res.content
    image = res.json()
    assert image["url"].startswith(f"/media/shops/{world.shop_a.schema_name}/products/{pid}/")
    thumb = media / image["thumb_url"].removeprefix("/media/")
    with Image.open(thumb) as t:
        assert max(t.size) <= 480
    # served to the shop's own host only
    assert client_for(world.shop_a).get(image["thumb_url"]).status_code == 200
    assert client_for(world.shop_b).get(image["thumb_url"]).status_code == 404
    listed = client_for(world.shop_a).get("/api/catalog/products/").json()["results"][0]
    assert listed["image"]["alt"] == "Red apron"
    assert staff(world).delete(f"/api/dashboard/products/{pid}/images/{image['id']}/").status_code == 204


@pytest.mark.parametrize(("name", "content", "ctype"), [
    ("evil.png", b"<?php echo 1; ?>", "image/png"),       # a lie about the type
    ("notes.txt", b"hello", "text/plain"),
    ("half.png", png_bytes()[:200], "image/png"),          # truncated
])
def test_non_images_are_refused(world, media, name, content, ctype):
    pid = staff(world).post("/api/dashboard/products/", PRODUCT, format="json").json()["id"]
    res = staff(world).post(f"/api/dashboard/products/{pid}/images/",
                            {"image": SimpleUploadedFile(name, content, content_type=ctype)}, format="multipart")
    assert res.status_code == 400
    assert "image" in res.json()["error"]["fields"]
    assert not list(Path(media).rglob("*.*"))


def test_oversized_upload_is_refused(world, media, settings):
    settings.MAX_IMAGE_BYTES = 1024 * 1024
    pid = staff(world).post("/api/dashboard/products/", PRODUCT, format="json").json()["id"]
    big = SimpleUploadedFile("big.png", b"\x89PNG" + b"0" * (2 * 1024 * 1024), content_type="image/png")
    res = staff(world).post(f"/api/dashboard/products/{pid}/images/", {"image": big}, format="multipart")
    assert res.status_code == 400
    assert "larger" in res.json()["error"]["fields"]["image"][0]


HEADER = ",".join(["handle", "title", "description", "status", "category", "sku", "option1_name", "option1_value",
                   "option2_name", "option2_value", "price", "compare_at_price", "stock"])
CSV = HEADER + """
tote,Canvas tote,Sturdy,active,Bags,TOTE-1,Colour,Natural,,,12.00,,5
tote,Canvas tote,Sturdy,active,Bags,TOTE-2,Colour,Black,,,12.50,,0
bad-price,Broken,,active,,BRK-1,,,,,twelve,,1
no-sku,Missing sku,,active,,,,,,,3.00,,1
mug,Enamel mug,,draft,Kitchen,MUG-1,,,,,8.00,9.50,40
neg,Negative,,active,,NEG-1,,,,,1.00,,-3
"""


def run_import(world, text: str, media) -> ImportJob:
    res = staff(world).post("/api/dashboard/products/import/",
                            {"file": SimpleUploadedFile("products.csv", text.encode(), content_type="text/csv")},
                            format="multipart")
    assert res.status_code == 202, res.content
    with schema_context(world.shop_a.schema_name):
        job = import_run(job=ImportJob.objects.get(pk=res.json()["id"]))
    status = staff(world).get(f"/api/dashboard/imports/{job.pk}/").json()
    assert status["status"] == job.status
    return job


def test_csv_import_reports_bad_rows_by_line_and_keeps_the_good_ones(world, media):
    job = run_import(world, CSV, media)
    assert (job.status, job.total, job.processed, job.created) == ("done", 6, 6, 2)
    assert [e["line"] for e in job.errors] == [4, 5, 7]
    assert "price" in job.errors[0]["message"]
    with schema_context(world.shop_a.schema_name):
        tote = Product.objects.get(slug="tote")
        assert tote.variants.count() == 2
        assert (str(tote.min_price), tote.total_stock, tote.category.name) == ("12.00", 5, "Bags")
    # importing again updates instead of duplicating
    again = run_import(world, CSV.replace("12.00", "11.00"), media)
    assert (again.created, again.updated) == (0, 2)
    with schema_context(world.shop_a.schema_name):
        assert str(ProductVariant.objects.get(sku="TOTE-1").price) == "11.00"


@pytest.mark.parametrize("text", ["", "not,a,catalog\n1,2,3\n", "\x00\x01binary"])
def test_malformed_csv_fails_the_job_with_a_message(world, media, text):
    job = run_import(world, text, media)
    assert job.status == "failed"
    assert job.errors[0]["line"] == 0


def test_export_round_trips(world, media):
    run_import(world, CSV, media)
    res = staff(world).get("/api/dashboard/products/export/")
    assert res.status_code == 200
    body = b"".join(res.streaming_content).decode()
    lines = body.strip().splitlines()
    assert lines[0].startswith("handle,title")
    assert any(line.startswith("tote,Canvas tote,Sturdy,active,Bags,TOTE-1,Colour,Natural") for line in lines)
    assert len(lines) == 4


def test_discounts_shipping_and_tax_settings(world):
    client = staff(world)
    res = client.post("/api/dashboard/discounts/", {"code": "spring10", "kind": "percent", "value": "10"},
                      format="json")
    assert res.status_code == 201
    assert res.json()["code"] == "SPRING10"
    assert client.post("/api/dashboard/discounts/", {"code": "SPRING10", "kind": "fixed", "value": "1"},
                       format="json").status_code == 400
    assert client.post("/api/dashboard/discounts/", {"code": "X", "kind": "percent", "value": "150"},
                       format="json").status_code == 400
    rate = client.post("/api/dashboard/shipping-rates/", {"name": "Courier", "price": "6.00"}, format="json")
    assert rate.status_code == 201
    assert client.patch(f"/api/dashboard/shipping-rates/{rate.json()['id']}/", {"active": False},
                        format="json").json()["active"] is False
    names = [r["name"] for r in client_for(world.shop_a).get("/api/checkout/options/").json()["shipping_rates"]]
    assert "Courier" not in names
    assert client.put("/api/dashboard/settings/", {"tax_rate": "7.50", "prices_include_tax": False,
                                                   "tax_label": "Sales tax"}, format="json").status_code == 200
    assert client_for(world.shop_a).get("/api/checkout/options/").json()["tax"] == {
        "rate": "7.50", "included": False, "label": "Sales tax"}
    assert client.put("/api/dashboard/settings/", {"tax_rate": "-1", "prices_include_tax": True,
                                                   "tax_label": "VAT"}, format="json").status_code == 400
    assert settings.MAX_IMAGE_BYTES


def test_huge_uploads_are_refused(world, media):
    pid = staff(world).post("/api/dashboard/products/", PRODUCT, format="json").json()["id"]
    url = f"/api/dashboard/products/{pid}/images/"
    # a body announced as larger than any upload may be is refused before it is read
    res = staff(world).generic("POST", url, b"x" * 1024, content_type="multipart/form-data; boundary=x",
                               CONTENT_LENGTH=str(60 * 1024 * 1024))
    assert res.status_code == 413
    assert res.json()["error"]["code"] == "body_too_large"
    # a 50 MB image is read to a temporary file and refused by the image rules
    real = SimpleUploadedFile("huge.png", b"\x89PNG" + b"0" * (50 * 1024 * 1024), content_type="image/png")
    res = staff(world).post(url, {"image": real}, format="multipart")
    assert res.status_code == 400
    assert "larger than 10 MB" in res.json()["error"]["fields"]["image"][0]
    assert not list(Path(media).rglob("*.png"))


def test_categories_discount_and_shipping_edits(world):
    client = staff(world)
    parent = client.post("/api/dashboard/categories/", {"name": "Home"}, format="json")
    assert parent.status_code == 201
    child = client.post("/api/dashboard/categories/", {"name": "Home lights", "parent_id": parent.json()["id"]},
                        format="json").json()
    assert (child["slug"], child["parent_id"]) == ("home-lights", parent.json()["id"])
    assert client.post("/api/dashboard/categories/", {"name": ""}, format="json").status_code == 400
    created = client.post("/api/dashboard/products/", {**PRODUCT, "category_id": child["id"]}, format="json").json()
    assert client.get(f"/api/dashboard/products/{created['id']}/").json()["category_id"] == child["id"]
    # the parent's filter includes its children's products
    listed = client_for(world.shop_a).get("/api/catalog/products/?category=home").json()
    assert [p["slug"] for p in listed["results"]] == ["linen-apron"]

    code = client.post("/api/dashboard/discounts/", {"code": "TEN", "kind": "fixed", "value": "10"},
                       format="json").json()
    patched = client.patch(f"/api/dashboard/discounts/{code['id']}/", {"active": False, "value": "5"}, format="json")
    assert (patched.json()["active"], patched.json()["value"]) == (False, "5.00")
    assert client.delete(f"/api/dashboard/discounts/{code['id']}/").status_code == 204
    assert client.get(f"/api/dashboard/discounts/{code['id']}/").status_code == 404
    rates = client.get("/api/dashboard/shipping-rates/").json()
    assert client.delete(f"/api/dashboard/shipping-rates/{rates[-1]['id']}/").status_code == 204
    assert len(client.get("/api/dashboard/shipping-rates/").json()) == len(rates) - 1
    assert client.patch("/api/dashboard/shipping-rates/999999/", {"price": "1"}, format="json").status_code == 404


def test_import_reports_odd_digits_and_repeated_skus_by_line(world, media):
    text = HEADER + """
a,A,,active,,A-1,,,,,1.00,,²
b,B,,active,,B-1,,,,,1.00,,2
c,C,,active,,B-1,,,,,1.00,,2
d,D,,active,,D-1,,,,,1.00,,3
"""
    job = run_import(world, text, media)
    assert job.status == "done"
    assert [(e["line"], e["message"].split(":")[0]) for e in job.errors] == [
        (2, "stock must be a whole number from 0 to 10,000,000"), (4, "sku B-1 is already on line 3")]
    with schema_context(world.shop_a.schema_name):
        assert sorted(Product.objects.values_list("slug", flat=True)) == ["b", "d"]


def test_an_unexpected_failure_marks_the_job_failed(world, media, monkeypatch):
    from storefront import imports

    def boom(groups):
        raise RuntimeError("disk gone")

    monkeypatch.setattr(imports, "write_groups", boom)
    job = run_import(world, CSV, media)
    assert job.status == "failed"
    assert job.finished_at is not None
    assert "RuntimeError" in job.errors[0]["message"]


def test_editing_stock_applies_the_change_to_todays_stock(world):
    product = staff(world).post("/api/dashboard/products/", PRODUCT, format="json").json()
    small = product["variants"][0]  # stock 3 when the editor opened
    with schema_context(world.shop_a.schema_name):
        ProductVariant.objects.filter(pk=small["id"]).update(stock=1)  # two sold meanwhile
    variant = {"id": small["id"], "sku": "APR-S", "price": "24.00", "stock": 5, "stock_was": 3}
    res = staff(world).patch(f"/api/dashboard/products/{product['id']}/", {"variants": [variant]}, format="json")
    assert res.json()["variants"][0]["stock"] == 3  # 1 left + the 2 the merchant added
    # without stock_was the value is taken as given
    plain = {k: v for k, v in variant.items() if k != "stock_was"}
    res = staff(world).patch(f"/api/dashboard/products/{product['id']}/",
                             {"variants": [{**plain, "stock": 7}]}, format="json")
    assert res.json()["variants"][0]["stock"] == 7
