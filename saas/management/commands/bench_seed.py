"""Fills a shop for the HTTP benchmark: products through the real CSV import (timed), and a
history of orders written in bulk."""
from __future__ import annotations

import random
import time
from datetime import timedelta
from decimal import Decimal

from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone
from django_tenants.utils import schema_context

from saas.accounts.models import Role, User
from storefront.imports import COLUMNS, import_run
from storefront.models import ImportJob, Order, OrderLine, ProductVariant
from tenants.models import Plan, Shop
from tenants.plans import shop_plan_set
from tenants.services import shop_create

WORDS = [
    "heart", "lantern", "bunting", "mug", "teapot", "candle", "jumbo", "bag", "retrospot", "vintage", "glass",
    "enamel", "tin", "star", "garland", "ceramic", "cushion", "linen", "wooden", "paper", "cake", "stand",
    "spotty", "regency", "doily", "ornament", "wicker", "basket",
]


class Command(BaseCommand):
    help = "Creates the benchmark shop with N products (via CSV import) and M historical orders."

    def add_arguments(self, parser):
        parser.add_argument("--subdomain", default="perf")
        parser.add_argument("--products", type=int, default=10_000)
        parser.add_argument("--orders", type=int, default=100_000)
        parser.add_argument("--vacuum-only", action="store_true",
                            help="only VACUUM ANALYZE the shop's catalog (before a rerun with --keep)")

    def handle(self, *args, subdomain: str, products: int, orders: int, vacuum_only: bool = False, **options):
        if vacuum_only:
            self.vacuum(Shop.objects.get(subdomain=subdomain).schema_name)
            return
        rng = random.Random(7)
        owner = User.objects.filter(email="bench@example.com").first() or User.objects.create_user(
            "bench@example.com", None, role=Role.MERCHANT)
        pro = Plan.objects.get(code="pro")  # 10,000 products: past the free plan's limit
        shop = Shop.objects.filter(subdomain=subdomain).first() or shop_create(
            owner=owner, name="Perf Shop", subdomain=subdomain, plan=pro)
        shop_plan_set(shop=shop, plan=pro)
        rows = [",".join(COLUMNS)]
        for i in range(products):
            title = " ".join(rng.sample(WORDS, 3)).capitalize() + f" {i}"
            rows.append(f"p{i},{title},A product for the benchmark,active,Cat {i % 20},SKU{i},,,,,"
                        f"{rng.randint(100, 9999) / 100:.2f},,{1_000_000 if i < 200 else rng.randint(0, 50)}")
        with schema_context(shop.schema_name):
            job = ImportJob()
            job.file.save("bench.csv", ContentFile("\n".join(rows).encode()), save=False)
            job.save()
            started = time.perf_counter()
            job = import_run(job=job)
            elapsed = time.perf_counter() - started
            self.stdout.write(f"CSV import of {products} rows: {elapsed:.1f} s ({job.status}, "
                              f"{len(job.errors)} bad rows)")
            if job.status != "done" or job.errors:
                raise CommandError(f"the benchmark's import failed: {job.errors[:3]}")
            self.seed_orders(rng, orders)
        self.vacuum(shop.schema_name)
        self.stdout.write(f"seeded {subdomain}: {products} products, {orders} orders")

    @staticmethod
    def vacuum(schema: str) -> None:
        """What autovacuum does soon after bulk writes (and the checkout benchmark's updates):
        visibility maps set, so a deep page's ids come from the index alone, and fresh statistics."""
        with schema_context(schema), connection.cursor() as cursor:
            for table in ("storefront_product", "storefront_productvariant", "storefront_productimage",
                          "storefront_category"):
                cursor.execute(f"VACUUM (ANALYZE) {table}")

    @staticmethod
    def seed_orders(rng: random.Random, count: int) -> None:
        variants = list(ProductVariant.objects.select_related("product")[:2000])
        now = timezone.now()
        batch = 5000
        for start in range(0, count, batch):
            made = []
            for n in range(start, min(count, start + batch)):
                made.append(Order(number=str(10_000_000 + n), email=f"buyer{n % 5000}@example.com", currency="GBP",
                                  status="delivered", payment_status="paid", subtotal=Decimal("20.00"),
                                  total=Decimal("23.95"), shipping_total=Decimal("3.95"), shipping_method="Standard",
                                  shipping_address={"country": "GB"}))
            Order.objects.bulk_create(made, batch_size=batch)
            lines = []
            for order in made:
                for variant in rng.sample(variants, rng.randint(1, 3)):
                    lines.append(OrderLine(order=order, product=variant.product, variant=variant,
                                           product_slug=variant.product.slug, product_title=variant.product.title,
                                           sku=variant.sku, unit_price=variant.price, quantity=1,
                                           line_total=variant.price))
            OrderLine.objects.bulk_create(lines, batch_size=batch)
        Order.objects.filter(number__gte="10000000").update(created_at=now - timedelta(days=30))
