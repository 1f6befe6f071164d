"""Benchmark of the CSV import: times `import_run` (the Celery task's body) over a generated file
of `--rows` rows (products with two or three variants each) in a fresh shop, then again over
the same file (every row an update), and prints the figures. Not a test: the speed on a shared
machine varies, the figure is for reading.

    python manage.py bench_import --rows 10000
"""
from __future__ import annotations

import csv
import io
import time

from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django_tenants.utils import schema_context

from saas.accounts.models import Role, User
from saas.kernel.events import captured
from storefront.imports import COLUMNS, import_run
from storefront.models import ImportJob, Product
from tenants.services import shop_create, shop_delete


def catalog_csv(rows: int) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    written, n = 0, 0
    while written < rows:
        n += 1
        sizes = ("S", "M", "L")[: 2 + n % 2]
        for i, size in enumerate(sizes):
            if written == rows:
                break
            first = i == 0
            writer.writerow([f"bench-{n}", f"Bench product {n}" if first else "", "Made for the benchmark" if first
                             else "", "active" if first else "", f"Category {n % 20}" if first else "",
                             f"B{n}-{size}", "Size", size, "", "", f"{5 + n % 50}.{n % 100:02d}", "", str(n % 40), ""])
            written += 1
    return out.getvalue().encode()


class Command(BaseCommand):
    help = "Times the CSV import of --rows rows (created, then all updated) in a throw-away shop."

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, default=10_000)

    def handle(self, *args, rows: int, **options):
        owner = User.objects.filter(email="bench-import@example.com").first() or User.objects.create_user(
            "bench-import@example.com", None, role=Role.MERCHANT)
        shop = shop_create(owner=owner, name="Import bench", subdomain=f"import-bench-{int(time.time()) % 100000}")
        data = catalog_csv(rows)
        try:
            with schema_context(shop.schema_name):
                for label in ("new catalog", "same file again (updates)"):
                    job = ImportJob(total=0)
                    job.file.save("bench.csv", ContentFile(data), save=True)
                    with captured() as sent:
                        started = time.perf_counter()
                        job = import_run(job=job)
                        seconds = time.perf_counter() - started
                    imported = [e for e in sent if e.name == "product.imported"]
                    self.stdout.write(
                        f"{label}: {job.processed:,} rows in {seconds:.1f} s ({job.processed / seconds:,.0f} rows/s); "
                        f"{job.created:,} products created, {job.updated:,} updated, {len(job.errors)} errors, "
                        f"{len(imported)} ProductsImported events; status {job.status}")
                self.stdout.write(f"products in the shop: {Product.objects.count():,}")
        finally:
            shop_delete(shop=shop)
