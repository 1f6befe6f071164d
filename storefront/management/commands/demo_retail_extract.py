"""Rebuilds the demo shop's order history and product facts from the original UCI Online Retail
file (Daqing Chen, 2012, CC BY 4.0), so anyone can regenerate what storefront/demo_data carries:

    python manage.py demo_retail_extract online_retail.csv.gz

Reads the demo catalogue (online_retail_products.csv, which stays as it is) and writes
  online_retail_invoices.csv.gz  the real invoices of a share of the customers (all their
                                 invoices, so repeat purchases stay whole) and of the guest
                                 invoices, restricted to the demo products, customers
                                 pseudonymised, dates as minutes before the data set's last invoice;
  online_retail_facts.csv        per product: the usual pack size and its unit price, the busiest
                                 month, how many customers bought it, and what it is bought with."""
from __future__ import annotations

import csv
import gzip
import hashlib
import io
from collections import Counter, defaultdict
from datetime import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from storefront.demo import DATA_DIR, FACTS, INVOICES, PRODUCTS

POSTAGE = {"POST", "DOT", "C2"}  # postage and carriage lines become the order's shipping
# Only what an order's address needs; the rest of the data set's countries stay out.
COUNTRIES = {"United Kingdom": "GB", "Germany": "DE", "France": "FR", "EIRE": "IE", "Belgium": "BE",
             "Netherlands": "NL", "Spain": "ES", "Switzerland": "CH", "Portugal": "PT", "Australia": "AU",
             "Norway": "NO", "Italy": "IT", "Finland": "FI", "Sweden": "SE", "Denmark": "DK", "Austria": "AT",
             "Poland": "PL", "Japan": "JP", "Cyprus": "CY", "Iceland": "IS", "Israel": "IL", "Greece": "GR",
             "Canada": "CA", "USA": "US", "Singapore": "SG", "Malta": "MT", "Lithuania": "LT", "Czech Republic":
             "CZ", "Bahrain": "BH", "Brazil": "BR", "Lebanon": "LB", "United Arab Emirates": "AE",
             "Saudi Arabia": "SA", "RSA": "ZA", "Channel Islands": "JE"}
PSEUDONYM_KEY = b"shopyard-demo"  # fixed, so a rebuild gives the same pseudonyms
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def pseudonym(customer_id: str) -> str:
    return hashlib.blake2b(customer_id.encode(), key=PSEUDONYM_KEY, digest_size=5).hexdigest()


def _picked(key: str, share: float) -> bool:
    return int(hashlib.blake2b(key.encode(), key=PSEUDONYM_KEY, digest_size=4).hexdigest(), 16) < share * 2**32


def _read(source: Path):
    opener = gzip.open if source.suffix == ".gz" else open
    with opener(source, "rt", encoding="utf-8", errors="replace", newline="") as f:
        for row in csv.DictReader(f):
            if row["InvoiceNo"].startswith("C") or float(row["Quantity"]) <= 0:
                continue  # cancellations and returns
            yield row


def _packs(sold: list[tuple[int, float]], single: float) -> tuple[int, float, int, float]:
    """The quantity most often bought (from 4 up) at its usual price, and the smallest common
    quantity the shop sold at a lower unit price (its trade price break)."""
    by_quantity: dict[int, Counter[float]] = defaultdict(Counter)
    for quantity, price in sold:
        if price > 0:
            by_quantity[quantity][price] += 1
    common = sorted(q for q, prices in by_quantity.items() if sum(prices.values()) >= 20)
    usual = max((q for q in common if 4 <= q <= 24), key=lambda q: sum(by_quantity[q].values()), default=0)
    pack_price = by_quantity[usual].most_common(1)[0][0] if usual else 0.0
    trade, trade_price = 0, 0.0
    for q in common:
        price = by_quantity[q].most_common(1)[0][0]
        if q > max(usual, 1) and price < single:
            trade, trade_price = q, price
            break
    if pack_price > single:
        usual, pack_price = 0, 0.0
    return usual, pack_price, trade, trade_price


