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


from billing.plan_models import PlanSubscription, SubscriptionStatus  # noqa: E402  (the platform's side)

__all__ = ["PlanSubscription", "StripeEvent", "SubscriptionStatus"]
