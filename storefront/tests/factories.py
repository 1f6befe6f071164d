"""Test data for the commerce domain, created in whatever schema the connection is set to."""
from __future__ import annotations

from decimal import Decimal
from itertools import count

from storefront.models import Product
from storefront.services import product_create

_seq = count(1)


def make_product(title: str = "Mug", price: str = "10.00", stock: int = 5, sizes: tuple[str, ...] = (),
                 **kwargs) -> Product:
    n = next(_seq)
    if sizes:
        variants = [{"sku": f"T{n}-{size}", "options": {"Size": size}, "price": Decimal(price), "stock": stock}
                    for size in sizes]
    else:
        variants = [{"sku": f"T{n}", "price": Decimal(price), "stock": stock}]
    return product_create(title=title, variants=variants, **kwargs)
