"""Reads of the commerce domain. List selectors fetch a constant number of queries per page."""
from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.db.models import Case, Count, F, FloatField, Prefetch, Q, QuerySet, Sum, Value, When
from django.db.models.expressions import OuterRef, Subquery
from django.db.models.functions import JSONObject

from saas.accounts.models import Role, User
from saas.kernel.errors import AppError, ErrorCode, NotFound
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
        raise AppError(ErrorCode.VALIDATION_ERROR, "Use a number.", fields={field: ["Use a number."]}) from exc
    if not number.is_finite() or number < 0:
        raise AppError(ErrorCode.VALIDATION_ERROR, "Use a positive number.", fields={field: ["Use a positive number."]})
    if number >= MAX_PRICE:  # the storefront's filter form says the same (frontend/src/lib/format.ts)
        largest = f"Prices go up to {MAX_PRICE - Decimal('0.01'):,}."
        raise AppError(ErrorCode.VALIDATION_ERROR, largest, fields={field: [largest]})
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


# A word found nowhere in the catalog by full text may be a typo: it is replaced by the title
# words a few edits away from it (of four letters or more, with the same first letter: "teap"
# must not find "tea", nor "lant" "plant"), closest first. The candidates are the shop's title
# words (storefront_titleword, a few thousand rows kept by triggers) found by their trigram
# index, so "lantern" no longer finds "plant ladder"; the edit distance decides. Each word is
# checked and, when found nowhere, corrected in the same statement; the search itself is then
# one full-text condition on the search vector's GIN index.
_WORD = """SELECT nodes, found, CASE WHEN NOT found AND nodes > 0 AND %(edits)s > 0 THEN ARRAY(
        SELECT word FROM storefront_titleword WHERE %(word)s <%% word AND left(word, 1) = left(%(word)s, 1)
            AND public.levenshtein_less_equal(word, %(word)s, %(edits)s) <= %(edits)s
        ORDER BY public.levenshtein_less_equal(word, %(word)s, %(edits)s), word LIMIT 5) END
    FROM (SELECT numnode(to_tsquery('english', %(prefix)s)) AS nodes, {found} AS found) checked"""
_FOUND = ("EXISTS (SELECT 1 FROM storefront_product WHERE status = 'active' "
          "AND search_vector @@ to_tsquery('english', %(prefix)s))")


def search_query(words: list[str], *, none_match: bool = False) -> str | None:
    """The to_tsquery text for the words ("" when all are stop words), or None when a word
    matches nothing, not even as a typo. `none_match`: the caller already found that the
    words together match no product at all (a search of one word, with no other filter)."""
    args = {f"{name}{n}": value for n, w in enumerate(words)
            for name, value in (("word", w), ("prefix", f"{w}:*"), ("edits", typo_distance(w)))}

    def checks(found: str) -> str:  # one row a word, in the words' order
        return " UNION ALL ".join(
            "(" + re.sub(r"%\((word|prefix|edits)\)s", rf"%(\g<1>{n})s", _WORD.format(found=found)) + ")"
            for n in range(len(words)))
    with connection.cursor() as cursor:
        if none_match and len(words) == 1:
            cursor.execute(checks("false"), args)
            checked = cursor.fetchall()
        else:
            with transaction.atomic():
                # A word found nowhere made the planner read the whole table: it expects the
                # first match soon and skips the search vector's index. Only the index is asked.
                cursor.execute("SET LOCAL enable_seqscan = off")
                cursor.execute(checks(_FOUND), args)
                checked = cursor.fetchall()
                cursor.execute("SET LOCAL enable_seqscan TO DEFAULT")  # for a transaction this is inside
    parts = []
    for word, (nodes, found, fixes) in zip(words, checked, strict=True):
        if nodes == 0:
            continue  # a stop word ("the", "of")
        if found:
            parts.append(f"{word}:*")
        elif not fixes:
            return None
        else:
            parts.append("(" + " | ".join(fixes) + ")")
    return " & ".join(parts)


def in_titles(text: str) -> str:
    """The to_tsquery text with every word restricted to the title's lexemes (weight A)."""
    return _LEXEME.sub(lambda m: f"{m.group(1)}:{'*' if m.group(2) else ''}A", text)


