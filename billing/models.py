"""Billing records. The app is installed in the public schema (the platform's Stripe
account: merchants' plan subscriptions) and in every shop's schema (the shop's own Stripe
account: shoppers' payments), so the same tables serve both sides, each in its own schema."""
from __future__ import annotations

from django.db import models


class StripeEvent(models.Model):
    """A Stripe webhook event applied in this schema. The unique event id makes each event
    apply once however often Stripe sends it; `object_id` and `created` let a handler tell
    whether a newer event about the same object was already applied (events arrive in any order)."""

    event_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=100)
    object_id = models.CharField(max_length=255, db_index=True)
    created = models.BigIntegerField(help_text="Stripe's creation time of the event (Unix seconds)")
    livemode = models.BooleanField(default=False)
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["object_id", "-created"], name="billing_event_object_newest")]

    def __str__(self) -> str:
        return f"{self.type} {self.event_id}"


class ShopStripeAccount(models.Model):
    """A shop's own Stripe account (at most one row, in the shop's schema). The secret key
    and the webhook signing secret are stored encrypted (billing.secrets) and never sent back:
    the dashboard shows only their last characters."""

    publishable_key = models.CharField(max_length=255)
    secret_key_encrypted = models.TextField()
    secret_key_hint = models.CharField(max_length=8)
    webhook_secret_encrypted = models.TextField(blank=True)
    webhook_secret_hint = models.CharField(max_length=8, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by_email = models.EmailField(blank=True)

    def __str__(self) -> str:
        return f"Stripe account {self.publishable_key[:12]}…"


from billing.plan_models import PlanSubscription, SubscriptionStatus  # noqa: E402  (the platform's side)

__all__ = ["PlanSubscription", "ShopStripeAccount", "StripeEvent", "SubscriptionStatus"]
