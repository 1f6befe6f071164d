"""The shopper's product list and product page, each in one SQL statement.

Building these with the ORM cost more than running them: compiling the list's queryset (the
page's ids as a subquery, the first image, the count) took about 2.5 ms of CPU a request
against well under 1 ms of PostgreSQL work, so the catalog's two hottest reads are written
here as SQL with the same filters, order and shape as `selectors.product_list` and
`ProductDetailSerializer` (tests compare them on the same rows). Values always travel as
query parameters; only fixed fragments chosen here are put into the text.

Counts are exact up to COUNT_EXACT_UP_TO and the planner's estimate past it (the screens say
"about N"); the capped count runs inside the page's statement, unless this process already
knows the planner's estimate is far past the threshold. The estimate only changes when
the table's statistics do, so each process keeps it for CATALOG_ESTIMATE_TTL seconds per filter."""
from __future__ import annotations

import time
from collections import OrderedDict
from dataclasses import dataclass

import orjson
import psycopg
from django.conf import settings
from django.core.files.storage import default_storage
from django.db import connection

from saas.kernel.errors import AppError, ErrorCode
from saas.kernel.tenancy import current_schema
from storefront import catalog_cache, selectors

COUNT_EXACT_UP_TO = 1000
CLEARLY_MORE = 5  # an estimate this many times the threshold is believed without counting

# sort -> ORDER BY of the page's ids; only these columns are read for them, so that a deep
# page is an index-only scan of the index in that order
ORDERS = {
    "newest": (("created_at", "DESC"), ("id", "DESC")),
    "price": (("min_price", "ASC"), ("id", "ASC")),
    "-price": (("min_price", "DESC"), ("id", "DESC")),
    "best_selling": (("sold_count", "DESC"), ("id", "DESC")),
    "relevance": (("rank", "DESC"), ("sold_count", "DESC"), ("id", "DESC")),
}
# Deep pages start from an anchor: the sort key of every ANCHOR_EVERY-th row, read once per
# catalog version, so page 300 reads at most ANCHOR_EVERY rows before its own instead of 7,176.
# Only sorts whose keys change with catalog writes alone (each bumps the version) are anchored;
# sold_count moves with every order.
ANCHOR_EVERY = 120
ANCHORED = ("newest", "price", "-price")
ANCHORS_KEPT = 500
_anchors: OrderedDict[tuple, list[tuple]] = OrderedDict()
# The exact name's ids are found once (product_upper_title), not by upper-casing every match's title.
RANK = ("ts_rank(search_vector, to_tsquery('english'::regconfig, %(tsquery)s)) + CASE WHEN id = ANY(ARRAY("
        "SELECT id FROM storefront_product WHERE UPPER(title::text) = UPPER(%(exact)s))) THEN 1.0 ELSE 0.0 END")


@dataclass(frozen=True)
class Page:
    rows: list[tuple]
    more: bool
    count: int
    estimated: bool


_CATEGORY_IDS = ("SELECT c.id FROM storefront_category c LEFT JOIN storefront_category up ON up.id = c.parent_id"
                 " WHERE c.slug = %(category)s OR up.slug = %(category)s ORDER BY c.id")


def _filters(*, category: str, min_price, max_price, in_stock) -> tuple[list[str], dict]:
    """(WHERE conditions, parameters) of `selectors.product_list`'s filters, but the search."""
    where: list[str] = ["status = 'active'"]
    params: dict[str, object] = {}
    low = selectors._decimal(min_price, "min_price")
    high = selectors._decimal(max_price, "max_price")
    if category:
        # The category and its children's ids are read first and written into the statement: an
        # equality on one id lets the planner read that category's entries of
        # product_status_cat_price in price order (the page and its count index-only), which
        # a subquery, of unknown size to it, did not.
        ids = [row[0] for row in fetch(_CATEGORY_IDS, {"category": category})]
        if not ids:
            where.append("false")
        elif len(ids) == 1:
            where.append("category_id = %(category_id)s")
            params["category_id"] = ids[0]
        else:
            where.append("category_id = ANY(%(category_ids)s)")
            params["category_ids"] = ids
    if low is not None:
        where.append("min_price >= %(low)s")
        params["low"] = low
    if high is not None:
        where.append("min_price <= %(high)s")
        params["high"] = high
    if in_stock in ("1", "true", "yes"):
        where.append("total_stock > 0")
    return where, params


