"""Prints EXPLAIN ANALYZE of the catalog's queries in a shop, exactly the statements the views
run (captured from storefront.catalog_reads), with the index each one is expected to use: the
benchmark shows them beside its figures."""
from __future__ import annotations

import re

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tenants.utils import schema_context

from storefront import catalog_reads, selectors
from storefront.models import TitleWord
from tenants.models import Shop

TRIGRAMS_FROM = 1000

Case = tuple[str, dict[str, str] | str | None, int, str]
CASES: list[Case] = [
    # (label, product_list arguments, page offset, the index its plan must name; a category is 5 %
    # of the catalog, so its rows are found by the category's index and then sorted)
    ("list, page 1", {}, 0, "product_status_new_id"),
    ("list, page 300 (deep)", {}, 299 * 24, "product_status_new_id"),
    ("filters + sort by price", {"category": "cat-3", "min_price": "10", "max_price": "60", "in_stock": "true",
                                 "sort": "price"}, 0, "product_status_cat_price"),
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
        parser.add_argument("--typo-only", action="store_true", help="only the typo correction's statement")

    def handle(self, *args, shop: str, full: bool = False, typo_only: bool = False, **options):
        found = Shop.objects.filter(subdomain=shop).first()
        if found is None:
            raise CommandError(f"No shop '{shop}'.")
        failed = []
        with schema_context(found.schema_name):
            slug = catalog_reads.product_page(offset=0, size=1).rows[0][1] if not typo_only else ""
            # The title words are found by their trigram index once there are enough of them; a
            # shop of a few dozen words (the benchmark's) is rightly read whole.
            words = TitleWord.objects.count()
            typo: Case = (f"typo correction of 'lantren' ({words:,} title words)", "typo", 0,
                          "titleword_trgm" if words >= TRIGRAMS_FROM else "Seq Scan on storefront_titleword")
            cases: list[Case] = [typo] if typo_only else [
                *CASES, typo, ("product detail", None, 0, "storefront_product_slug")]
            for label, kwargs, offset, index in cases:
                if kwargs == "typo":
                    plans = [("words", explain(selectors._WORD.format(found="false"),
                                                {"word": "lantren", "prefix": "lantren:*", "edits": 2}))]
                else:
                    with CaptureQueriesContext(connection) as ran:
                        if isinstance(kwargs, dict):
                            catalog_reads.product_page(offset=offset, size=24, **kwargs)
                        else:
                            catalog_reads.product_detail(slug=slug, currency="GBP")
                    statements = [q["sql"] for q in ran.captured_queries
                                  if not q["sql"].startswith(("SET ", "EXPLAIN"))]
                    plans = [(f"statement {n} of {len(statements)}", explain(sql, None))
                             for n, sql in enumerate(statements, 1)]
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
