"""Writes on the catalog: products with their variants, categories; the bulk form of the same
writes for the CSV import and the demo loader. Each announces what it did after commit
(ProductCreated/Updated/Deleted, one ProductsImported per batch, StockLow)."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, cast

from django.db import IntegrityError, connection, transaction
from django.db.models import Field, Model, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.text import slugify

from saas.kernel.errors import AppError, ErrorCode
from saas.kernel.events import publish
from saas.kernel.tenancy import current_schema
from storefront import events
from storefront.catalog_cache import catalog_changed
from storefront.errors import StorefrontErrorCode
from storefront.models import Category, Product, ProductStatus, ProductVariant, ShopSettings
from tenants import limits

MAX_STOCK = 10_000_000


def unique_slug(model, text: str, *, exclude_pk: int | None = None, max_length: int = 200) -> str:
    base = slugify(text)[:max_length] or "item"
    slug, n = base, 2
    qs = model.objects.exclude(pk=exclude_pk) if exclude_pk else model.objects.all()
    while qs.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


SUMMARY_FIELDS = ["min_price", "compare_at_price", "total_stock", "option_names", "updated_at"]


def _summarise(product: Product, variants: list[ProductVariant]) -> None:
    """Sets the listing fields kept on the product from its variants (in their position order)."""
    cheapest = min(variants, key=lambda v: v.price, default=None)
    product.min_price = cheapest.price if cheapest else Decimal("0.00")
    product.compare_at_price = cheapest.compare_at_price if cheapest else None
    product.total_stock = sum(max(v.stock, 0) for v in variants)
    names: list[str] = []
    for v in variants:
        names.extend(k for k in v.options if k not in names)
    product.option_names = names


def product_refresh_summary(*, product: Product, bump: bool = True) -> None:
    """Recomputes the listing fields kept on the product from its variants."""
    _summarise(product, list(product.variants.all()))
    product.save(update_fields=SUMMARY_FIELDS)
    if bump:  # a bulk writer bumps once for the batch
        catalog_changed()


def _variant_title(options: dict, fallback: str) -> str:
    return " / ".join(str(v) for v in options.values()) or fallback


def _sku_taken(sku: str, position: int) -> AppError:
    message = f"SKU {sku} is already used by another variant."
    return AppError(StorefrontErrorCode.SKU_TAKEN, message, fields={f"variants.{position}.sku": [message]})


def _variants_check(variants: list[dict]) -> None:
    """The rules every write of a product's variants keeps, one at a time or in bulk."""
    if not variants:
        raise AppError(ErrorCode.VALIDATION_ERROR, "A product needs at least one variant.",
                       fields={"variants": ["Add at least one variant (SKU, price, stock)."]})
    skus = [v["sku"] for v in variants]
    if len(set(skus)) != len(skus):
        again = next(i for i, sku in enumerate(skus) if sku in skus[:i])
        raise AppError(ErrorCode.VALIDATION_ERROR, "Each variant needs its own SKU.",
                       fields={f"variants.{again}.sku": ["Another variant of this product has this SKU."]})
    for position, data in enumerate(variants):
        for name in ("price", "compare_at_price"):
            value = None if data.get(name) is None else Decimal(str(data[name]))
            if value is not None and (not value.is_finite() or value < 0 or value >= Decimal("1e10")):
                message = f"The {name.replace('_', ' ')} must be from 0 to 9,999,999,999.99."
                raise AppError(ErrorCode.VALIDATION_ERROR, message, fields={f"variants.{position}.{name}": [message]})
        stock = data.get("stock", 0)
        if not 0 <= stock <= MAX_STOCK:
            message = f"Stock can be at most {MAX_STOCK:,} (this change would make it {stock:,})."
            raise AppError(ErrorCode.VALIDATION_ERROR, message, fields={f"variants.{position}.stock": [message]})


def _low_stock_default() -> int:
    return int(ShopSettings._meta.get_field("low_stock_threshold").get_default())


def low_stock_threshold() -> int:
    value = ShopSettings.objects.filter(pk=1).values_list("low_stock_threshold", flat=True).first()
    return _low_stock_default() if value is None else value


def low_stock_threshold_subquery() -> Coalesce:
    """The threshold as a column, for a caller that reads the variants anyway (checkout)."""
    return Coalesce(Subquery(ShopSettings.objects.filter(pk=1).values("low_stock_threshold")[:1]),
                    Value(_low_stock_default()))


def stock_low_announce(*, changes: Iterable[tuple[ProductVariant, int]], threshold: int | None = None) -> None:
    """StockLow for each (variant, its stock before) whose stock fell to the shop's threshold or
    below by this write; a variant already below it is not announced again."""
    fell = [(variant, before) for variant, before in changes if variant.stock < before]
    if not fell:
        return
    threshold = low_stock_threshold() if threshold is None else threshold
    for variant, before in fell:
        if variant.stock <= threshold < before:
            publish(events.StockLow(schema_name=current_schema(), product_id=variant.product_id,
                                    variant_id=variant.pk, sku=variant.sku, stock=variant.stock))


