"""Stocks the riverside demo shop (run inside its schema). Each step does only what is missing,
so running it again changes nothing, and a shop stocked by an older version gets what it lacks."""
from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.db.models import QuerySet

from storefront.demo import ATTRIBUTION
from storefront.demo.catalog import describe, ranges_of, read_products, variants_of
from storefront.demo.history import history_load, history_loaded, history_payments_repair
from storefront.demo.pictures import draw_product
from storefront.images import image_add
from storefront.imports import parse_row, write_groups
from storefront.models import Product

OLD_DESCRIPTION = "From the UCI Online Retail data set (Daqing Chen, 2012; CC BY 4.0)."


@dataclass
class LoadReport:
    products: int = 0
    pictures: int = 0
    orders: int = 0
    seconds: dict[str, float] = field(default_factory=dict)


def catalog_needed() -> bool:
    return not Product.objects.exists() or Product.objects.filter(description=OLD_DESCRIPTION).exists()


def catalog_load(*, limit: int | None = None) -> int:
    """Through the same bulk path as a CSV import, so the demo exercises the real code."""
    products = read_products(limit)
    by_code = {p.code: p for p in products}
    ranges = ranges_of(products)
    groups: dict[str, list] = {}
    line = 1
    # the best sellers last, so that they are the newest and lead the default listing
    for rank, product in reversed(list(enumerate(products))):
        description = describe(product, by_code=by_code, ranges=ranges, rank=rank)
        for n, variant in enumerate(variants_of(product)):
            line += 1
            option = next(iter(variant.get("options", {}).items()), ("", ""))
            groups.setdefault(product.handle, []).append((line, parse_row({
                "handle": product.handle, "title": product.title, "description": description,
                "category": product.category, "sku": variant["sku"], "price": str(variant["price"]),
                "compare_at_price": str(variant.get("compare_at_price") or ""),
                "option1_name": option[0], "option1_value": option[1],
                "stock": str((product.times_sold % 97 + 3) // (n * 3 + 1) + 2 * (n > 0))})))
    write_groups(groups)
    # best-selling order follows the real shop's sales
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {Product._meta.db_table} p SET sold_count = t.sold "
                       "FROM unnest(%s::text[], %s::int[]) AS t(slug, sold) WHERE p.slug = t.slug",
                       [[p.handle for p in products], [p.times_sold for p in products]])
    return len(products)


def pictures_load(*, products: QuerySet[Product]) -> int:
    """A picture for each of these demo products that has none (a merchant's own products are
    left alone), through the real image service: checked, thumbnailed and stored under the
    shop's media prefix like an upload."""
    missing = list(products.filter(images__isnull=True).select_related("category"))

    def draw(product: Product) -> bytes:
        return draw_product(product.title, product.category.name if product.category else "Gifts")

    # One thread draws the next pictures while this one stores them (Pillow lets go of the GIL
    # while it encodes); one, because a FreeType font must not be used by two threads at once.
    with ThreadPoolExecutor(max_workers=1) as painter:
        for product, data in zip(missing, painter.map(draw, missing), strict=True):
            image_add(product=product, upload=SimpleUploadedFile("demo.png", data, "image/png"), alt=product.title)
    return len(missing)


def riverside_load(*, limit: int | None = None, shopper_email: str | None = None) -> LoadReport:
    report = LoadReport()
    started = time.perf_counter()
    if catalog_needed():
        report.products = catalog_load(limit=limit)
    report.seconds["catalog"] = time.perf_counter() - started
    started = time.perf_counter()
    handles = [p.handle for p in read_products(limit)]
    report.pictures = pictures_load(products=Product.objects.filter(slug__in=handles))
    report.seconds["pictures"] = time.perf_counter() - started
    started = time.perf_counter()
    if not history_loaded():
        report.orders = history_load(shopper_email=shopper_email)
    else:
        history_payments_repair()
    report.seconds["history"] = time.perf_counter() - started
    return report


__all__ = ["ATTRIBUTION", "LoadReport", "riverside_load"]
