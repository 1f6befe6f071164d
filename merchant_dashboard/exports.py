"""The product CSV as staff download it, safe to open in a spreadsheet."""
from __future__ import annotations

import csv
from collections.abc import Iterator

from django_tenants.utils import schema_context

from storefront.imports import export_rows

# A spreadsheet runs a cell starting with one of these as a formula (OWASP "CSV injection").
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: str) -> str:
    """OWASP's advice: a leading single quote makes the spreadsheet show the text, not run it."""
    return f"'{value}" if value.startswith(FORMULA_TRIGGERS) else value


class _Echo:
    def write(self, value):
        return value


def export_stream(schema_name: str) -> Iterator[str]:
    """The body is read after the request has left the shop's schema, so it sets its own."""
    writer = csv.writer(_Echo())
    with schema_context(schema_name):
        for row in export_rows():
            yield writer.writerow([csv_cell(cell) for cell in row])
