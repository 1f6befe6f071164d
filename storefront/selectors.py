"""Reads of the commerce domain. List selectors fetch a constant number of queries per page."""
from __future__ import annotations

import unicodedata
from decimal import Decimal, InvalidOperation

from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramSimilarity
from django.core.files.storage import default_storage
from django.db.models import BooleanField, Case, Count, F, FloatField, Prefetch, Q, QuerySet, Sum, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Lower

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


MAX_PRICE = Decimal(10) ** 10  # the money columns hold 12 digits, 2 after the point


def _decimal(value: str | None, field: str) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        number = Decimal(value)
    except InvalidOperation as exc:
        raise AppError("validation_error", "Use a number.", fields={field: ["Use a number."]}) from exc
    if not number.is_finite() or number < 0:
        raise AppError("validation_error", "Use a positive number.", fields={field: ["Use a positive number."]})
    if number >= MAX_PRICE:
        raise AppError("validation_error", "That price is too large.",
                       fields={field: [f"Use a number below {MAX_PRICE:,}."]})
    return number


def first_image_prefetch() -> Prefetch:
    return Prefetch("images", queryset=ProductImage.objects.order_by("position", "id"), to_attr="image_list")


def search_words(term: str) -> list[str]:
    """The words of a search, lower-cased, accents folded, punctuation dropped ("—" has none)."""
    folded = "".join(ch for ch in unicodedata.normalize("NFKD", term.lower()) if not unicodedata.combining(ch))
    return "".join(ch if ch.isalnum() else " " for ch in folded).split()[:8]


def typo_distance(word: str) -> int:
    """Edits a word may be away from a title's word and still match: none for short words
    ("mug" must not find "mushroom"), one from four letters, two from seven."""
    return 0 if len(word) < 4 else 1 if len(word) < 7 else 2


# One condition per word, all required: the word (stemmed, or as a prefix) in the search vector,
# or, for a typo, a word of the title within a few edits of it (of four letters or more, with the
# same first letter: "teap" must not find "tea", nor "lant" "plant"). The trigram operator narrows the
# rows by the title's trigram index; the edit distance then decides, on word boundaries, so that
# "lantern" no longer finds "plant ladder". English stop words ("the", "of") need no match.
_WORD_MATCH = "(numnode(to_tsquery('english', %s)) = 0 OR \"storefront_product\".\"search_vector\" @@ to_tsquery('english', %s)"
_TYPO_MATCH = (" OR (%s <%% \"storefront_product\".\"title\" AND EXISTS (SELECT 1 FROM regexp_split_to_table("
               "lower(\"storefront_product\".\"title\"), '[^[:alnum:]]+') AS t(word) "
               "WHERE length(t.word) > 3 AND left(t.word, 1) = left(%s, 1) "
               "AND public.levenshtein_less_equal(t.word, %s, %s) <= %s))")


def product_search(qs: QuerySet[Product], term: str) -> QuerySet[Product]:
    """Every word must match, by full text (stemmed; prefixes, so partial words work) or, from
    four letters on, as a typo of a title word. Ranked: all words matched by full text first,
    then full-text rank (title above description), then how alike the whole title is."""
    words = search_words(term)
    for word in words:
        sql, params = _WORD_MATCH, [f"{word}:*", f"{word}:*"]
        if typo_distance(word):
            sql += _TYPO_MATCH
            params += [word, word, word, typo_distance(word), typo_distance(word)]
        qs = qs.filter(RawSQL(sql + ")", params, output_field=BooleanField()))
    every = SearchQuery(" & ".join(f"{w}:*" for w in words), search_type="raw", config="english")
    either = SearchQuery(" | ".join(f"{w}:*" for w in words), search_type="raw", config="english")
    exact = Case(When(search_vector=every, then=Value(1.0)), default=Value(0.0), output_field=FloatField())
    return qs.annotate(rank=exact + SearchRank(F("search_vector"), either)
                       + TrigramSimilarity(Lower("title"), " ".join(words)))


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
    if not search_words(search):
        search = ""  # punctuation only: no search rather than an error
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