def _announce(event_type: type[events.ProductEvent], product: Product) -> None:
    publish(event_type(schema_name=current_schema(), product_id=product.pk, slug=product.slug))


def _write_variants(product: Product, variants: list[dict]) -> None:
    _variants_check(variants)
    keep: list[int] = []
    stock_before: list[tuple[ProductVariant, int]] = []
    existing = {v.pk: v for v in product.variants.select_for_update().order_by("id")}
    for position, data in enumerate(variants):
        variant = existing.get(int(data["id"])) if data.get("id") else None
        if data.get("id") and variant is None:
            raise AppError(ErrorCode.VALIDATION_ERROR, "A variant does not belong to this product.",
                           fields={"variants": [f"Unknown variant id {data['id']}."]})
        stock = data.get("stock", 0)
        if variant is not None:
            stock_before.append((variant, variant.stock))
        if variant is not None and data.get("stock_was") is not None:
            # apply the editor's change to today's stock: units sold meanwhile stay sold
            stock = max(variant.stock + stock - data["stock_was"], 0)
        if stock > MAX_STOCK:
            message = f"Stock can be at most {MAX_STOCK:,} (this change would make it {stock:,})."
            raise AppError(ErrorCode.VALIDATION_ERROR, message, fields={f"variants.{position}.stock": [message]})
        title = data.get("title") or _variant_title(data.get("options") or {}, "Default")
        fields = {"sku": data["sku"], "title": title, "options": data.get("options") or {}, "price": data["price"],
                  "compare_at_price": data.get("compare_at_price"), "stock": stock, "position": position}
        try:
            with transaction.atomic():
                if variant is None:
                    variant = ProductVariant.objects.create(product=product, **fields)
                else:
                    for key, value in fields.items():
                        setattr(variant, key, value)
                    variant.save()
        except IntegrityError as exc:
            raise _sku_taken(data["sku"], position) from exc
        keep.append(variant.pk)
    product.variants.exclude(pk__in=keep).delete()
    stock_low_announce(changes=stock_before)


@transaction.atomic
def product_create(*, title: str, variants: list[dict], description: str = "", status: str = ProductStatus.ACTIVE,
                   category: Category | None = None, slug: str = "") -> Product:
    limits.products_check(adding=int(status != ProductStatus.ARCHIVED))
    product = Product.objects.create(title=title.strip(), slug=slug or unique_slug(Product, title),
                                     description=description, status=status, category=category)
    _write_variants(product, variants)
    product_refresh_summary(product=product)
    _announce(events.ProductCreated, product)
    return product


@transaction.atomic
def product_update(*, product: Product, variants: list[dict] | None = None, **fields) -> Product:
    # variants before the product row: the order checkout locks them in
    list(product.variants.select_for_update().order_by("id").values_list("id", flat=True))
    unarchiving = product.status == ProductStatus.ARCHIVED and fields.get("status", product.status) != product.status
    limits.products_check(adding=int(unarchiving))
    for key, value in fields.items():
        setattr(product, key, value)
    product.save()
    if variants is not None:
        _write_variants(product, variants)
    product_refresh_summary(product=product)
    _announce(events.ProductUpdated, product)
    return product


@transaction.atomic
def product_archive(*, product: Product) -> Product:
    """The dashboard's delete: the product leaves the shop (its order lines keep their copy of
    it), so subscribers hear ProductDeleted."""
    product.status = ProductStatus.ARCHIVED
    product.save(update_fields=["status", "updated_at"])
    catalog_changed()
    _announce(events.ProductDeleted, product)
    return product


def category_create(*, name: str, parent: Category | None = None) -> Category:
    category = Category.objects.create(name=name.strip(), slug=unique_slug(Category, name, max_length=130),
                                       parent=parent)
    catalog_changed()
    return category


# the bulk form (CSV import, demo loader) -----------------------------------------------------

@dataclass
class BulkProduct:
    """One product of a batch, matched by its slug (an existing product is updated). Each
    variant dict is as for product_create, plus an optional "ref" (the CSV line) that its
    errors carry back."""
    slug: str
    title: str
    variants: list[dict]
    description: str = ""
    status: str = ProductStatus.ACTIVE
    category: str = ""  # a name; created when the shop has none of that name
    ref: Any = None


@dataclass
class BulkResult:
    created: int = 0
    updated: int = 0
    variants_created: int = 0
    variants_updated: int = 0
    products: dict[str, Product] = field(default_factory=dict)  # those written, by the slug the item gave
    errors: list[tuple[Any, str]] = field(default_factory=list)  # (ref, message)


