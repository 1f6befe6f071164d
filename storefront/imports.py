"""CSV import and export of the catalog. One row per variant; rows sharing a handle form one
product. Bad rows are reported by line and skipped; good rows are written in batches."""
from __future__ import annotations

import csv
import io
import logging
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from storefront.catalog_cache import catalog_changed
from storefront.models import Category, ImportJob, Product, ProductStatus, ProductVariant
from storefront.services import product_refresh_summary, unique_slug

logger = logging.getLogger(__name__)

COLUMNS = ["handle", "title", "description", "status", "category", "sku", "option1_name", "option1_value",
           "option2_name", "option2_value", "price", "compare_at_price", "stock"]
REQUIRED = {"handle", "title", "sku", "price"}
BATCH = 500
MAX_ROWS = 100_000


class RowError(ValueError):
    pass


def _money(value: str | None, field: str, required: bool) -> Decimal | None:
    value = (value or "").strip()
    if not value:
        if required:
            raise RowError(f"{field} is required")
        return None
    try:
        number = Decimal(value)
    except InvalidOperation as exc:
        raise RowError(f"{field} is not a number: {value!r}") from exc
    if not number.is_finite() or number < 0 or number >= Decimal("1e10"):
        raise RowError(f"{field} is out of range: {value!r}")
    return number.quantize(Decimal("0.01"))


def parse_row(row: dict) -> dict:
    handle = slugify(row.get("handle") or "")[:200]
    if not handle:
        raise RowError("handle is required")
    title = (row.get("title") or "").strip()
    sku = (row.get("sku") or "").strip()
    if not title:
        raise RowError("title is required")
    if not sku or len(sku) > 64:
        raise RowError("sku is required (at most 64 characters)")
    status = (row.get("status") or "active").strip().lower()
    if status not in ProductStatus.values:
        raise RowError(f"status must be one of {', '.join(ProductStatus.values)}")
    stock_raw = (row.get("stock") or "0").strip()
    if not (stock_raw.isascii() and stock_raw.isdigit()) or int(stock_raw) > 10_000_000:
        raise RowError(f"stock must be a whole number from 0 to 10,000,000: {stock_raw!r}")
    options = {}
    for n in ("1", "2"):
        name, value = (row.get(f"option{n}_name") or "").strip(), (row.get(f"option{n}_value") or "").strip()
        if name and value:
            options[name[:40]] = value[:80]
    return {"handle": handle, "title": title[:200], "description": (row.get("description") or "").strip(),
            "status": status, "category": (row.get("category") or "").strip()[:120], "sku": sku,
            "options": options, "price": _money(row.get("price"), "price", True),
            "compare_at_price": _money(row.get("compare_at_price"), "compare_at_price", False),
            "stock": int(stock_raw)}


