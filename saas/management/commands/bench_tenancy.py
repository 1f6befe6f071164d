"""Benchmark of shop provisioning and of migrate_schemas, printed as a table.

Run through `make bench` (a fresh database of its own). Compares, in the same run:
- shop creation by cloning the template schema (this project) against creating the schema
  by running every migration (the library's default);
- migrate_schemas with nothing to apply, this project's (skips up-to-date schemas) against
  the library's (the full migrate command on every schema)."""
from __future__ import annotations

import statistics
import time
from io import StringIO

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection
from psycopg import sql

from saas.accounts.models import Role, User
from saas.kernel.tenancy import tenant_connection
from tenants.models import Plan, Shop
from tenants.services import shop_create


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


class Command(BaseCommand):
    help = "Times shop creation (clone vs migrations) and migrate_schemas over many shops."

    def add_arguments(self, parser):
        parser.add_argument("--shops", type=int, default=20, help="shops created each way")
        parser.add_argument("--migrate-shops", type=int, default=100, help="shops present for migrate_schemas")

    def handle(self, *args, shops: int, migrate_shops: int, **options):
        owner = User.objects.filter(email="bench@example.com").first() or User.objects.create_user(
            "bench@example.com", None, role=Role.MERCHANT)
        plan = Plan.objects.get(code="free")
        tag = str(int(time.time()))[-5:]

        cloned = []
        for i in range(shops):
            t0 = time.perf_counter()
            shop_create(owner=owner, name=f"Clone {i}", subdomain=f"c{tag}-{i}", plan=plan)
            cloned.append(time.perf_counter() - t0)

        migrated = []
        for i in range(shops):
            t0 = time.perf_counter()
            self.create_by_migrations(owner, plan, f"m{tag}-{i}")
            migrated.append(time.perf_counter() - t0)

        out = self.stdout.write
        out(f"\nShop creation, {shops} shops each way (seconds)")
        out(f"{'method':<34}{'p50':>8}{'p95':>8}{'max':>8}")
        for name, values in [("clone template schema (ours)", cloned), ("run migrations (library default)", migrated)]:
            out(f"{name:<34}{pct(values, .5):>8.3f}{pct(values, .95):>8.3f}{max(values):>8.3f}")
        out(f"clone is {statistics.median(migrated) / statistics.median(cloned):.1f}x faster at the median")

        have = Shop.objects.count()
        for i in range(max(0, migrate_shops - have)):
            shop_create(owner=owner, name=f"Filler {i}", subdomain=f"f{tag}-{i}", plan=plan)
        total = Shop.objects.count()
        t0 = time.perf_counter()
        call_command("migrate_schemas", "--noinput", "--tenant", stdout=StringIO())
        ours = time.perf_counter() - t0
        t0 = time.perf_counter()
        call_command("migrate_schemas", "--noinput", "--tenant", "--all", "-v", "0", stdout=StringIO())
        library = time.perf_counter() - t0
        out(f"\nmigrate_schemas with nothing to apply, {total} shops + template (seconds)")
        out(f"{'ours (skips up-to-date schemas)':<34}{ours:>8.2f}   {ours / (total + 1) * 1000:.1f} ms/schema")
        out(f"{'library (full migrate per schema)':<34}{library:>8.2f}   {library / (total + 1) * 1000:.1f} ms/schema")
        out(f"ours is {library / ours:.0f}x faster")

    @staticmethod
    def create_by_migrations(owner, plan, subdomain: str) -> None:
        """What django-tenants does for a new tenant without a base schema: CREATE SCHEMA, then
        the whole migrate command in it. The same rows as shop_create, for a like-for-like time."""
        from django.db import transaction
        from django_tenants.utils import schema_context

        from tenants.models import Domain
        from tenants.rules import domain_for_subdomain, schema_for_subdomain

        schema = schema_for_subdomain(subdomain)
        with transaction.atomic():
            shop = Shop.objects.create(schema_name=schema, name=subdomain, subdomain=subdomain, owner=owner, plan=plan)
            with connection.cursor() as cursor:
                cursor.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)).as_string(cursor.connection))
            call_command("migrate_schemas", tenant=True, schema_name=schema, interactive=False, verbosity=0,
                         stdout=StringIO())
            Domain.objects.create(domain=domain_for_subdomain(subdomain), tenant=shop, is_primary=True)
            with schema_context(schema):
                User.objects.create_user(owner.email, None, role=Role.OWNER)
        tenant_connection().set_schema_to_public()
