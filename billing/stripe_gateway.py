"""Shoppers' card payments through the shop's own Stripe account (PaymentIntents).

The browser turns the card into a PaymentMethod with Stripe.js (the number never reaches this
server); `create` makes the PaymentIntent with it and confirms it in one request, so the answer
is succeeded, declined, or requires_action (3-D Secure in the browser, then read again with
`retrieve`). Every creating request carries the attempt's idempotency key, which is also in the
PaymentIntent's metadata so that an attempt whose answer was lost can be found again."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import stripe
from django.conf import settings

from billing.models import ShopStripeAccount
from billing.secrets import secret_decrypt
from storefront.payments import AttemptStatus, ChargeResult, GatewayUnavailable, PaymentDetailsError

PAYMENT_METHOD_ID = re.compile(r"^(pm|card)_[A-Za-z0-9]{6,100}$")
STATUSES = {
    "succeeded": AttemptStatus.SUCCEEDED,
    "requires_action": AttemptStatus.REQUIRES_ACTION,
    "processing": AttemptStatus.PROCESSING,
    "requires_confirmation": AttemptStatus.PROCESSING,
    "requires_capture": AttemptStatus.PROCESSING,
    "requires_payment_method": AttemptStatus.FAILED,
    "canceled": AttemptStatus.CANCELLED,
}
UNREACHABLE = (stripe.APIConnectionError, stripe.RateLimitError, stripe.APIError)


@dataclass(frozen=True)
class StripeKeys:
    publishable_key: str
    secret_key: str
    webhook_secret: str


def stripe_account_keys() -> StripeKeys | None:
    """The current shop's Stripe keys, decrypted; None until a usable secret key is stored."""
    account = ShopStripeAccount.objects.order_by("id").first()
    if account is None:
        return None
    secret_key = secret_decrypt(account.secret_key_encrypted)
    if not secret_key:
        return None
    return StripeKeys(account.publishable_key, secret_key, secret_decrypt(account.webhook_secret_encrypted))


def stripe_client(secret_key: str) -> stripe.StripeClient:
    base = {"api": settings.STRIPE_API_BASE} if settings.STRIPE_API_BASE else None
    return stripe.StripeClient(secret_key, base_addresses=base, max_network_retries=2,  # type: ignore[arg-type]
                               http_client=stripe.RequestsClient(timeout=20))


def plain(value: Any) -> dict[str, Any]:
    """A Stripe object (or the dict of a webhook's body) as a dict."""
    if value is None:
        return {}
    return value.to_dict() if hasattr(value, "to_dict") else dict(value)


def _error(pi: Any) -> tuple[str, str]:
    error = plain(getattr(pi, "last_payment_error", None))
    code = error.get("decline_code") or error.get("code") or "card_declined"
    return str(code), str(error.get("message") or "Your card was declined. Try another card.")


def result_of(pi: Any) -> ChargeResult:
    status = STATUSES.get(pi.status, AttemptStatus.PROCESSING)
    code, message = _error(pi) if status == AttemptStatus.FAILED else ("", "")
    if status == AttemptStatus.CANCELLED:
        code, message = "canceled", "This payment was cancelled."
    return ChargeResult(status == AttemptStatus.SUCCEEDED, reference=pi.id, code=code, message=message,
                        status=status, amount_minor=int(pi.amount),
                        client_secret=pi.client_secret if status == AttemptStatus.REQUIRES_ACTION else "")


class StripeGateway:
    name = "stripe"

    def __init__(self, *, secret_key: str, publishable_key: str) -> None:
        self.client = stripe_client(secret_key)
        self.publishable_key = publishable_key

    def validate(self, payment: dict) -> PaymentDetailsError | None:
        if not PAYMENT_METHOD_ID.match(str(payment.get("payment_method") or "")):
            return PaymentDetailsError("invalid_payment_method", "Enter your card details.", "payment_method")
        return None

    def public_config(self) -> dict:
        return {"gateway": self.name, "publishable_key": self.publishable_key}

    def create(self, *, amount_minor: int, currency: str, payment: dict, idempotency_key: str,
               description: str, metadata: dict[str, str]) -> ChargeResult:
        params: Any = {"amount": amount_minor, "currency": currency.lower(), "confirm": True,
                       "payment_method": payment["payment_method"], "payment_method_types": ["card"],
                       "metadata": {**metadata, "attempt": idempotency_key, "description": description}}
        try:
            pi = self.client.v1.payment_intents.create(params=params, options={"idempotency_key": idempotency_key})
        except stripe.CardError as exc:
            intent = plain(exc.error.payment_intent if exc.error else None)
            return ChargeResult(False, reference=str(intent.get("id") or ""), code=exc.code or "card_declined",
                                message=exc.user_message or "Your card was declined. Try another card.",
                                status=AttemptStatus.FAILED)
        except UNREACHABLE as exc:
            raise GatewayUnavailable(str(exc)) from exc
        except stripe.StripeError as exc:  # refused as asked (bad key, unknown payment method): final
            return ChargeResult(False, code="payment_refused", status=AttemptStatus.FAILED,
                                message=exc.user_message or "The card payment could not be made. Try again.")
        return result_of(pi)

    def retrieve(self, *, reference: str, idempotency_key: str, since: int) -> ChargeResult | None:
        try:
            if reference:
                return result_of(self.client.v1.payment_intents.retrieve(reference))
            # the newest hundred: the attempt was recorded minutes before this runs
            for pi in self.client.v1.payment_intents.list(params={"limit": 100}).data:
                if plain(pi.metadata).get("attempt") == idempotency_key and int(pi.created) >= since - 60:
                    return result_of(pi)
        except stripe.InvalidRequestError as exc:
            if exc.http_status == 404:
                return None
            raise GatewayUnavailable(str(exc)) from exc
        except UNREACHABLE as exc:
            raise GatewayUnavailable(str(exc)) from exc
        return None

    def cancel(self, *, reference: str) -> ChargeResult:
        try:
            return result_of(self.client.v1.payment_intents.cancel(reference))
        except stripe.InvalidRequestError:  # no longer cancellable (it went through meanwhile): read it
            found = self.retrieve(reference=reference, idempotency_key="", since=0)
            if found is None:
                raise GatewayUnavailable(f"PaymentIntent {reference} not found") from None
            return found
        except UNREACHABLE as exc:
            raise GatewayUnavailable(str(exc)) from exc

    def refund(self, *, reference: str, amount_minor: int, currency: str, idempotency_key: str,
               metadata: dict[str, str]) -> ChargeResult:
        params: Any = {"payment_intent": reference, "amount": amount_minor, "metadata": metadata}
        try:
            refund = self.client.v1.refunds.create(params=params, options={"idempotency_key": idempotency_key})
        except UNREACHABLE as exc:
            raise GatewayUnavailable(str(exc)) from exc
        except stripe.StripeError as exc:
            return ChargeResult(False, code=exc.code or "refund_failed", status=AttemptStatus.FAILED,
                                message=exc.user_message or "Stripe refused the refund.")
        status = {"succeeded": AttemptStatus.SUCCEEDED, "pending": AttemptStatus.PROCESSING}.get(
            refund.status or "", AttemptStatus.FAILED)
        return ChargeResult(status == AttemptStatus.SUCCEEDED, reference=refund.id, status=status,
                            amount_minor=int(refund.amount),
                            code="" if status != AttemptStatus.FAILED else "refund_failed",
                            message="" if status != AttemptStatus.FAILED else "Stripe refused the refund.")