class Command(BaseCommand):
    help = "Writes storefront/demo_data's invoice extract and product facts from the Online Retail file."

    def add_arguments(self, parser):
        parser.add_argument("source", type=Path, help="online_retail.csv(.gz) as published by UCI")
        parser.add_argument("--share", type=float, default=0.3, help="share of customers kept (default 0.3)")
        parser.add_argument("--out", type=Path, default=DATA_DIR)

    def handle(self, *args, source: Path, share: float, out: Path, **options):
        if not source.exists():
            raise CommandError(f"{source} does not exist")
        with (DATA_DIR / PRODUCTS).open(newline="") as f:
            catalogue = {row["stock_code"]: row for row in csv.DictReader(f)}
        invoices: dict[str, list[dict]] = defaultdict(list)
        postage: Counter[str] = Counter()
        for row in _read(source):
            if row["StockCode"] in catalogue:
                invoices[row["InvoiceNo"]].append(row)
            elif row["StockCode"] in POSTAGE:
                postage[row["InvoiceNo"]] += round(float(row["Quantity"]) * float(row["UnitPrice"]) * 100)
        last = max(datetime.fromisoformat(lines[0]["InvoiceDate"]) for lines in invoices.values())
        self._write_facts(out / FACTS, catalogue, invoices)
        kept = self._write_invoices(out / INVOICES, invoices, postage, last, share)
        self.stdout.write(f"{kept} invoices of {len(invoices)} kept; last invoice {last:%Y-%m-%d %H:%M}")

    @staticmethod
    def _write_invoices(path: Path, invoices, postage, last: datetime, share: float) -> int:
        buffer = io.StringIO()
        out = csv.writer(buffer, lineterminator="\n")
        out.writerow(["invoice", "minutes_before_end", "customer", "country", "stock_code", "quantity",
                      "unit_price", "postage"])
        kept = 0
        for number, lines in sorted(invoices.items()):
            customer_id = lines[0]["CustomerID"].strip()
            if not _picked(customer_id or f"guest-{number}", share):
                continue
            kept += 1
            minutes = int((last - datetime.fromisoformat(lines[0]["InvoiceDate"])).total_seconds() // 60)
            customer = pseudonym(customer_id) if customer_id else ""
            country = COUNTRIES.get(lines[0]["Country"], "")
            ship = f"{postage[number] / 100:.2f}" if postage[number] else ""
            quantities: Counter[str] = Counter()
            prices: dict[str, str] = {}
            for line in lines:  # a product listed twice on one invoice becomes one order line
                quantities[line["StockCode"]] += int(float(line["Quantity"]))
                prices.setdefault(line["StockCode"], line["UnitPrice"])
            for code, quantity in quantities.items():
                out.writerow([number, minutes, customer, country, code, quantity, prices[code], ship])
                ship = country = customer = ""  # said once per invoice, on its first line
        with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as f:
            f.write(buffer.getvalue())
        return kept

    @staticmethod
    def _write_facts(path: Path, catalogue, invoices) -> None:
        quantities: dict[str, list[tuple[int, float]]] = defaultdict(list)
        months: dict[str, Counter[int]] = defaultdict(Counter)
        buyers: dict[str, set[str]] = defaultdict(set)
        baskets: list[set[str]] = []
        for lines in invoices.values():
            basket = set()
            for line in lines:
                code = line["StockCode"]
                quantities[code].append((int(float(line["Quantity"])), float(line["UnitPrice"])))
                months[code][datetime.fromisoformat(line["InvoiceDate"]).month] += 1
                if line["CustomerID"]:
                    buyers[code].add(line["CustomerID"])
                basket.add(code)
            baskets.append(basket)
        together: dict[str, Counter[str]] = defaultdict(Counter)
        popularity: Counter[str] = Counter()
        for basket in baskets:
            popularity.update(basket)
            if len(basket) > 60:
                continue  # a wholesaler's restock says little about what goes together
            for code in basket:
                together[code].update(basket - {code})
        with path.open("w", newline="") as f:
            out = csv.writer(f, lineterminator="\n")
            out.writerow(["stock_code", "pack_size", "pack_unit_price", "trade_size", "trade_unit_price",
                          "busiest_month", "customers", "bought_with"])
            for code, product in catalogue.items():
                pack, pack_price, trade, trade_price = _packs(quantities[code], float(product["unit_price"]))
                # lift over popularity, so that pairings are not just the best sellers
                scored = sorted(((n / popularity[other] ** 0.5, other) for other, n in together[code].items()
                                 if n >= 5), reverse=True)
                busiest = months[code].most_common(1)[0][0] if months[code] else 0
                out.writerow([code, pack or "", f"{pack_price:.2f}" if pack else "", trade or "",
                              f"{trade_price:.2f}" if trade else "", MONTHS[busiest - 1] if busiest else "",
                              len(buyers[code]), ";".join(other for _, other in scored[:3])])
