"""Payment gateways behind storefront.payments.PaymentGateway: the shop's own Stripe account
when its keys are entered (billing.stripe_gateway), otherwise the offline test gateway."""
from __future__ import annotations

import hashlib
from datetime import date

from billing.errors import BillingErrorCode
from saas.kernel.errors import AppError
from storefront.payments import AttemptStatus, ChargeResult, PaymentDetailsError, PaymentGateway

APPROVED = {"4242424242424242"}
DECLINED = {
    "4000000000000002": ("card_declined", "Your card was declined. Try another card."),
    "4000000000009995": ("insufficient_funds", "Your card has insufficient funds. Try another card."),
    "4000000000000069": ("expired_card", "Your card has expired. Try another card."),
}


def _luhn_ok(number: str) -> bool:
    total = 0
    for i, digit in enumerate(reversed(number)):
        d = int(digit)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


class OfflineTestGateway:
    """Works with no network: the well-known test card numbers decide the outcome."""

    name = "offline-test"

    @staticmethod
    def _digits(payment: dict) -> str:
        return "".join(ch for ch in str(payment.get("card_number", "")) if ch.isdigit())

    def validate(self, payment: dict) -> PaymentDetailsError | None:
        number = self._digits(payment)
        if len(number) < 12 or len(number) > 19 or not _luhn_ok(number):
            return PaymentDetailsError("invalid_number", "The card number is not valid.", "card_number")
        try:
            month, year = int(payment.get("exp_month") or 0), int(payment.get("exp_year") or 0)
        except (TypeError, ValueError):
            month, year = 0, 0
        if not 1 <= month <= 12:
            return PaymentDetailsError("invalid_expiry", "Enter the card's expiry month.", "exp_month")
        year = year + 2000 if year < 100 else year
        today = date.today()  # noqa: DTZ011 - card expiry is a calendar month
        if (year, month) < (today.year, today.month):
            return PaymentDetailsError("expired_card", "The card's expiry date has passed.", "exp_year")
        return None

    def public_config(self) -> dict:
        return {"gateway": self.name, "publishable_key": ""}

    def create(self, *, amount_minor: int, currency: str, payment: dict, idempotency_key: str,
               description: str, metadata: dict[str, str]) -> ChargeResult:
        number = self._digits(payment)
        last4 = number[-4:]
        problem = self.validate(payment)
        if problem is not None:
            return ChargeResult(False, code=problem.code, message=problem.message, card_last4=last4)
        if number in DECLINED:
            code, message = DECLINED[number]
            return ChargeResult(False, code=code, message=message, card_last4=last4)
        if number not in APPROVED:
            return ChargeResult(False, code="card_declined", card_last4=last4,
                                message="Test mode: use 4242 4242 4242 4242 (approved) or 4000 0000 0000 0002 "
                                        "(declined).")
        reference = "test_ch_" + hashlib.sha256(idempotency_key.encode()).hexdigest()[:24]
        return ChargeResult(True, reference=reference, card_last4=last4)

    def retrieve(self, *, reference: str, idempotency_key: str, since: int) -> ChargeResult | None:
        # Nothing is kept offline: an approved charge has its reference, anything else never happened.
        return ChargeResult(True, reference=reference) if reference.startswith("test_ch_") else None

    def cancel(self, *, reference: str) -> ChargeResult:
        return ChargeResult(False, reference=reference, status=AttemptStatus.CANCELLED)

    def refund(self, *, reference: str, amount_minor: int, currency: str, idempotency_key: str,
               metadata: dict[str, str]) -> ChargeResult:
        return ChargeResult(True, reference="test_re_" + hashlib.sha256(idempotency_key.encode()).hexdigest()[:24])


def shop_gateway(name: str | None = None) -> PaymentGateway:
    """The current shop's gateway (settings.PAYMENT_GATEWAY): Stripe once its keys are entered.
    `name` asks for the gateway an earlier attempt went through."""
    if name == OfflineTestGateway.name:
        return OfflineTestGateway()
    from billing.stripe_gateway import StripeGateway, stripe_account_keys

    keys = stripe_account_keys()
    if keys is not None:
        return StripeGateway(secret_key=keys.secret_key, publishable_key=keys.publishable_key)
    if name == StripeGateway.name:
        raise AppError(BillingErrorCode.PAYMENTS_NOT_CONFIGURED,
                       "This shop's Stripe keys are not set.", status_code=503)
    return OfflineTestGateway()
