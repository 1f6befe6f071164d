"""The payment interface checkout needs. `billing` provides the gateways behind it; which one
a shop uses comes from settings (PAYMENT_GATEWAY, a callable that picks the current shop's
gateway), so storefront never imports billing.

A payment is three steps (storefront.payment_attempts): the attempt is recorded and committed,
then `create` asks the provider to create and confirm it (no database lock is held meanwhile),
then the answer is settled in a short transaction of its own. The answer may be final
(succeeded, failed) or pending: `requires_action` (the shopper must authenticate with the card's
bank, using `client_secret` in the browser) or `processing`; `retrieve` reads it again later."""
from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string


class AttemptStatus(enum.StrEnum):
    CREATING = "creating"  # recorded; the provider has not answered (yet)
    REQUIRES_ACTION = "requires_action"  # the shopper must authenticate the payment (3-D Secure)
    PROCESSING = "processing"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    CANCELLED = "cancelled"


OPEN_STATUSES = (AttemptStatus.CREATING, AttemptStatus.REQUIRES_ACTION, AttemptStatus.PROCESSING)


@dataclass(frozen=True)
class ChargeResult:
    ok: bool
    reference: str = ""  # the provider's id (a Stripe PaymentIntent or Refund)
    code: str = ""
    message: str = ""
    card_last4: str = ""
    status: str = ""  # an AttemptStatus; empty means succeeded or failed, as `ok` says
    client_secret: str = ""  # for the browser's authentication step only; never stored
    amount_minor: int | None = None  # what the provider says it charged, in minor units

    @property
    def state(self) -> AttemptStatus:
        if self.status:
            return AttemptStatus(self.status)
        return AttemptStatus.SUCCEEDED if self.ok else AttemptStatus.FAILED

    @property
    def pending(self) -> bool:
        return self.state in OPEN_STATUSES


@dataclass(frozen=True)
class PaymentDetailsError:
    """Payment details refused before any call to the provider (no order is placed for them)."""

    code: str
    message: str
    field: str  # the key inside `payment`, e.g. "card_number"


class GatewayUnavailable(Exception):
    """The provider could not be reached or answered with a server error: the outcome is
    unknown, and the attempt stays open for the reconciliation to read again."""


class PaymentGateway(Protocol):
    name: str

    def validate(self, payment: dict) -> PaymentDetailsError | None: ...

    def public_config(self) -> dict: ...

    def create(self, *, amount_minor: int, currency: str, payment: dict, idempotency_key: str,
               description: str, metadata: dict[str, str]) -> ChargeResult: ...

    def retrieve(self, *, reference: str, idempotency_key: str, since: int) -> ChargeResult | None:
        """The attempt as the provider has it now; found by `reference`, or when that is empty
        (a crash before it was stored) by the attempt's idempotency key among those created
        since `since` (a Unix time). None: the provider never received it."""
        ...

    def cancel(self, *, reference: str) -> ChargeResult: ...

    def refund(self, *, reference: str, amount_minor: int, currency: str, idempotency_key: str,
               metadata: dict[str, str]) -> ChargeResult: ...


def gateway(name: str | None = None) -> PaymentGateway:
    """The current shop's gateway, or the one called `name` (the gateway an attempt was made
    with, for reading it again)."""
    return import_string(settings.PAYMENT_GATEWAY)(name)
