"""The payment interface checkout needs. `billing` provides the gateways behind it; which one
is used comes from settings (PAYMENT_GATEWAY), so storefront never imports billing."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class ChargeResult:
    ok: bool
    reference: str = ""
    code: str = ""
    message: str = ""
    card_last4: str = ""


@dataclass(frozen=True)
class PaymentDetailsError:
    """Payment details refused before any call to the provider (no order is placed for them)."""

    code: str
    message: str
    field: str  # the key inside `payment`, e.g. "card_number"


class PaymentGateway(Protocol):
    name: str

    def validate(self, payment: dict) -> PaymentDetailsError | None: ...

    def charge(self, *, amount: Decimal, currency: str, payment: dict, idempotency_key: str,
               description: str) -> ChargeResult: ...

    def refund(self, *, reference: str, amount: Decimal, currency: str, idempotency_key: str) -> ChargeResult: ...


@cache
def gateway() -> PaymentGateway:
    return import_string(settings.PAYMENT_GATEWAY)()
