"""The CSV import: product rows and their variant rows, the example on the import page, and
image_url fetched during the import."""
from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.conf import settings
from django_tenants.utils import schema_context

from merchant_dashboard.tests.test_catalog_admin import media, png_bytes, run_import, staff  # noqa: F401
from storefront.models import Product, ProductImage

pytestmark = pytest.mark.django_db

EXAMPLE = settings.BASE_DIR / "frontend/src/features/dashboard/components/catalog/importExample.csv"
HEADER = ("handle,title,description,status,category,sku,option1_name,option1_value,option2_name,option2_value,"
          "price,compare_at_price,stock,image_url")


def variants_of(slug):
    return list(Product.objects.get(slug=slug).variants.order_by("position").values_list("sku", "options", "stock"))


def test_the_example_on_the_import_page_imports_cleanly(world, media):  # noqa: F811
    job = run_import(world, EXAMPLE.read_text(), media)
    assert (job.status, job.errors) == ("done", [])
    summary = staff(world).get(f"/api/dashboard/imports/{job.pk}/").json()
    assert {k: summary[k] for k in ("created", "updated", "variants_created", "variants_updated", "images_added")} == {
        "created": 2, "updated": 0, "variants_created": 4, "variants_updated": 0, "images_added": 0}
    assert (job.created, job.updated, job.variants_created, job.variants_updated) == (2, 0, 4, 0)
    with schema_context(world.shop_a.schema_name):
        assert variants_of("linen-apron") == [
            ("LA-S", {"Size": "S", "Colour": "Natural"}, 8), ("LA-M", {"Size": "M", "Colour": "Natural"}, 12),
            ("LA-L", {"Size": "L", "Colour": "Natural"}, 5)]
        apron = Product.objects.get(slug="linen-apron")
        assert (apron.title, apron.total_stock, apron.category.name) == ("Linen apron", 25, "Kitchen")
        assert variants_of("party-bunting") == [("PB-1", {}, 120)]
    again = run_import(world, EXAMPLE.read_text(), media)
    assert (again.created, again.updated, again.variants_created, again.variants_updated) == (0, 2, 0, 4)


def test_variant_rows_must_follow_their_product_row(world, media):  # noqa: F811
    text = HEADER + """
,,,,,ORPHAN-1,,,,,1.00,,1,
cup,Cup,,active,,CUP-1,Size,S,,,2.00,,1,
cup,,,,,CUP-2,,M,,,2.00,,1,
plate,,,,,PLATE-1,,,,,1.00,,1,
bowl,Bowl,,active,,BOWL-1,,,,,3.00,,1,
cup,Cup,,active,,CUP-3,,,,,2.00,,1,
bad,Bad,,active,,BAD-1,,,,,lots,,1,
,,,,,BAD-2,,,,,1.00,,1,
"""
    job = run_import(world, text, media)
    assert job.status == "done"
    messages = {e["line"]: e["message"] for e in job.errors}
    assert sorted(messages) == [2, 5, 7, 8, 9]
    assert "title is required" in messages[2]
    assert "belongs to the product above (cup)" in messages[5]
    assert "already started on line 3" in messages[7]
    assert "price is not a number" in messages[8]
    assert "product row on line 8 has an error" in messages[9]
    assert (job.created, job.variants_created) == (2, 3)
    with schema_context(world.shop_a.schema_name):
        assert [s for s, _, _ in variants_of("cup")] == ["CUP-1", "CUP-2"]
        assert variants_of("cup")[1][1] == {"Size": "M"}  # the option name comes from the product row
        assert sorted(Product.objects.values_list("slug", flat=True)) == ["bowl", "cup"]


class Images(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - the name http.server calls
        body = {"/red.png": png_bytes((20, 20)), "/blue.png": png_bytes((20, 20), (0, 0, 200)),
                "/garbage.png": b"<html>not an image</html>"}.get(self.path)
        if self.path == "/moved.png":
            self.send_response(302)
            self.send_header("Location", "/blue.png")
            self.end_headers()
            return
        self.send_response(200 if body else 404)
        self.send_header("Content-Length", str(len(body or b"")))
        self.end_headers()
        self.wfile.write(body or b"")

    def log_message(self, *args):
        pass


@pytest.fixture
def image_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Images)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join()


def test_image_urls_are_fetched_checked_and_attached(world, media, image_server, settings):  # noqa: F811
    settings.IMPORT_IMAGE_ALLOW_PRIVATE = True
    text = HEADER + f"""
tee,Tee,,active,,TEE-S,Size,S,,,10.00,,1,{image_server}/red.png
tee,,,,,TEE-M,Size,M,,,10.00,,1,{image_server}/moved.png
tee,,,,,TEE-L,Size,L,,,10.00,,1,{image_server}/garbage.png
cap,Cap,,active,,CAP-1,,,,,5.00,,1,{image_server}/missing.png
sock,Sock,,active,,SOCK-1,,,,,5.00,,1,file:///etc/passwd
"""
    job = run_import(world, text, media)
    messages = {e["line"]: e["message"] for e in job.errors}
    assert sorted(messages) == [4, 5, 6]
    assert "not an image" in messages[4]
    assert "404" in messages[5]
    assert "http:// or https://" in messages[6]
    assert (job.created, job.images_added) == (2, 2)  # tee and cap are created, without the failed images
    with schema_context(world.shop_a.schema_name):
        images = list(ProductImage.objects.filter(product__slug="tee").order_by("position")
                      .values_list("source_url", "variant__sku", "width"))
        assert images == [(f"{image_server}/red.png", None, 20), (f"{image_server}/moved.png", "TEE-M", 20)]
    # importing the same file again fetches nothing new
    again = run_import(world, text, media)
    assert again.images_added == 0
    with schema_context(world.shop_a.schema_name):
        assert ProductImage.objects.filter(product__slug="tee").count() == 2


def test_image_urls_on_the_platforms_own_network_are_refused(world, media, image_server, settings):  # noqa: F811
    settings.IMPORT_IMAGE_ALLOW_PRIVATE = False
    text = HEADER + f"\ntee,Tee,,active,,TEE-S,,,,,10.00,,1,{image_server}/red.png\n"
    job = run_import(world, text, media)
    assert [(e["line"], "not a public internet address" in e["message"]) for e in job.errors] == [(2, True)]
    with schema_context(world.shop_a.schema_name):
        assert not ProductImage.objects.exists()
        assert Product.objects.filter(slug="tee").exists()