def fetch(sql: str, params: dict, bound: dict | None = None) -> list[tuple]:
    """The rows of a catalog statement, kept prepared in the session once it has run twice.

    The values of `params` are written into the text first (as Django's client-side binding
    does), so a kept plan is the plan of exactly those filters, never a generic one; what it
    saves is parsing and planning, which cost more than running a filtered page. The values of
    `bound` (where a page starts and how many rows: they do not change the plan) travel as
    parameters of the kept statement, written `BOUND("name")` in `sql`, so that the 400 pages of
    a list are two statements (from an anchor or from the start), not 400 that would churn
    psycopg's 100 kept ones. Only these
    statements are kept: Django leaves preparing off, and the ORM's many one-off texts would
    churn them too. PostgreSQL plans a kept statement again when the search path (the shop)
    changes. Logged like Django's own queries, so query counts still see it."""
    with connection.cursor() as django_cursor:  # connected, on the shop's search path
        text = django_cursor.cursor.mogrify(sql, params)
        if bound:  # (no value contains NUL: PostgreSQL refuses it in text, the middleware in queries)
            text = text.replace("%", "%%")
            for name in bound:
                text = text.replace(BOUND(name), f"%({name})s")
        raw = connection.connection
        started = time.monotonic()
        raw.prepare_threshold = PREPARE_AFTER
        try:
            with connection.wrap_database_errors, psycopg.Cursor(raw) as cursor:
                cursor.execute(text, bound or None)
                rows = cursor.fetchall()
        finally:
            raw.prepare_threshold = None
        if connection.queries_logged:
            logged = django_cursor.cursor.mogrify(text, bound) if bound else text
            connection.queries_log.append({"sql": logged, "time": f"{time.monotonic() - started:.3f}"})
    return rows


def BOUND(name: str) -> str:  # noqa: N802 (it stands for a placeholder in the SQL templates)
    return f"\x00{name}\x00"


PREPARE_AFTER = 2
_estimates: dict[tuple, tuple[float, int]] = {}


def _estimate_key(where_sql: str, params: dict) -> tuple:
    return current_schema(), where_sql, tuple(sorted((k, str(v)) for k, v in params.items() if k != "exact"))


def _known_estimate(where_sql: str, params: dict) -> int | None:
    known = _estimates.get(_estimate_key(where_sql, params))
    return known[1] if known is not None and known[0] > time.monotonic() else None


def _estimate(where_sql: str, params: dict, known: int | None) -> int:
    if known is not None:
        return known
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) SELECT 1 FROM storefront_product WHERE {where_sql}", params)
        plan = cursor.fetchone()[0]
    rows = int((orjson.loads(plan) if isinstance(plan, str) else plan)[0]["Plan"]["Plan Rows"])
    if settings.CATALOG_ESTIMATE_TTL > 0:
        if len(_estimates) > 5000:
            _estimates.clear()
        _estimates[_estimate_key(where_sql, params)] = (time.monotonic() + settings.CATALOG_ESTIMATE_TTL, rows)
    return rows


