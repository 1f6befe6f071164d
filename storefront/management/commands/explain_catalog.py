"""Prints EXPLAIN ANALYZE of the catalog's queries in a shop, as the views build them, with
the index each one is expected to use: the benchmark shows them beside its figures."""
from __future__ import annotations

import re

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django_tenants.utils import schema_context

from storefront import selectors
from storefront.api.paging import COUNT_EXACT_UP_TO, page_rows_queryset
from tenants.models import Shop

Case = tuple[str, dict[str, str] | str | None, int, str]
CASES: list[Case] = [
    # (label, product_list arguments, page offset, the index its plan must name)
    ("list, page 1", {}, 0, "product_status_new_id"),
    ("list, page 300 (deep)", {}, 299 * 24, "product_status_new_id"),
    ("filters + sort by price", {"category": "cat-3", "min_price": "10", "max_price": "60", "in_stock": "true",
                                 "sort": "price"}, 0, "product_status_price_id"),
    ("search 'lantern'", {"search": "lantern"}, 0, "product_search_gin"),
    ("search 'lantren' (typo; then as 'lantern')", {"search": "lantren"}, 0, "product_search_gin"),
]


def explain(sql: str, params) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, COSTS OFF, BUFFERS OFF) {sql}", params)
        return [row[0] for row in cursor.fetchall()]


def summary(plan: list[str]) -> str:
    nodes = [re.sub(r"\s+", " ", line.strip().lstrip("-> ")).split(" (actual")[0] for line in plan
             if "Scan" in line]
    total = next((line for line in plan if line.startswith("Execution Time")), "")
    return f"{total}; " + "; ".join(dict.fromkeys(nodes))


class Command(BaseCommand):
    help = "EXPLAIN ANALYZE of the catalog's list, page, filter and search queries in a shop."

    def add_arguments(self, parser):
        parser.add_argument("--shop", default="perf")
        parser.add_argument("--full", action="store_true", help="print whole plans")

    def handle(self, *args, shop: str, full: bool = False, **options):
        found = Shop.objects.filter(subdomain=shop).first()
        if found is None:
            raise CommandError(f"No shop '{shop}'.")
        failed = []
        with schema_context(found.schema_name):
            detail = selectors.product_detail(slug=selectors.product_list().values_list("slug", flat=True)[0])
            cases: list[Case] = [*CASES, ("typo correction of 'lantren'", "typo", 0, "product_title_trgm"),
                     ("product detail", None, 0, "storefront_product_slug")]
            for label, kwargs, offset, index in cases:
                if kwargs == "typo":
                    plans = [("words", explain(selectors._CORRECTIONS, ["lantren", "lantren", "lantren", 2, 2]))]
                elif kwargs is None:
                    sql, params = selectors.Product.objects.filter(slug=detail.slug).query.sql_with_params()
                    plans = [("row", explain(sql, params))]
                elif isinstance(kwargs, dict):
                    qs = selectors.product_list(**kwargs)
                    page = page_rows_queryset(qs, offset=offset, size=24, shape=selectors.card_values)
                    page_sql, page_params = page.query.sql_with_params()
                    count_sql, count_params = (qs.order_by().values("pk")[:COUNT_EXACT_UP_TO + 1]
                                               .query.sql_with_params())
                    plans = [("page", explain(page_sql, page_params)),
                             ("count", explain(f"SELECT count(*) FROM ({count_sql}) c", count_params))]
                used = any(index in line for _, plan in plans for line in plan)
                if not used:
                    failed.append(label)
                self.stdout.write(f"{label}: expects {index}: {'yes' if used else 'NO'}")
                for part, plan in plans:
                    self.stdout.write(f"  {part}: {summary(plan)}")
                    if full:
                        self.stdout.write("\n".join(f"    {line}" for line in plan))
        if failed:
            self.stdout.write(f"not using the expected index: {', '.join(failed)}")
