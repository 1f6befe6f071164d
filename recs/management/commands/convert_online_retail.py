"""Turn the UCI Online Retail file into the two CSVs that evaluate_recs reads (no database)."""
from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from recs.engine.io import convert_online_retail


class Command(BaseCommand):
    help = (
        "Online Retail (InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country) "
        "to interactions.csv (user_id,item_id,timestamp,basket_id = invoice) and items.csv; drops "
        "cancellations, returns, guest lines and codes that are not products."
    )
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument("--input", required=True, help="online_retail.csv or .csv.gz")
        parser.add_argument("--out-dir", required=True, help="folder for interactions.csv and items.csv")

    def handle(self, *args, **opts):
        source = Path(opts["input"])
        if not source.is_file():
            raise CommandError(f"--input: no such file {source}")
        try:
            counts = convert_online_retail(source, opts["out_dir"])
        except (KeyError, ValueError) as exc:
            raise CommandError(f"{source} is not the Online Retail format: {exc}") from exc
        self.stdout.write(", ".join(f"{k} {v}" for k, v in counts.items()))