def _anchor(where_sql: str, params: dict, sort: str, offset: int) -> tuple[str, dict, int]:
    """(page condition, its parameters, offset past it) that starts the page `offset` rows into
    the list from the nearest anchor at or before it; ("", {}, offset) when none is."""
    if offset < ANCHOR_EVERY or sort not in ANCHORED:
        return "", {}, offset
    order = ORDERS[sort]
    names = ", ".join(name for name, _ in order)
    key = (current_schema(), catalog_cache.known_version(), sort, where_sql,
           tuple(sorted((k, str(v)) for k, v in params.items())))
    anchors = _anchors.get(key)
    if anchors is None:
        anchors = fetch(f"SELECT {names} FROM (SELECT {names}, row_number() OVER (ORDER BY "
                        f"{', '.join(f'{name} {way}' for name, way in order)}) AS n FROM storefront_product"
                        f" WHERE {where_sql}) s WHERE n %% {ANCHOR_EVERY} = 1 AND n > 1 ORDER BY n", params)
        _anchors[key] = anchors
        while len(_anchors) > ANCHORS_KEPT:
            _anchors.popitem(last=False)
    else:
        _anchors.move_to_end(key)
    k = min(offset // ANCHOR_EVERY, len(anchors))
    if not k:
        return "", {}, offset
    row = anchors[k - 1]  # the row at position k * ANCHOR_EVERY
    values = {f"anchor{i}": value for i, value in enumerate(row)}
    places = ", ".join(BOUND(name) for name in values)
    return (f"({names}) {'<=' if order[0][1] == 'DESC' else '>='} ({places})", values,
            offset - k * ANCHOR_EVERY)


_CARDS_SQL = """
SELECT p.id, p.slug, p.title, p.min_price, p.compare_at_price, p.total_stock, c.slug, c.name,
    i.id, i.image, i.thumbnail, i.alt, {count}
FROM page JOIN storefront_product p ON p.id = page.id
LEFT JOIN storefront_category c ON c.id = p.category_id
LEFT JOIN LATERAL (SELECT id, image, thumbnail, alt FROM storefront_productimage
                   WHERE product_id = p.id ORDER BY position, id LIMIT 1) i ON true
ORDER BY {page_order}"""
_LIST_SQL = """
WITH page AS (
    SELECT {columns} FROM storefront_product WHERE {where} ORDER BY {order} LIMIT \x00limit\x00 OFFSET \x00offset\x00)
""" + _CARDS_SQL
# A search reads every match once: ranked, counted, and kept to those with every word in the
# title when there are any (selectors.product_search says why). The count is an aggregate of the
# kept matches: a window count over them held every row a second time.
_SEARCH_SQL = """
WITH matches AS (
    SELECT {columns}, search_vector @@ to_tsquery('english'::regconfig, %(titled)s) AS in_title
    FROM storefront_product WHERE {where}),
shown AS (SELECT * FROM matches WHERE in_title OR NOT EXISTS (SELECT 1 FROM matches WHERE in_title)),
page AS (
    SELECT {names}, (SELECT count(*) FROM shown) AS total FROM shown
    ORDER BY {order} LIMIT \x00limit\x00 OFFSET \x00offset\x00)
""" + _CARDS_SQL


def product_page(*, search: str = "", category: str = "", min_price=None, max_price=None, in_stock=None,
                 sort: str = "", offset: int, size: int) -> Page:
    """One page of the shopper's product list: `size` card rows from `offset`, whether more
    follow, and the count.

    A search is first run as typed, every word a prefix: when that finds rows, each word is
    known to match and nothing else need be asked. Only a search that finds nothing asks
    which words match at all (`selectors.search_query`), to correct typos and drop stop words,
    and runs again if that changed the words."""
    if sort and sort not in ORDERS:
        raise AppError(ErrorCode.VALIDATION_ERROR, "Unknown sort.",
                       fields={"sort": [f"Use one of relevance, {', '.join(selectors.SORTS)}."]})
    where, params = _filters(category=category, min_price=min_price, max_price=max_price, in_stock=in_stock)
    search = search.strip()[:100]
    words = selectors.search_words(search)
    if not words:
        return _page(where, params, None, search, sort=sort, offset=offset, size=size)
    as_typed = " & ".join(f"{word}:*" for word in words)
    page = _page(where, params, as_typed, search, sort=sort, offset=offset, size=size)
    if page.rows:
        return page
    text = selectors.search_query(words, none_match=offset == 0 and len(where) == 1)  # (no filter but status)
    if text is None:
        return Page([], False, offset, False)
    if text == as_typed:
        return page
    return _page(where, params, text or None, search, sort=sort, offset=offset, size=size, ranked=True)


def _page(where: list[str], params: dict, tsquery: str | None, search: str, *, sort: str, offset: int, size: int,
          ranked: bool = False) -> Page:
    """The page for the filters and a to_tsquery text (None: no search condition; `ranked`
    orders by relevance even so, as a search of stop words only does)."""
    if tsquery:
        where = [*where, "search_vector @@ to_tsquery('english'::regconfig, %(tsquery)s)"]
        params = {**params, "tsquery": tsquery, "titled": selectors.in_titles(tsquery), "exact": search}
        ranked = True
    if ranked and sort in ("", "relevance"):
        order = ORDERS["relevance"]
    else:  # ("relevance" without a search: newest first)
        order = ORDERS["newest"] if sort in ("", "relevance") else ORDERS[sort]
    columns = ", ".join(RANK + " AS rank" if name == "rank" and "tsquery" in params
                        else "0.0 AS rank" if name == "rank" else name for name, _ in order)
    where_sql = " AND ".join(where)
    known: int | None = None
    if "tsquery" in params:  # every match is read to rank it anyway: counted in the same pass, exactly
        template, count, exact_possible = _SEARCH_SQL, "page.total", True
    else:
        template = _LIST_SQL
        # Counting the first 1,001 rows was two thirds of the list's work: skipped when the
        # planner already said (this minute) that the filter matches several times that many.
        known = _known_estimate(where_sql, params)
        exact_possible = offset < COUNT_EXACT_UP_TO and (known is None or known < CLEARLY_MORE * COUNT_EXACT_UP_TO)
        count = (f"(SELECT count(*) FROM (SELECT 1 FROM storefront_product WHERE {where_sql}"
                 f" LIMIT {COUNT_EXACT_UP_TO + 1}) n)") if exact_possible else "NULL"
    anchor, anchor_params, page_offset = ("", {}, offset) if "tsquery" in params or ranked else _anchor(
        where_sql, params, "newest" if sort in ("", "relevance") else sort, offset)
    sql = template.format(columns=columns, where=f"{where_sql} AND {anchor}" if anchor else where_sql, count=count,
                          names=", ".join(name for name, _ in order),
                          order=", ".join(f"{name} {way}" for name, way in order),
                          page_order=", ".join(f"page.{name} {way}" for name, way in order))
    rows = fetch(sql, params, {**anchor_params, "limit": size + 1, "offset": page_offset})
    more = len(rows) > size
    rows = rows[:size]
    seen = offset + len(rows)
    if not more:
        return Page(rows, False, seen, False)
    if "tsquery" in params:
        return Page(rows, True, rows[0][12], False)
    if exact_possible and rows[0][12] <= COUNT_EXACT_UP_TO:
        return Page(rows, True, rows[0][12], False)
    return Page(rows, True, max(_estimate(where_sql, params, known), seen + 1, COUNT_EXACT_UP_TO + 1), True)


def cards(rows: list[tuple], *, currency: str) -> list[dict]:
    """`product_page` rows as the card shape of ProductCardSerializer."""
    url = default_storage.url
    return [{
        "id": pid, "slug": slug, "title": title, "price": f"{price:.2f}",
        "compare_at_price": f"{compare:.2f}" if compare is not None else None,
        "currency": currency, "in_stock": stock > 0,
        "image": {"id": image_id, "url": url(image), "thumb_url": url(thumb or image), "alt": alt}
        if image_id is not None else None,
        "category": {"slug": cat_slug, "name": cat_name} if cat_slug else None,
    } for pid, slug, title, price, compare, stock, cat_slug, cat_name, image_id, image, thumb, alt, _ in rows]


_DETAIL_SQL = """
SELECT p.id, p.slug, p.title, p.min_price, p.compare_at_price, p.total_stock, c.slug, c.name, p.description,
    p.option_names::text,
    (SELECT json_agg(json_build_array(v.id, v.sku, v.title, v.options, v.price::text,
                                      v.compare_at_price::text, v.stock) ORDER BY v.position, v.id)::text
     FROM storefront_productvariant v WHERE v.product_id = p.id),
    (SELECT json_agg(json_build_array(i.id, i.image, i.thumbnail, i.alt, i.position, i.variant_id)
                     ORDER BY i.position, i.id)::text
     FROM storefront_productimage i WHERE i.product_id = p.id)
FROM storefront_product p LEFT JOIN storefront_category c ON c.id = p.category_id
WHERE p.slug = %(slug)s AND p.status = 'active'"""


def product_detail(*, slug: str, currency: str) -> dict:
    """A product page in the shape of ProductDetailSerializer, from one statement."""
    row = next(iter(fetch(_DETAIL_SQL, {"slug": slug})), None)
    if row is None:
        raise AppError(ErrorCode.NOT_FOUND, "No such product.", status_code=404)
    pid, slug, title, price, compare, stock, cat_slug, cat_name, description, option_names, variants, images = row
    variants = orjson.loads(variants) if variants else []
    images = orjson.loads(images) if images else []
    url = default_storage.url
    gallery = [{"id": i, "url": url(image), "thumb_url": url(thumb or image), "alt": alt, "position": position,
                "variant_id": variant_id} for i, image, thumb, alt, position, variant_id in images]
    first_shown: dict[int, int] = {}
    for image in gallery:
        if image["variant_id"] is not None:
            first_shown.setdefault(image["variant_id"], image["id"])
    options = []
    for name in orjson.loads(option_names):
        values: list[str] = []
        for variant in variants:
            value = variant[3].get(name)
            if value is not None and value not in values:
                values.append(value)
        options.append({"name": name, "values": values})
    return {
        "id": pid, "slug": slug, "title": title, "price": f"{price:.2f}",
        "compare_at_price": f"{compare:.2f}" if compare is not None else None, "currency": currency,
        "in_stock": stock > 0,
        "image": {key: gallery[0][key] for key in ("id", "url", "thumb_url", "alt")} if gallery else None,
        "category": {"slug": cat_slug, "name": cat_name} if cat_slug else None,
        "description": description, "images": gallery, "options": options,
        "variants": [{"id": vid, "sku": sku, "title": vtitle, "options": voptions, "price": vprice,
                      "compare_at_price": vcompare, "stock": max(vstock, 0), "in_stock": vstock > 0,
                      "image_id": first_shown.get(vid)}
                     for vid, sku, vtitle, voptions, vprice, vcompare, vstock in variants],
    }


def list_body(request) -> bytes:
    """The product list's JSON for `request`'s query (the view and the catalog middleware)."""
    from storefront.api.paging import EstimatedCountPagination

    p = request.GET
    paginator = EstimatedCountPagination()
    offset, size = paginator.page_requested(request)
    page = product_page(search=p.get("search", ""), category=p.get("category", ""), min_price=p.get("min_price"),
                        max_price=p.get("max_price"), in_stock=p.get("in_stock"), sort=p.get("sort", ""),
                        offset=offset, size=size)
    paginator.page_found(rows=len(page.rows), more=page.more, count=page.count, estimated=page.estimated)
    return orjson.dumps(paginator.page_body(cards(page.rows, currency=request.shop.currency)))


def detail_body(*, slug: str, currency: str) -> bytes:
    return orjson.dumps(product_detail(slug=slug, currency=currency))