_LEXEME = re.compile(r"(\w+)(:\*)?")


def product_search(qs: QuerySet[Product], term: str) -> QuerySet[Product]:
    """Every word must match, by full text (stemmed; prefixes, so partial words work) or, from
    four letters on, as a typo of a title word. When some products have every word in their
    title, only they are found: descriptions name other products ("often bought with the white
    hanging heart t-light holder"), and a match through them alone is not what was looked for.
    Ranked by full-text rank (title above description), then by how alike the whole title is
    (an exact name comes first)."""
    words = search_words(term)
    text = search_query(words)
    if text is None or not text:
        qs = qs.none() if text is None else qs
        return qs.annotate(rank=Value(0.0, output_field=FloatField()))
    query = SearchQuery(text, search_type="raw", config="english")
    titled = SearchQuery(in_titles(text), search_type="raw", config="english")
    matches = qs.filter(search_vector=query)
    if matches.filter(search_vector=titled).exists():
        matches = matches.filter(search_vector=titled)
    # (a trigram similarity of the whole title ranked as well, but cost 20 µs a matching row)
    exact = Case(When(title__iexact=term.strip(), then=Value(1.0)), default=Value(0.0), output_field=FloatField())
    return matches.annotate(rank=SearchRank(F("search_vector"), query) + exact)


def product_list(*, search: str = "", category: str = "", min_price: str | None = None,
                 max_price: str | None = None, in_stock: str | None = None, sort: str = "") -> QuerySet[Product]:
    qs = Product.objects.filter(status=ProductStatus.ACTIVE)
    if category:
        qs = qs.filter(category_id__in=Category.objects.filter(Q(slug=category) | Q(parent__slug=category))
                       .values("id"))
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
        raise AppError(ErrorCode.VALIDATION_ERROR, "Unknown sort.",
                       fields={"sort": [f"Use one of relevance, {', '.join(SORTS)}."]})
    order: tuple[str, ...]
    if search and sort in ("", "relevance"):
        order = ("-rank", "-sold_count", "-id")
    else:
        order = SORTS.get(sort or "newest", SORTS["newest"])
    return qs.order_by(*order)


CARD_FIELDS = ("id", "slug", "title", "min_price", "compare_at_price", "total_stock", "category__slug",
               "category__name", "first_image")


def card_values(qs: QuerySet[Product]) -> QuerySet:
    """The columns of a product card, the first image included, in the list's one query."""
    first = (ProductImage.objects.filter(product_id=OuterRef("pk")).order_by("position", "id")
             .values(json=JSONObject(id="id", image="image", thumbnail="thumbnail", alt="alt"))[:1])
    return qs.annotate(first_image=Subquery(first)).values(*CARD_FIELDS)


def product_cards(rows: list[dict], *, currency: str) -> list[dict]:
    """The product-card shape of ProductCardSerializer, built from `card_values()` rows: the list
    is the hottest read of a shop, and model instances and serializer fields cost more than the
    query (measured: 3.5 ms a page)."""
    cards = []
    for row in rows:
        image = row["first_image"]
        cards.append({
            "id": row["id"], "slug": row["slug"], "title": row["title"], "price": f"{row['min_price']:.2f}",
            "compare_at_price": f"{row['compare_at_price']:.2f}" if row["compare_at_price"] is not None else None,
            "currency": currency, "in_stock": row["total_stock"] > 0,
            "image": {"id": image["id"], "url": default_storage.url(image["image"]),
                      "thumb_url": default_storage.url(image["thumbnail"] or image["image"]), "alt": image["alt"]}
            if image else None,
            "category": {"slug": row["category__slug"], "name": row["category__name"]} if row["category__slug"]
            else None,
        })
    return cards


def product_detail(*, slug: str, staff: bool = False) -> Product:
    qs = Product.objects.select_related("category").prefetch_related(
        Prefetch("variants", queryset=ProductVariant.objects.order_by("position", "id")), first_image_prefetch())
    if not staff:
        qs = qs.filter(status=ProductStatus.ACTIVE)
    product = qs.filter(slug=slug).first()
    if product is None:
        raise NotFound("No such product.")
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
    return Order.objects.prefetch_related("lines", "events", "payments")


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
