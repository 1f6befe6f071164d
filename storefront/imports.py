"""CSV import and export of the catalog. One row per variant. A product row (with a title)
starts a product; the variant rows after it belong to it, by the same handle or by an empty
title (and handle). Bad rows are reported by line and skipped; good rows are written in
batches; `image_url`s are fetched after each batch is written (no network inside a transaction)."""
from __future__ import annotations

import csv
import io
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from urllib.parse import urlsplit

from django.utils import timezone
from django.utils.text import slugify

from saas.kernel.errors import AppError
from storefront.models import ImportJob, Product, ProductImage, ProductStatus, ProductVariant
from storefront.services import BulkProduct, products_bulk_write
from tenants import limits

logger = logging.getLogger(__name__)

COLUMNS = ["handle", "title", "description", "status", "category", "sku", "option1_name", "option1_value",
           "option2_name", "option2_value", "price", "compare_at_price", "stock", "image_url"]
REQUIRED = {"handle", "title", "sku", "price"}
VARIANT_KEYS = ("sku", "options", "price", "compare_at_price", "stock")
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


def _image_url(value: str | None) -> str:
    url = (value or "").strip()
    if not url:
        return ""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or len(url) > 500:
        raise RowError("image_url must be an http:// or https:// address (at most 500 characters)")
    return url


def parse_row(row: dict, product: dict | None = None) -> dict:
    """One row. `product` is the parsed product row a variant row belongs to: the product's
    fields, and option names left empty, come from it."""
    sku = (row.get("sku") or "").strip()
    if not sku or len(sku) > 64:
        raise RowError("sku is required (at most 64 characters)")
    stock_raw = (row.get("stock") or "0").strip()
    if not (stock_raw.isascii() and stock_raw.isdigit()) or int(stock_raw) > 10_000_000:
        raise RowError(f"stock must be a whole number from 0 to 10,000,000: {stock_raw!r}")
    inherited = list((product or {}).get("options", {}))
    options = {}
    for i, n in enumerate(("1", "2")):
        name, value = (row.get(f"option{n}_name") or "").strip(), (row.get(f"option{n}_value") or "").strip()
        if not name and value and i < len(inherited):
            name = inherited[i]
        if name and value:
            options[name[:40]] = value[:80]
    variant = {"sku": sku, "options": options, "price": _money(row.get("price"), "price", True),
               "compare_at_price": _money(row.get("compare_at_price"), "compare_at_price", False),
               "stock": int(stock_raw), "image_url": _image_url(row.get("image_url"))}
    if product is not None:
        return {**{k: product[k] for k in ("handle", "title", "description", "status", "category")}, **variant}
    status = (row.get("status") or "active").strip().lower()
    if status not in ProductStatus.values:
        raise RowError(f"status must be one of {', '.join(ProductStatus.values)}")
    return {"handle": slugify(row.get("handle") or "")[:200], "title": (row.get("title") or "").strip()[:200],
            "description": (row.get("description") or "").strip(), "status": status,
            "category": (row.get("category") or "").strip()[:120], **variant}


def group_rows(rows: list[tuple[int, dict]]) -> tuple[dict[str, list[tuple[int, dict]]], list[dict]]:
    """Products by handle, each its product row then its variant rows; errors by line."""
    groups: dict[str, list[tuple[int, dict]]] = {}
    errors: list[dict] = []
    started: dict[str, int] = {}  # handle -> line of its product row
    current: str | None = None  # the handle the next untitled rows belong to
    current_ok = False
    first_line_of_sku: dict[str, int] = {}
    for line, row in rows:
        handle = slugify(row.get("handle") or "")[:200]
        titled = bool((row.get("title") or "").strip())
        try:
            if titled and handle != current:
                current, current_ok = None, False
                if not handle:
                    raise RowError("handle is required")
                if handle in started:
                    raise RowError(f"handle {handle} already started on line {started[handle]}: "
                                   "put a product's rows together, after its product row")
                started[handle], current = line, handle
                item = parse_row(row)
                current_ok = True
            else:
                if current is None:
                    raise RowError("title is required (a row without a title is a variant of the product row "
                                   "above it, and there is none)")
                if handle and handle != current:
                    raise RowError(f"a row without a title belongs to the product above ({current}), but its handle "
                                   f"is {handle}")
                if not current_ok:
                    raise RowError(f"skipped: the product row on line {started[current]} has an error")
                item = parse_row(row, product=groups[current][0][1])
            if item["sku"] in first_line_of_sku:
                raise RowError(f"sku {item['sku']} is already on line {first_line_of_sku[item['sku']]}")
            first_line_of_sku[item["sku"]] = line
            groups.setdefault(item["handle"], []).append((line, item))
        except RowError as exc:
            errors.append({"line": line, "message": str(exc)})
    return groups, errors


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
    except limits.PlanLimitError as exc:  # batches before it were saved
        return _fail(job, f"{exc.message} The import stopped there; the batches before it were saved.")
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
    by_handle, errors = group_rows(rows)
    handles = list(by_handle)
    processed_rows = len(rows) - sum(len(group) for group in by_handle.values())
    for batch in _chunks(handles, BATCH):
        counts, batch_errors, wanted = write_groups({h: by_handle[h] for h in batch})
        errors.extend(batch_errors)
        images_added, image_errors = fetch_images(wanted)
        errors.extend(image_errors)
        processed_rows += sum(len(by_handle[h]) for h in batch)
        job.created += counts.created
        job.updated += counts.updated
        job.variants_created += counts.variants_created
        job.variants_updated += counts.variants_updated
        job.images_added += images_added
        ImportJob.objects.filter(pk=job.pk).update(
            processed=processed_rows, created=job.created, updated=job.updated,
            variants_created=job.variants_created, variants_updated=job.variants_updated,
            images_added=job.images_added)
    job.processed = len(rows)
    job.errors = sorted(errors, key=lambda e: e["line"])[:1000]
    job.status, job.finished_at = "done", timezone.now()
    job.save(update_fields=["processed", "errors", "status", "finished_at", "created", "updated",
                            "variants_created", "variants_updated", "images_added"])
    return job


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    variants_created: int = 0
    variants_updated: int = 0