def _bulk_update(model: type[Model], objs: list, fields: list[str]) -> None:
    """`UPDATE ... FROM (VALUES ...)`, one statement per thousand rows. Django's bulk_update
    builds a CASE expression per field and row, which took most of a 10,000-row import's time."""
    if not objs:
        return
    meta, quote = model._meta, connection.ops.quote_name
    pk = cast(Field, meta.pk)
    columns = [cast(Field, meta.get_field(name)) for name in fields]
    row = "(" + ", ".join(f"%s::{f.db_type(connection)}" for f in [pk, *columns]) + ")"
    names = ", ".join(quote(f.column) for f in [pk, *columns])
    assignments = ", ".join(f"{quote(f.column)} = v.{quote(f.column)}" for f in columns)
    for start in range(0, len(objs), 1000):
        chunk = objs[start:start + 1000]
        params = [value for obj in chunk for value in (
            pk.get_db_prep_value(obj.pk, connection),
            *(f.get_db_prep_save(getattr(obj, f.attname), connection) for f in columns))]
        with connection.cursor() as cursor:
            cursor.execute(f"UPDATE {quote(meta.db_table)} AS t SET {assignments} FROM (VALUES "
                           f"{', '.join([row] * len(chunk))}) AS v({names}) "
                           f"WHERE t.{quote(pk.column)} = v.{quote(pk.column)}", params)


def _category_named(name: str, categories: dict[str, Category]) -> Category | None:
    if not name:
        return None
    category = categories.get(name.lower())
    if category is None:
        category = Category.objects.create(name=name, slug=unique_slug(Category, name, max_length=130))
        categories[name.lower()] = category
    return category


@transaction.atomic
def products_bulk_write(*, items: list[BulkProduct]) -> BulkResult:
    """Creates or updates a batch of products in a fixed number of queries, under the rules
    product_create keeps (a slug per product, prices and stock in range, a SKU used once: a SKU
    of another product is refused for its own row, the product's other rows are written).
    Variants the batch does not name are kept. Announces one ProductsImported for the batch,
    and StockLow for the variants it brought down to the threshold."""
    result = BulkResult()
    existing = Product.objects.in_bulk([slugify(item.slug)[:200] for item in items], field_name="slug")
    limits.products_check(adding=len({slugify(item.slug)[:200] for item in items
                                      if item.status != ProductStatus.ARCHIVED} - set(existing)))
    skus = [v["sku"] for item in items for v in item.variants]
    taken = {v.sku: v for v in ProductVariant.objects.filter(sku__in=skus).select_related("product")}
    categories = {c.name.lower(): c for c in Category.objects.all()}
    now = timezone.now()
    plan: list[tuple[Product, list[dict], str]] = []
    seen_slugs: set[str] = set()
    seen_skus: set[str] = set()
    for item in items:
        slug = slugify(item.slug)[:200]
        if not slug or slug in seen_slugs:
            result.errors.append((item.ref, f"handle {item.slug!r} is empty or repeated in the batch"))
            continue
        seen_slugs.add(slug)
        rows = []
        for data in item.variants:
            owner = taken.get(data["sku"])
            if owner is not None and owner.product.slug != slug:
                result.errors.append((data.get("ref"), f"sku {data['sku']} belongs to product {owner.product.slug}"))
            elif data["sku"] in seen_skus:
                result.errors.append((data.get("ref"), f"sku {data['sku']} is in the batch twice"))
            else:
                rows.append(data)
        if not rows:
            continue
        try:
            _variants_check(rows)
        except AppError as exc:
            result.errors.append((item.ref, exc.message))
            continue
        seen_skus.update(data["sku"] for data in rows)
        category = _category_named(item.category, categories)
        product = existing.get(slug) or Product(slug=slug)
        product.title, product.description, product.status = item.title.strip(), item.description, item.status
        product.category = category or product.category
        product.updated_at = now
        plan.append((product, rows, item.slug))
    new_products = [product for product, _, _ in plan if product.pk is None]
    _bulk_update(Product, [product for product, _, _ in plan if product.pk is not None],
                 ["title", "description", "status", "category", "updated_at"])
    Product.objects.bulk_create(new_products)
    result.created, result.updated = len(new_products), len(plan) - len(new_products)
    new_variants, changed, stock_before = [], [], []
    for product, rows, given in plan:
        for position, data in enumerate(rows):
            options = data.get("options") or {}
            values = {"title": data.get("title") or _variant_title(options, "Default"), "options": options,
                      "price": data["price"], "compare_at_price": data.get("compare_at_price"),
                      "stock": data.get("stock", 0), "position": position}
            variant = taken.get(data["sku"])
            if variant is None:
                new_variants.append(ProductVariant(product=product, sku=data["sku"], **values))
                continue
            stock_before.append((variant, variant.stock))
            for key, value in values.items():
                setattr(variant, key, value)
            changed.append(variant)
        result.products[given] = product
    ProductVariant.objects.bulk_create(new_variants)
    _bulk_update(ProductVariant, changed, ["title", "options", "price", "compare_at_price", "stock", "position"])
    result.variants_created, result.variants_updated = len(new_variants), len(changed)
    by_product: dict[int, list[ProductVariant]] = {product.pk: [] for product, _, _ in plan}
    for variant in ProductVariant.objects.filter(product_id__in=list(by_product)).order_by("position", "id"):
        by_product[variant.product_id].append(variant)
    for product, _, _ in plan:
        _summarise(product, by_product[product.pk])
    _bulk_update(Product, [product for product, _, _ in plan], SUMMARY_FIELDS)
    if plan:
        catalog_changed()
        stock_low_announce(changes=stock_before)
        publish(events.ProductsImported(schema_name=current_schema(),
                                        product_ids=tuple(product.pk for product, _, _ in plan)))
    return result
