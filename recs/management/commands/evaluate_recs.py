"""Offline evaluation of the shop's model against baselines on exported CSVs (no database)."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from recs.engine.evaluation import evaluate, format_table
from recs.engine.io import CsvFormatError, read_interactions_csv, read_items_csv


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"--until wants a date like 2011-10-31, not {value!r}") from exc


class Command(BaseCommand):
    help = (
        "Temporal-split evaluation: the shop's model (tuned on the window before the test window, "
        "refitted, served from its top-k tables) beside most-popular, recent-popular, item-kNN and "
        "EASE baselines. Reads interactions CSV (user_id,item_id,timestamp[,basket_id]) and items "
        "CSV (item_id,title,description,category); touches no database."
    )
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument("--interactions", required=True, help="CSV: user_id,item_id,timestamp[,basket_id]")
        parser.add_argument("--items", required=True, help="CSV: item_id,title,description,category")
        parser.add_argument("--test-days", type=int, default=28, help="length of the test window (days)")
        parser.add_argument("--until", type=_date, default=None,
                            help="drop everything after this date (YYYY-MM-DD) to score an earlier cut-off")
        parser.add_argument("--json", dest="json_out", default=None, help="write the results as JSON here")
        parser.add_argument("--bootstrap", type=int, default=1000, help="bootstrap resamples for the intervals")

    def handle(self, *args, **opts):
        if opts["test_days"] < 1:
            raise CommandError("--test-days must be at least 1")
        for key in ("interactions", "items"):
            if not Path(opts[key]).is_file():
                raise CommandError(f"--{key}: no such file {opts[key]}")
        try:
            interactions = read_interactions_csv(opts["interactions"])
            items = read_items_csv(opts["items"])
        except CsvFormatError as exc:
            raise CommandError(str(exc)) from exc
        until = opts["until"]
        if isinstance(until, str):  # call_command passes keyword values unparsed
            until = _date(until)
        verbose = opts["verbosity"] >= 2
        try:
            report = evaluate(
                interactions, items, test_days=opts["test_days"], until=until,
                n_bootstrap=opts["bootstrap"], log=(lambda m: self.stderr.write(m)) if verbose else None,
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(format_table(report))
        if opts["json_out"]:
            Path(opts["json_out"]).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
            self.stdout.write(f"wrote {opts['json_out']}")
