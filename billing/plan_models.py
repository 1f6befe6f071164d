"""The platform's side of billing: a shop's subscription to its plan, on the platform's own
Stripe account (public schema). Imported by billing.models."""
from __future__ import annotations

from django.db import models


class SubscriptionStatus(models.TextChoices):
    NONE = "none", "No subscription"  # a free plan, or never subscribed
    INCOMPLETE = "incomplete", "Incomplete"
    ACTIVE = "active", "Active"
    PAST_DUE = "past_due", "Past due"
    CANCELED = "canceled", "Canceled"
    COMPED = "comped", "Given by the platform"


class PlanSubscription(models.Model):
    """One per shop. The shop's plan itself is `tenants.Shop.plan`; this is how it is paid for,
    and the dunning state: an unpaid renewal opens a grace period, after which the shop closes."""

    # tenants.Shop (public schema); no foreign key, as billing's tables are in every schema too
    shop_id = models.PositiveIntegerField(unique=True)
    stripe_customer_id = models.CharField(max_length=255, blank=True)
    stripe_subscription_id = models.CharField(max_length=255, blank=True, db_index=True)
    status = models.CharField(max_length=16, choices=SubscriptionStatus.choices, default=SubscriptionStatus.NONE)
    current_period_end = models.DateTimeField(null=True, blank=True)
    card_brand = models.CharField(max_length=32, blank=True)
    card_last4 = models.CharField(max_length=4, blank=True)
    # dunning: the oldest unpaid renewal and when the grace period it opened ends
    unpaid_invoice_id = models.CharField(max_length=255, blank=True)
    unpaid_invoice_created = models.BigIntegerField(null=True, blank=True)
    payment_failure_message = models.CharField(max_length=300, blank=True)
    grace_until = models.DateTimeField(null=True, blank=True, db_index=True)
    comped_by = models.EmailField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"shop {self.shop_id}: {self.status}"

    @property
    def is_comped(self) -> bool:
        return self.status == SubscriptionStatus.COMPED
