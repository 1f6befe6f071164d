"""The product CSV cannot carry a formula into the merchant's spreadsheet."""
from __future__ import annotations

import csv
import io

import pytest
from django_tenants.utils import schema_context

from conftest import client_for
from merchant_dashboard.exports import csv_cell
from storefront.tests.factories import make_product

pytestmark = pytest.mark.django_db

HOSTILE = ["=HYPERLINK(\"http://evil.test\",\"x\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)",
           "\tTabbed", "\rReturned"]


def test_cells_that_a_spreadsheet_would_run_are_quoted():
    for value in HOSTILE:
        assert csv_cell(value) == "'" + value
    for value in ["Mug", "", "12.00", "A=B", "café - blue"]:
        assert csv_cell(value) == value


def test_export_neutralises_hostile_titles_and_descriptions(world):
    formulas, whitespace = HOSTILE[:4], HOSTILE[4:]
    with schema_context(world.shop_a.schema_name):
        for n, title in enumerate(formulas):
            make_product(title=title, description=whitespace[n % 2] if n < 2 else "Plain")
    res = client_for(world.shop_a, world.owner_a).get("/api/dashboard/products/export/")
    assert res.status_code == 200
    rows = list(csv.DictReader(io.StringIO(b"".join(res.streaming_content).decode(), newline="")))
    assert sorted(row["title"] for row in rows) == sorted("'" + t for t in formulas)
    assert sorted(row["description"] for row in rows) == sorted(["'\tTabbed", "'\rReturned", "Plain", "Plain"])
    assert all(row["price"] == "10.00" for row in rows)
