"""Stripe webhooks, for both Stripe accounts: the platform's (public schema) and a shop's own.

A webhook view verifies the signature (`webhook_event_verify`), then `webhook_event_dispatch`
applies the event once per schema: the event's id is recorded in the same transaction as the
handler's writes, so a repeat is skipped and a handler that fails leaves nothing recorded
(Stripe sends it again). Events arrive in any order: a handler that sets state from an
object should apply it only if `webhook_event_is_newest(event)`, or re-read the object from
Stripe, never trust the last to arrive.

    @webhook_handler("payment_intent.succeeded", scope=Scope.SHOP)
    def payment_succeeded(event: dict) -> None: ...
"""
from __future__ import annotations

import enum
import json
from collections.abc import Callable
from typing import Any

import stripe
from django.db import IntegrityError, transaction

from billing.errors import BillingErrorCode
from billing.models import StripeEvent
from saas.kernel.errors import AppError
from saas.kernel.tenancy import current_schema

SIGNATURE_TOLERANCE_SECONDS = 300  # Stripe's own default: a delivery older than this is refused

Handler = Callable[[dict[str, Any]], None]


class Scope(enum.StrEnum):
    PLATFORM = "platform"  # the platform's Stripe account, webhooks on the root domain
    SHOP = "shop"  # a shop's own Stripe account, webhooks on the shop's host


_handlers: dict[tuple[Scope, str], list[Handler]] = {}


def webhook_handler(event_type: str, *, scope: Scope) -> Callable[[Handler], Handler]:
    def register(fn: Handler) -> Handler:
        fns = _handlers.setdefault((scope, event_type), [])
        if fn not in fns:
            fns.append(fn)
        return fn

    return register


def current_scope() -> Scope:
    return Scope.PLATFORM if current_schema() == "public" else Scope.SHOP


def webhook_event_verify(*, payload: bytes, signature: str | None, secret: str) -> dict[str, Any]:
    """The event in `payload` if `signature` (the Stripe-Signature header) was made with
    `secret` within the tolerance; otherwise a 400 that says only that it was refused."""
    if not secret:
        raise AppError(BillingErrorCode.WEBHOOK_NOT_CONFIGURED,
                       "Stripe webhooks are not configured here.", status_code=400)
    try:
        stripe.WebhookSignature.verify_header(payload.decode("utf-8"), signature, secret,
                                              tolerance=SIGNATURE_TOLERANCE_SECONDS)
        event = json.loads(payload)
    except (stripe.SignatureVerificationError, UnicodeDecodeError, ValueError) as exc:
        raise AppError(BillingErrorCode.INVALID_SIGNATURE,
                       "The webhook signature is not valid.", status_code=400) from exc
    if not isinstance(event, dict) or not isinstance(event.get("id"), str) or not isinstance(event.get("type"), str) \
            or not isinstance(event.get("data"), dict) or not isinstance(event["data"].get("object"), dict):
        raise AppError(BillingErrorCode.INVALID_EVENT, "The webhook body is not a Stripe event.", status_code=400)
    return event


def event_object_id(event: dict[str, Any]) -> str:
    return str(event["data"]["object"].get("id") or "")


def webhook_event_is_newest(event: dict[str, Any]) -> bool:
    """Whether no event about the same object that Stripe created later has been applied here
    (call it from a handler: the event itself is already recorded then)."""
    return not StripeEvent.objects.filter(object_id=event_object_id(event), created__gt=int(event.get("created") or 0)
                                          ).exclude(event_id=event["id"]).exists()


def webhook_event_dispatch(*, event: dict[str, Any]) -> bool:
    """Applies a verified event once in the current schema. True if it was applied now,
    False if it had been already (a repeat delivery)."""
    handlers = _handlers.get((current_scope(), event["type"]), [])
    try:
        with transaction.atomic():
            StripeEvent.objects.create(event_id=event["id"], type=event["type"], object_id=event_object_id(event),
                                       created=int(event.get("created") or 0), livemode=bool(event.get("livemode")))
            for handler in handlers:
                handler(event)
    except IntegrityError:
        if StripeEvent.objects.filter(event_id=event["id"]).exists():
            return False
        raise
    return True


def signed_test_payload(event: dict[str, Any], *, secret: str, timestamp: int | None = None) -> tuple[bytes, str]:
    """A body and Stripe-Signature header signed as Stripe signs them (for tests and the
    local stand-in, which sends each webhook only once)."""
    import hashlib
    import hmac
    import time

    payload = json.dumps(event).encode()
    ts = int(time.time()) if timestamp is None else timestamp
    digest = hmac.new(secret.encode(), f"{ts}.".encode() + payload, hashlib.sha256).hexdigest()
    return payload, f"t={ts},v1={digest}"
