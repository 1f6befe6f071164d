"""Error codes of billing: Stripe webhooks."""
from __future__ import annotations

from enum import StrEnum


class BillingErrorCode(StrEnum):
    WEBHOOK_NOT_CONFIGURED = "webhook_not_configured"
    INVALID_SIGNATURE = "invalid_signature"
    INVALID_EVENT = "invalid_event"
