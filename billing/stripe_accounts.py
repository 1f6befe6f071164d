"""The shop's own Stripe account: keys entered by the owner or a manager, the secrets stored
encrypted and never shown again (only their last characters), and the shop's webhook, which
settles payments when Stripe says so."""
from __future__ import annotations

import re
from typing import Any

from django.db import transaction

from billing.models import ShopStripeAccount
from billing.secrets import secret_encrypt
from billing.stripe_gateway import result_of, stripe_account_keys
from billing.webhooks import Scope, webhook_event_is_newest, webhook_handler
from saas.kernel.errors import AppError, ErrorCode
from storefront.payment_attempts import payment_attempt_apply
from storefront.payments import AttemptStatus

KEY_SHAPES = {
    "publishable_key": (re.compile(r"^pk_(test|live)_[A-Za-z0-9]{8,240}$"),
                        "a publishable key (pk_test_… or pk_live_…)"),
    "secret_key": (re.compile(r"^(sk|rk)_(test|live)_[A-Za-z0-9]{8,240}$"), "a secret key (sk_… or rk_…)"),
    "webhook_secret": (re.compile(r"^whsec_[A-Za-z0-9]{8,240}$"), "a webhook signing secret (whsec_…)"),
}


def hint(secret: str) -> str:
    return secret[-4:]


def stripe_account_get() -> ShopStripeAccount | None:
    return ShopStripeAccount.objects.order_by("id").first()


def stripe_account_save(*, publishable_key: str, secret_key: str = "", webhook_secret: str = "",
                        by_email: str = "") -> ShopStripeAccount:
    """Stores the keys; a secret left empty keeps the one stored (it is never sent back to be
    kept). Test and live keys may not be mixed."""
    values = {"publishable_key": publishable_key.strip(), "secret_key": secret_key.strip(),
              "webhook_secret": webhook_secret.strip()}
    errors = {field: [f"Enter {label}."] for field, (shape, label) in KEY_SHAPES.items()
              if values[field] and not shape.match(values[field])}
    with transaction.atomic():
        account = ShopStripeAccount.objects.select_for_update().order_by("id").first()
        if not values["publishable_key"]:
            errors.setdefault("publishable_key", ["Enter the publishable key."])
        if account is None and not values["secret_key"]:
            errors.setdefault("secret_key", ["Enter the secret key."])
        if not errors and values["secret_key"] and ("_live_" in values["secret_key"]) != (
                "_live_" in values["publishable_key"]):
            errors["secret_key"] = ["The secret key and the publishable key must both be test keys or both live."]
        if errors:
            raise AppError(ErrorCode.VALIDATION_ERROR, "Check the Stripe keys.", fields=errors)
        account = account or ShopStripeAccount()
        account.publishable_key = values["publishable_key"]
        if values["secret_key"]:
            account.secret_key_encrypted, account.secret_key_hint = secret_encrypt(values["secret_key"]), hint(
                values["secret_key"])
        if values["webhook_secret"]:
            account.webhook_secret_encrypted = secret_encrypt(values["webhook_secret"])
            account.webhook_secret_hint = hint(values["webhook_secret"])
        account.updated_by_email = by_email
        account.save()
    return account


def stripe_account_delete() -> None:
    """Back to the offline test gateway. Attempts made through Stripe stay on the orders'
    timelines (reading them again needs the keys)."""
    ShopStripeAccount.objects.all().delete()


def webhook_secret() -> str:
    keys = stripe_account_keys()
    return keys.webhook_secret if keys else ""


TERMINAL = (AttemptStatus.SUCCEEDED, AttemptStatus.FAILED, AttemptStatus.CANCELLED)


class _Intent:
    """The PaymentIntent in an event, read like the SDK's object."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.id = str(data.get("id") or "")
        self.status = str(data.get("status") or "")
        self.amount = int(data.get("amount") or 0)
        self.client_secret = ""
        self.last_payment_error = data.get("last_payment_error") or {}
        self.metadata = data.get("metadata") or {}


def payment_intent_event(event: dict[str, Any]) -> None:
    """A verified event about a PaymentIntent: the attempt follows it if it is the newest about
    that PaymentIntent or final (a final attempt never changes again, so a late `requires_action`
    after `succeeded` is ignored and a repeat is harmless)."""
    intent = _Intent(event["data"]["object"])
    result = result_of(intent)
    if result.state not in TERMINAL and not webhook_event_is_newest(event):
        return
    payment_attempt_apply(reference=intent.id, attempt_key=str(intent.metadata.get("attempt") or ""), result=result)


for _type in ("payment_intent.succeeded", "payment_intent.payment_failed", "payment_intent.canceled",
              "payment_intent.requires_action", "payment_intent.processing"):
    webhook_handler(_type, scope=Scope.SHOP)(payment_intent_event)
