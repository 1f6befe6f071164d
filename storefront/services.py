"""Writes on the catalog (the commerce issue extends this with variants, images, import)."""
from __future__ import annotations

from decimal import Decimal

from django.utils.text import slugify

from storefront.models import Product


def unique_slug(title: str) -> str:
    base = slugify(title)[:200] or "product"
    slug, n = base, 2
    while Product.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def product_create(*, title: str, price: Decimal, sku: str = "", description: str = "", stock: int = 0) -> Product:
    return Product.objects.create(title=title.strip(), slug=unique_slug(title), sku=sku, description=description,
                                  price=price, stock=stock)
