"""The riverside demo shop, built from the UCI Online Retail data set (Daqing Chen, 2012,
CC BY 4.0): its catalogue with generated pictures, descriptions and pack variants, and the data
set's real invoices as the shop's order history. Loaded in bulk, so no signal, e-mail or
notification goes out for any of it."""
from __future__ import annotations

from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "demo_data"
PRODUCTS = "online_retail_products.csv"
FACTS = "online_retail_facts.csv"
INVOICES = "online_retail_invoices.csv.gz"
ATTRIBUTION = ("Products and order history from the UCI Online Retail data set (Daqing Chen, 2012), "
               "licensed CC BY 4.0.")
