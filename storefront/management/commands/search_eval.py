"""Prints precision@10 and NDCG@10 of the storefront search over the labelled query set."""
from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django_tenants.utils import schema_context

from storefront.search_eval import evaluate, storefront_titles
from tenants.models import Shop


class Command(BaseCommand):
    help = "Scores the storefront search over storefront/search_eval/queries.json in a shop (the demo's riverside)."

    def add_arguments(self, parser):
        parser.add_argument("--shop", default="riverside", help="the shop's subdomain")
        parser.add_argument("--verbose-queries", action="store_true", help="list every query's score")

    def handle(self, *args, shop: str, verbose_queries: bool = False, **options):
        found = Shop.objects.filter(subdomain=shop).first()
        if found is None:
            raise CommandError(f"No shop '{shop}' (run `make run` once to load the demo shops).")
        with schema_context(found.schema_name):
            precision, ndcg, scores = evaluate(storefront_titles)
        kinds: dict[str, list] = {}
        for s in scores:
            kinds.setdefault(s.kind, []).append(s)
        for s in scores:
            if verbose_queries or s.precision < 1 or s.ndcg < 0.9:
                extra = (f"  unrelated: {'; '.join(s.unrelated[:4])}" if s.unrelated else "") + (
                    f"  missed: {'; '.join(s.missed[:3])}" if s.missed else "")
                self.stdout.write(f"  {s.query!r:<40} P@10 {s.precision:.2f}  NDCG@10 {s.ndcg:.2f}{extra}")
        self.stdout.write(f"{'kind':<14}{'queries':>8}{'P@10':>8}{'NDCG@10':>9}")
        for kind, group in kinds.items():
            self.stdout.write(f"{kind:<14}{len(group):>8}{sum(s.precision for s in group) / len(group):>8.3f}"
                              f"{sum(s.ndcg for s in group) / len(group):>9.3f}")
        self.stdout.write(f"{'all':<14}{len(scores):>8}{precision:>8.3f}{ndcg:>9.3f}")
