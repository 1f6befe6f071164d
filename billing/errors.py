"""Error codes of billing: Stripe webhooks."""
from __future__ import annotations

from enum import StrEnum


class BillingErrorCode(StrEnum):
    WEBHOOK_NOT_CONFIGURED = "webhook_not_configured"
    INVALID_SIGNATURE = "invalid_signature"
    INVALID_EVENT = "invalid_event"
    BILLING_NOT_CONFIGURED = "billing_not_configured"
    STRIPE_ERROR = "stripe_error"
    SETUP_INTENT_INVALID = "setup_intent_invalid"
    CARD_NOT_CONFIRMED = "card_not_confirmed"
    PLAN_COMPED = "plan_comped"
    CARD_REQUIRED = "card_required"
    PAYMENTS_NOT_CONFIGURED = "payments_not_configured"
    NOTHING_DUE = "nothing_due"