@dataclass(frozen=True)
class WantedImage:
    line: int
    url: str
    product_id: int
    variant_sku: str | None  # None: the product's own image (its product row)


def fetch_images(wanted: list[WantedImage]) -> tuple[int, list[dict]]:
    """Fetches each new image_url (one not imported before for that product) and adds it."""
    from storefront.images import image_add, image_fetch

    added, errors = 0, []
    products = Product.objects.in_bulk({w.product_id for w in wanted})
    variants = {v.sku: v for v in ProductVariant.objects.filter(sku__in=[w.variant_sku for w in wanted
                                                                          if w.variant_sku])}
    have = set(ProductImage.objects.filter(product_id__in=products).exclude(source_url="")
               .values_list("product_id", "source_url"))
    for w in wanted:
        if (w.product_id, w.url) in have:
            continue
        try:
            image_add(product=products[w.product_id], upload=image_fetch(w.url),
                      variant=variants.get(w.variant_sku or ""), source_url=w.url)
        except AppError as exc:
            errors.append({"line": w.line, "message": f"image_url: {exc.message}"})
            continue
        have.add((w.product_id, w.url))
        added += 1
    return added, errors


def write_groups(groups: dict[str, list[tuple[int, dict]]]) -> tuple[Counts, list[dict], list[WantedImage]]:
    """One batch of parsed rows, through the catalog's bulk write (its rules, one event)."""
    items = [BulkProduct(slug=handle, title=rows[0][1]["title"], description=rows[0][1]["description"],
                         status=rows[0][1]["status"], category=rows[0][1]["category"], ref=rows[0][0],
                         variants=[{**{k: item[k] for k in VARIANT_KEYS}, "ref": line} for line, item in rows])
             for handle, rows in groups.items()]
    result = products_bulk_write(items=items)
    counts = Counts(result.created, result.updated, result.variants_created, result.variants_updated)
    errors = [{"line": line, "message": message} for line, message in result.errors]
    rejected = {line for line, _ in result.errors}
    wanted: list[WantedImage] = []
    for handle, rows in groups.items():
        product = result.products.get(handle)
        if product is None:
            continue
        wanted.extend(WantedImage(line, item["image_url"], product.pk, None if line == rows[0][0] else item["sku"])
                      for line, item in rows if item["image_url"] and line not in rejected)
    return counts, errors, wanted


def export_rows() -> Iterator[list[str]]:
    yield COLUMNS
    # a variant's imported image goes back out in its row (uploaded images have no source address)
    image_urls = dict(ProductImage.objects.exclude(source_url="").filter(variant__isnull=False)
                      .order_by("-position", "-id").values_list("variant_id", "source_url"))
    variants = ProductVariant.objects.select_related("product__category").order_by("product_id", "position", "id")
    for v in variants.iterator(chunk_size=2000):
        p = v.product
        opts = list(v.options.items()) + [("", "")] * 2
        yield [p.slug, p.title, p.description, p.status, p.category.name if p.category else "", v.sku,
               opts[0][0], opts[0][1], opts[1][0], opts[1][1], f"{v.price:.2f}",
               f"{v.compare_at_price:.2f}" if v.compare_at_price is not None else "", str(v.stock),
               image_urls.get(v.pk, "")]
