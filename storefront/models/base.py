"""Shared field helpers of the commerce models."""
from __future__ import annotations

from decimal import Decimal

from django.db import models

ZERO = Decimal("0.00")


def MoneyField(**kwargs) -> models.DecimalField:  # noqa: N802 - reads like the field classes it builds
    return models.DecimalField(max_digits=12, decimal_places=2, **kwargs)
