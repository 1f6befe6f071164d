"""Writes on the catalog: products with their variants, categories."""
from __future__ import annotations

from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils.text import slugify

from saas.kernel.errors import AppError, ErrorCode
from storefront.catalog_cache import catalog_changed
from storefront.errors import StorefrontErrorCode
from storefront.models import Category, Product, ProductStatus, ProductVariant

MAX_STOCK = 10_000_000


def unique_slug(model, text: str, *, exclude_pk: int | None = None, max_length: int = 200) -> str:
    base = slugify(text)[:max_length] or "item"
    slug, n = base, 2
    qs = model.objects.exclude(pk=exclude_pk) if exclude_pk else model.objects.all()
    while qs.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def product_refresh_summary(*, product: Product, bump: bool = True) -> None:
    """Recomputes the listing fields kept on the product from its variants."""
    variants = list(product.variants.all())
    cheapest = min(variants, key=lambda v: v.price, default=None)
    product.min_price = cheapest.price if cheapest else Decimal("0.00")
    product.compare_at_price = cheapest.compare_at_price if cheapest else None
    product.total_stock = sum(max(v.stock, 0) for v in variants)
    names: list[str] = []
    for v in variants:
        names.extend(k for k in v.options if k not in names)
    product.option_names = names
    product.save(update_fields=["min_price", "compare_at_price", "total_stock", "option_names", "updated_at"])
    if bump:  # a bulk writer bumps once for the batch
        catalog_changed()


def _variant_title(options: dict, fallback: str) -> str:
    return " / ".join(str(v) for v in options.values()) or fallback


def _sku_taken(sku: str, position: int) -> AppError:
    message = f"SKU {sku} is already used by another variant."
    return AppError(StorefrontErrorCode.SKU_TAKEN, message, fields={f"variants.{position}.sku": [message]})


def _write_variants(product: Product, variants: list[dict]) -> None:
    if not variants:
        raise AppError(ErrorCode.VALIDATION_ERROR, "A product needs at least one variant.",
                       fields={"variants": ["Add at least one variant (SKU, price, stock)."]})
    skus = [v["sku"] for v in variants]
    if len(set(skus)) != len(skus):
        again = next(i for i, sku in enumerate(skus) if sku in skus[:i])
        raise AppError(ErrorCode.VALIDATION_ERROR, "Each variant needs its own SKU.",
                       fields={f"variants.{again}.sku": ["Another variant of this product has this SKU."]})
    keep: list[int] = []
    existing = {v.pk: v for v in product.variants.select_for_update().order_by("id")}
    for position, data in enumerate(variants):
        variant = existing.get(int(data["id"])) if data.get("id") else None
        if data.get("id") and variant is None:
            raise AppError(ErrorCode.VALIDATION_ERROR, "A variant does not belong to this product.",
                           fields={"variants": [f"Unknown variant id {data['id']}."]})
        stock = data.get("stock", 0)
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


@transaction.atomic
def product_create(*, title: str, variants: list[dict], description: str = "", status: str = ProductStatus.ACTIVE,
                   category: Category | None = None, slug: str = "") -> Product:
    product = Product.objects.create(title=title.strip(), slug=slug or unique_slug(Product, title),
                                     description=description, status=status, category=category)
    _write_variants(product, variants)
    product_refresh_summary(product=product)
    return product


@transaction.atomic
def product_update(*, product: Product, variants: list[dict] | None = None, **fields) -> Product:
    # variants before the product row: the order checkout locks them in
    list(product.variants.select_for_update().order_by("id").values_list("id", flat=True))
    for key, value in fields.items():
        setattr(product, key, value)
    product.save()
    if variants is not None:
        _write_variants(product, variants)
    product_refresh_summary(product=product)
    return product


def product_archive(*, product: Product) -> Product:
    product.status = ProductStatus.ARCHIVED
    product.save(update_fields=["status", "updated_at"])
    catalog_changed()
    return product


def category_create(*, name: str, parent: Category | None = None) -> Category:
    category = Category.objects.create(name=name.strip(), slug=unique_slug(Category, name, max_length=130),
                                       parent=parent)
    catalog_changed()
    return category