def read_rows(data: bytes) -> list[tuple[int, dict]]:
    """(line number, row) pairs. Raises RowError on a file that is not a catalog CSV."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RowError("The file is not UTF-8 text.") from exc
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = REQUIRED - set(header)
    if missing:
        raise RowError(f"Missing columns: {', '.join(sorted(missing))}. Expected: {', '.join(COLUMNS)}.")
    reader.fieldnames = header
    rows: list[tuple[int, dict]] = []
    try:
        for row in reader:
            if len(rows) >= MAX_ROWS:
                raise RowError(f"At most {MAX_ROWS} rows per file.")
            rows.append((reader.line_num, row))
    except csv.Error as exc:
        raise RowError(f"Line {reader.line_num}: {exc}") from exc
    return rows


def _chunks(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _fail(job: ImportJob, message: str) -> ImportJob:
    job.status, job.finished_at = "failed", timezone.now()
    job.errors = [{"line": 0, "message": message}, *job.errors][:1000]
    job.save(update_fields=["status", "errors", "finished_at"])
    return job


def import_run(*, job: ImportJob) -> ImportJob:
    """Never leaves a job "running": an unexpected failure marks it failed, with what was
    written before it (whole batches) kept."""
    try:
        return _import(job)
    except Exception as exc:
        logger.exception("import %s failed", job.pk)
        return _fail(job, f"The import stopped: {exc.__class__.__name__}. Rows before the failure were saved.")


def _import(job: ImportJob) -> ImportJob:
    job.status = "running"
    job.save(update_fields=["status"])
    try:
        with job.file.open("rb") as f:
            rows = read_rows(f.read())
    except RowError as exc:
        return _fail(job, str(exc))
    job.total = len(rows)
    job.save(update_fields=["total"])
    errors: list[dict] = []
    parsed: list[tuple[int, dict]] = []
    first_line_of_sku: dict[str, int] = {}
    for line, row in rows:
        try:
            item = parse_row(row)
            if item["sku"] in first_line_of_sku:
                raise RowError(f"sku {item['sku']} is already on line {first_line_of_sku[item['sku']]}")
            first_line_of_sku[item["sku"]] = line
            parsed.append((line, item))
        except RowError as exc:
            errors.append({"line": line, "message": str(exc)})
    by_handle: dict[str, list[tuple[int, dict]]] = {}
    for line, item in parsed:
        by_handle.setdefault(item["handle"], []).append((line, item))
    handles = list(by_handle)
    processed_rows = len(rows) - len(parsed)
    for batch in _chunks(handles, BATCH):
        created, updated, batch_errors = write_groups({h: by_handle[h] for h in batch})
        errors.extend(batch_errors)
        processed_rows += sum(len(by_handle[h]) for h in batch)
        ImportJob.objects.filter(pk=job.pk).update(processed=processed_rows, created=job.created + created,
                                                   updated=job.updated + updated)
        job.created += created
        job.updated += updated
    job.processed = len(rows)
    job.errors = sorted(errors, key=lambda e: e["line"])[:1000]
    job.status, job.finished_at = "done", timezone.now()
    job.save(update_fields=["processed", "errors", "status", "finished_at", "created", "updated"])
    return job


@transaction.atomic
def write_groups(groups: dict[str, list[tuple[int, dict]]]) -> tuple[int, int, list[dict]]:
    errors: list[dict] = []
    existing = Product.objects.in_bulk(list(groups), field_name="slug")
    skus = [item["sku"] for rows in groups.values() for _, item in rows]
    taken = {v.sku: v for v in ProductVariant.objects.filter(sku__in=skus).select_related("product")}
    categories = {c.name.lower(): c for c in Category.objects.all()}
    created = updated = 0
    for handle, rows in groups.items():
        first = rows[0][1]
        cat_name = first["category"]
        category = None
        if cat_name:
            category = categories.get(cat_name.lower())
            if category is None:
                category = Category.objects.create(name=cat_name, slug=unique_slug(Category, cat_name,
                                                                                   max_length=130))
                categories[cat_name.lower()] = category
        product = existing.get(handle)
        good_rows = []
        for line, item in rows:
            owner = taken.get(item["sku"])
            if owner is not None and owner.product.slug != handle:
                errors.append({"line": line, "message": f"sku {item['sku']} belongs to product {owner.product.slug}"})
            else:
                good_rows.append((line, item))
        if not good_rows:
            continue
        if product is None:
            product = Product.objects.create(slug=handle, title=first["title"], description=first["description"],
                                             status=first["status"], category=category)
            created += 1
        else:
            product.title, product.description, product.status = first["title"], first["description"], first["status"]
            product.category = category or product.category
            product.save()
            updated += 1
        new, changed = [], []
        for position, (_, item) in enumerate(good_rows):
            variant = taken.get(item["sku"])
            title = " / ".join(item["options"].values()) or "Default"
            if variant is None:
                new.append(ProductVariant(product=product, sku=item["sku"], title=title, options=item["options"],
                                          price=item["price"], compare_at_price=item["compare_at_price"],
                                          stock=item["stock"], position=position))
            else:
                variant.title, variant.options, variant.price = title, item["options"], item["price"]
                variant.compare_at_price, variant.stock, variant.position = (item["compare_at_price"], item["stock"],
                                                                             position)
                changed.append(variant)
        ProductVariant.objects.bulk_create(new)
        ProductVariant.objects.bulk_update(changed, ["title", "options", "price", "compare_at_price", "stock",
                                                     "position"])
        product_refresh_summary(product=product, bump=False)
    catalog_changed()
    return created, updated, errors



def export_rows() -> Iterator[list[str]]:
    yield COLUMNS
    variants = ProductVariant.objects.select_related("product__category").order_by("product_id", "position", "id")
    for v in variants.iterator(chunk_size=2000):
        p = v.product
        opts = list(v.options.items()) + [("", "")] * 2
        yield [p.slug, p.title, p.description, p.status, p.category.name if p.category else "", v.sku,
               opts[0][0], opts[0][1], opts[1][0], opts[1][1], f"{v.price:.2f}",
               f"{v.compare_at_price:.2f}" if v.compare_at_price is not None else "", str(v.stock)]
