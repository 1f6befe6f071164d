"""evaluate_recs and convert_online_retail end to end on small generated files."""
from __future__ import annotations

import csv
import gzip
import io
import json
from datetime import UTC, datetime, timedelta

import numpy as np
import pytest
from django.core.management import CommandError, call_command

START = datetime(2026, 1, 1, tzinfo=UTC)


def _write_shop(folder, n_users=80, n_items=40, days=120, seed=5):
    """Three taste groups, a few seasonal best-sellers late on, baskets of 2-4 items."""
    rng = np.random.default_rng(seed)
    inter = folder / "interactions.csv"
    with open(inter, "w", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["user_id", "item_id", "timestamp", "basket_id"])
        for u in range(n_users):
            group = u % 4
            for visit in range(int(rng.integers(2, 7))):
                when = START + timedelta(days=float(rng.uniform(0, days)))
                pool = np.arange(group * 10, group * 10 + 10)
                picks = rng.choice(pool, size=int(rng.integers(2, 5)), replace=False)
                for p in picks:
                    out.writerow([f"c{u}", f"p{p}", when.isoformat(timespec="seconds"), f"inv{u}-{visit}"])
    items = folder / "items.csv"
    with open(items, "w", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["item_id", "title", "description", "category"])
        for p in range(n_items):
            kind = ["wool scarf", "ceramic mug", "scented candle", "oak frame"][p // 10]
            out.writerow([f"p{p}", f"{kind} {p}", "" if p % 3 else f"a lovely {kind}", ""])
    return inter, items


def test_evaluate_recs_writes_the_documented_json(tmp_path):
    inter, items = _write_shop(tmp_path)
    out = tmp_path / "report.json"
    printed = io.StringIO()
    call_command("evaluate_recs", interactions=str(inter), items=str(items), test_days=21,
                 json_out=str(out), bootstrap=200, stdout=printed)
    report = json.loads(out.read_text())
    assert isinstance(report["users"], int)
    assert report["users"] > 0
    models = report["models"]
    assert [m["baseline"] for m in models].count(False) == 1
    names = " | ".join(m["name"] for m in models)
    for wanted in ("most popular", "popular in the last 14 days", "item-kNN cosine", "EASE"):
        assert wanted in names
    for m in models:
        assert set(m) >= {"name", "baseline", "hr@10", "ndcg@10", "recall@20", "coverage", "ndcg@10_diff_ci"}
        assert all(0.0 <= m[key] <= 1.0 for key in ("hr@10", "ndcg@10", "recall@20", "coverage"))
        low, high = m["ndcg@10_diff_ci"]
        assert low <= high
    shop = next(m for m in models if not m["baseline"])
    popular = next(m for m in models if m["name"] == "most popular")
    low, high = popular["ndcg@10_diff_ci"]
    assert low <= shop["ndcg@10"] - popular["ndcg@10"] <= high
    assert "NDCG@10" in printed.getvalue()
    assert "most popular" in printed.getvalue()


def test_until_scores_an_earlier_cut_off(tmp_path):
    inter, items = _write_shop(tmp_path)
    out = tmp_path / "early.json"
    call_command("evaluate_recs", interactions=str(inter), items=str(items), test_days=14, until="2026-03-31",
                 json_out=str(out), bootstrap=50, stdout=io.StringIO())
    report = json.loads(out.read_text())
    assert report["test_end"] == "2026-03-31"
    assert report["test_start"] == "2026-03-17"


def test_bad_files_are_a_clear_error(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("user,item\n1,2\n")
    items = tmp_path / "items.csv"
    items.write_text("item_id,title\n2,x\n")
    with pytest.raises(CommandError, match="missing column"):
        call_command("evaluate_recs", interactions=str(bad), items=str(items))
    with pytest.raises(CommandError, match="no such file"):
        call_command("evaluate_recs", interactions=str(tmp_path / "none.csv"), items=str(items))
    bad.write_text("user_id,item_id,timestamp\n1,2,yesterday\n")
    with pytest.raises(CommandError, match="ISO 8601"):
        call_command("evaluate_recs", interactions=str(bad), items=str(items))


def test_convert_online_retail_drops_what_is_not_a_purchase(tmp_path):
    source = tmp_path / "retail.csv.gz"
    lines = [
        "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country",
        "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26,2.55,17850,United Kingdom",
        "536365,71053,WHITE METAL LANTERN,6,2010-12-01 08:26,3.39,17850,United Kingdom",
        "C536379,71053,WHITE METAL LANTERN,-1,2010-12-01 09:41,3.39,17850,United Kingdom",
        "536380,POST,POSTAGE,1,2010-12-01 09:45,18.00,12583,France",
        "536381,22086,PAPER CHAIN KIT,-2,2010-12-01 09:50,2.55,12583,France",
        "536382,22086,PAPER CHAIN KIT,3,2010-12-01 09:51,2.55,,United Kingdom",
        "536383,22086,PAPER CHAIN KIT 50'S CHRISTMAS,3,2010-12-02 10:00,2.55,12583.0,France",
    ]
    with gzip.open(source, "wt", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
    call_command("convert_online_retail", input=str(source), out_dir=str(tmp_path / "out"),
                 stdout=io.StringIO())
    with open(tmp_path / "out" / "interactions.csv") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["user_id"], r["item_id"], r["timestamp"], r["basket_id"]) for r in rows] == [
        ("17850", "85123A", "2010-12-01T08:26:00", "536365"),
        ("17850", "71053", "2010-12-01T08:26:00", "536365"),
        ("12583", "22086", "2010-12-02T10:00:00", "536383"),
    ]
    with open(tmp_path / "out" / "items.csv") as handle:
        items = {r["item_id"]: r["title"] for r in csv.DictReader(handle)}
    assert items == {"22086": "PAPER CHAIN KIT", "71053": "WHITE METAL LANTERN",
                     "85123A": "WHITE HANGING HEART T-LIGHT HOLDER"}
