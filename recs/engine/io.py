"""CSV in and out for the offline tools: the two exported files and the Online Retail source."""
from __future__ import annotations

import csv
import gzip
import io
import re
from collections import Counter, defaultdict
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from .data import Interactions, Items

INTERACTION_COLUMNS = ("user_id", "item_id", "timestamp")
ITEM_COLUMNS = ("item_id", "title", "description", "category")
# Online Retail product codes are five digits with an optional letter suffix; POST, M, DOT,
# BANK CHARGES, AMAZONFEE, gift vouchers (gift_0001_*), DCGS* and the like are not products.
_PRODUCT_CODE = re.compile(r"^\d{5}[A-Z]{0,2}$")


class CsvFormatError(ValueError):
    """A file that does not have the documented columns or values (message says which line)."""


def _open_text(path: str | Path):
    path = Path(path)
    if path.suffix == ".gz":
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8", newline="")
    return open(path, encoding="utf-8", newline="")


def parse_timestamp(value: str) -> float:
    """ISO 8601 to epoch seconds; a time without a zone is taken as UTC."""
    text = value.strip()
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    stamp = datetime.fromisoformat(text)
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=UTC)
    return stamp.timestamp()


def read_interactions_csv(path: str | Path) -> Interactions:
    users: list[str] = []
    items: list[str] = []
    stamps: list[float] = []
    baskets: list[str] = []
    with _open_text(path) as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in INTERACTION_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise CsvFormatError(f"{path}: missing column(s) {', '.join(missing)}")
        has_basket = "basket_id" in (reader.fieldnames or [])
        for line, row in enumerate(reader, start=2):
            user, item, stamp = row["user_id"].strip(), row["item_id"].strip(), row["timestamp"]
            if not user or not item or not stamp:
                raise CsvFormatError(f"{path}:{line}: user_id, item_id and timestamp are required")
            try:
                stamps.append(parse_timestamp(stamp))
            except ValueError as exc:
                raise CsvFormatError(f"{path}:{line}: timestamp {stamp!r} is not ISO 8601") from exc
            users.append(user)
            items.append(item)
            if has_basket:
                baskets.append((row.get("basket_id") or "").strip())
    basket_arr = None
    if has_basket:
        basket_arr = np.asarray(baskets, dtype=object)
        # Rows without a basket each stand alone, so they never look co-purchased.
        empty = basket_arr == ""
        basket_arr[empty] = [f"\x00row{i}" for i in np.flatnonzero(empty)]
    return Interactions.build(
        users=np.asarray(users, dtype=object),
        items=np.asarray(items, dtype=object),
        timestamps=np.asarray(stamps, dtype=np.float64),
        baskets=basket_arr,
    )


def read_items_csv(path: str | Path) -> Items:
    ids: list[str] = []
    titles: list[str] = []
    descriptions: list[str] = []
    categories: list[str] = []
    seen: set[str] = set()
    with _open_text(path) as handle:
        reader = csv.DictReader(handle)
        if "item_id" not in (reader.fieldnames or []):
            raise CsvFormatError(f"{path}: missing column item_id")
        for row in reader:
            item = (row.get("item_id") or "").strip()
            if not item or item in seen:
                continue
            seen.add(item)
            ids.append(item)
            titles.append((row.get("title") or "").strip())
            descriptions.append((row.get("description") or "").strip())
            categories.append((row.get("category") or "").strip())
    return Items(ids=np.asarray(ids, dtype=object), titles=titles, descriptions=descriptions, categories=categories)


def convert_online_retail(source: str | Path, out_dir: str | Path) -> dict[str, int]:
    """Online Retail invoice lines to `interactions.csv` and `items.csv`.

    Dropped: cancellations (invoice starting with C), returns and adjustments (quantity or
    price not positive), lines without a customer (guests cannot be followed over time) and
    codes that are not products. A product's title is its most frequent description."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    names: dict[str, Counter[str]] = defaultdict(Counter)
    rows: list[tuple[str, str, str, str]] = []
    dropped = Counter[str]()
    with _open_text(source) as handle:
        reader = csv.DictReader(handle)
        for row in reader:
            invoice = row["InvoiceNo"].strip()
            code = row["StockCode"].strip().upper()
            if invoice.upper().startswith("C"):
                dropped["cancellation"] += 1
                continue
            if not _PRODUCT_CODE.match(code):
                dropped["not_a_product"] += 1
                continue
            try:
                quantity, price = float(row["Quantity"]), float(row["UnitPrice"])
            except ValueError:
                dropped["bad_number"] += 1
                continue
            if quantity <= 0 or price <= 0:
                dropped["return_or_adjustment"] += 1
                continue
            description = (row["Description"] or "").strip()
            if description:
                names[code][description] += 1
            customer = (row["CustomerID"] or "").strip()
            if not customer:
                dropped["guest"] += 1
                continue
            if customer.endswith(".0"):
                customer = customer[:-2]
            stamp = datetime.strptime(row["InvoiceDate"].strip(), "%Y-%m-%d %H:%M").replace(tzinfo=UTC)
            rows.append((customer, code, stamp.strftime("%Y-%m-%dT%H:%M:00"), invoice))
    used = {code for _, code, _, _ in rows}
    with open(out / "interactions.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([*INTERACTION_COLUMNS, "basket_id"])
        writer.writerows(rows)
    with open(out / "items.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(ITEM_COLUMNS)
        for code in sorted(used):
            title = names[code].most_common(1)[0][0] if names[code] else ""
            writer.writerow([code, title, "", ""])
    return {"interactions": len(rows), "items": len(used), **{f"dropped_{k}": v for k, v in dropped.items()}}
