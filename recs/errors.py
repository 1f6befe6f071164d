"""Error codes of recommendations."""
from __future__ import annotations

from enum import StrEnum


class RecsErrorCode(StrEnum):
    NO_PRODUCTS = "no_products"
