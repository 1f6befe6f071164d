"""Reads of the commerce domain. List selectors fetch a constant number of queries per page."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramWordSimilarity
from django.core.files.storage import default_storage
from django.db.models import Count, F, Prefetch, Q, QuerySet, Sum

from saas.accounts.models import Role, User
from saas.errors import AppError
from storefront.models import (
    Cart,
    CartLine,
    Category,
    Order,
    Product,
    ProductImage,
    ProductStatus,
    ProductVariant,
)

SORTS = {
    "price": ("min_price", "id"),
    "-price": ("-min_price", "-id"),
    "newest": ("-created_at", "-id"),
    "best_selling": ("-sold_count", "-id"),
}


def _decimal(value: str | None, field: str) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        number = Decimal(value)
    except InvalidOperation as exc:
        raise AppError("validation_error", "Use a number.", fields={field: ["Use a number."]}) from exc
    if not number.is_finite() or number < 0:
        raise AppError("validation_error", "Use a positive number.", fields={field: ["Use a positive number."]})
    return number


def first_image_prefetch() -> Prefetch:
    return Prefetch("images", queryset=ProductImage.objects.order_by("position", "id"), to_attr="image_list")


def product_search(qs: QuerySet[Product], term: str) -> QuerySet[Product]:
    """Full-text matches (stemmed, and prefixes of the last word) plus trigram word similarity,
    so partial words and typos still match; ranked by both."""
    words = [w for w in "".join(ch if ch.isalnum() else " " for ch in term.lower()).split() if w]
    if not words:
        return qs
    prefix = " & ".join(words[:-1] + [words[-1] + ":*"])
    query = SearchQuery(prefix, search_type="raw", config="english")
    return (qs.annotate(rank=SearchRank(F("search_vector"), query) + TrigramWordSimilarity(term, "title"))
            .filter(Q(search_vector=query) | Q(title__trigram_word_similar=term)))


def product_list(*, search: str = "", category: str = "", min_price: str | None = None,
                 max_price: str | None = None, in_stock: str | None = None, sort: str = "") -> QuerySet[Product]:
    qs = Product.objects.filter(status=ProductStatus.ACTIVE).select_related("category")
    if category:
        qs = qs.filter(Q(category__slug=category) | Q(category__parent__slug=category))
    low, high = _decimal(min_price, "min_price"), _decimal(max_price, "max_price")
    if low is not None:
        qs = qs.filter(min_price__gte=low)
    if high is not None:
        qs = qs.filter(min_price__lte=high)
    if in_stock in ("1", "true", "yes"):
        qs = qs.filter(total_stock__gt=0)
    search = search.strip()[:100]
    if search:
        qs = product_search(qs, search)
    if sort and sort not in SORTS and sort != "relevance":
        raise AppError("validation_error", "Unknown sort.",
                       fields={"sort": [f"Use one of relevance, {', '.join(SORTS)}."]})
    order: tuple[str, ...]
    if search and sort in ("", "relevance"):
        order = ("-rank", "-sold_count", "-id")
    else:
        order = SORTS.get(sort or "newest", SORTS["newest"])
    return qs.order_by(*order)


CARD_FIELDS = ("id", "slug", "title", "min_price", "compare_at_price", "total_stock", "category__slug",
               "category__name")


def product_cards(rows: list[dict], *, currency: str) -> list[dict]:
    """The product-card shape of ProductCardSerializer, built from `values()` rows plus one
    query for the first image of each: the list is the hottest read of a shop, and model
    instances and serializer fields cost more than the queries (measured: 3.5 ms a page)."""
    ids = [row["id"] for row in rows]
    first: dict[int, dict] = {}
    for image in (ProductImage.objects.filter(product_id__in=ids).order_by("product_id", "position", "id")
                  .values("product_id", "id", "image", "thumbnail", "alt")):
        if image["product_id"] not in first:
            first[image["product_id"]] = {
                "id": image["id"], "url": default_storage.url(image["image"]),
                "thumb_url": default_storage.url(image["thumbnail"] or image["image"]), "alt": image["alt"]}
    return [{
        "id": row["id"], "slug": row["slug"], "title": row["title"], "price": f"{row['min_price']:.2f}",
        "compare_at_price": f"{row['compare_at_price']:.2f}" if row["compare_at_price"] is not None else None,
        "currency": currency, "in_stock": row["total_stock"] > 0, "image": first.get(row["id"]),
        "category": {"slug": row["category__slug"], "name": row["category__name"]} if row["category__slug"]
        else None,
    } for row in rows]


def product_detail(*, slug: str, staff: bool = False) -> Product:
    qs = Product.objects.select_related("category").prefetch_related(
        Prefetch("variants", queryset=ProductVariant.objects.order_by("position", "id")), first_image_prefetch())
    if not staff:
        qs = qs.filter(status=ProductStatus.ACTIVE)
    product = qs.filter(slug=slug).first()
    if product is None:
        raise AppError("not_found", "No such product.", status_code=404)
    return product


def category_list() -> QuerySet[Category]:
    return Category.objects.annotate(
        product_count=Count("products", filter=Q(products__status=ProductStatus.ACTIVE)))


def cart_lines(cart: Cart | None) -> list[CartLine]:
    if cart is None:
        return []
    return list(cart.lines.select_related("variant__product").prefetch_related(
        Prefetch("variant__product__images", queryset=ProductImage.objects.order_by("position", "id"),
                 to_attr="image_list")))


def orders_for(*, user) -> QuerySet[Order]:
    return Order.objects.filter(user=user).annotate(item_count=Sum("lines__quantity")).order_by("-created_at", "-id")


def order_detail_qs() -> QuerySet[Order]:
    return Order.objects.prefetch_related("lines", "events")


def staff_orders(*, status: str = "", search: str = "") -> QuerySet[Order]:
    qs = Order.objects.annotate(item_count=Sum("lines__quantity"))
    if status:
        qs = qs.filter(status=status)
    if search.strip():
        term = search.strip()
        qs = qs.filter(Q(number=term.lstrip("#")) | Q(email__icontains=term))
    return qs.order_by("-created_at", "-id")


def customers(*, search: str = "") -> QuerySet[User]:
    qs = User.objects.filter(role=Role.CUSTOMER).annotate(
        order_count=Count("orders", distinct=True), total_spent=Sum("orders__total", filter=Q(
            orders__payment_status="paid")))
    if search.strip():
        qs = qs.filter(Q(email__icontains=search.strip()) | Q(full_name__icontains=search.strip()))
    return qs.order_by("-date_joined", "-id")
