from __future__ import annotations

from django.db.models import Q, QuerySet

from storefront.models import Product, ProductStatus


def product_list(*, search: str = "") -> QuerySet[Product]:
    qs = Product.objects.filter(status=ProductStatus.ACTIVE)
    search = search.strip()
    if search:
        qs = qs.filter(Q(title__icontains=search) | Q(sku__iexact=search))
    return qs.order_by("-created_at", "-id")
