"""Train a shop's recommendation model now, in this process: `--schema s_x` or `--all`."""
from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django_tenants.utils import schema_context

from recs.models import ModelVersion
from recs.training import model_train
from storefront.models import Product, ProductStatus
from tenants.models import Shop
from tenants.selectors import active_shop_schemas


def _needs_model(schema_name: str) -> bool:
    """No model in use yet, and something to recommend (a shop with no products has nothing)."""
    with schema_context(schema_name):
        return (not ModelVersion.objects.filter(is_current=True).exists()
                and Product.objects.filter(status=ProductStatus.ACTIVE).exists())


class Command(BaseCommand):
    help = "Train the recommendation model of one shop (--schema) or of every active shop (--all)."

    def add_arguments(self, parser):
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument("--schema", help="the shop's schema name")
        group.add_argument("--all", action="store_true", help="every active shop")
        group.add_argument("--missing", action="store_true",
                           help="every active shop with products and no model in use yet (make run's set-up)")

    def handle(self, *args, schema=None, all=False, missing=False, **options):  # noqa: A002 - the flag is --all
        if all or missing:
            schemas = active_shop_schemas()
            if missing:
                schemas = [name for name in schemas if _needs_model(name)]
        else:
            if not Shop.objects.filter(schema_name=schema).exists():
                raise CommandError(f"No shop has the schema {schema!r}.")
            schemas = [schema]
        failed = 0
        for name in schemas:
            with schema_context(name):
                version = model_train(version=ModelVersion.objects.create(trigger="command"))
            if version.status != "done":
                failed += 1
                self.stderr.write(f"{name}: training failed: {version.error}")
                continue
            verdict = "promoted" if version.promoted else f"kept, not promoted ({version.not_promoted_reason})"
            score = f"{version.score:.4f}" if version.score is not None else "n/a"
            self.stdout.write(f"{name}: version {version.pk}, {version.events_count} events, {version.users_count} "
                              f"users, {version.products_count} products, fit {version.fit_seconds:.1f} s, "
                              f"validation NDCG@10 {score}, {version.nbytes} bytes: {verdict}")
        if failed:
            raise CommandError(f"{failed} of {len(schemas)} shop(s) failed to train.")
