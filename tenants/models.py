"""The platform's own tables, in the public schema: shops, their domains, plans, handoff codes."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django_tenants.models import DomainMixin, TenantMixin


class Plan(models.Model):
    code = models.SlugField(max_length=32, unique=True)
    name = models.CharField(max_length=60)
    monthly_price = models.DecimalField(max_digits=10, decimal_places=2)
    currency = models.CharField(max_length=3, default="USD")
    max_products = models.PositiveIntegerField(null=True, blank=True, help_text="Empty: unlimited")
    max_staff = models.PositiveIntegerField(null=True, blank=True, help_text="Empty: unlimited")
    # Stored now; the developer API (a later issue) enforces it.
    max_api_requests_per_minute = models.PositiveIntegerField(null=True, blank=True, help_text="Empty: unlimited")
    recommendations_included = models.BooleanField(default=False)
    max_custom_domains = models.PositiveIntegerField(null=True, blank=True, default=0,
                                                     help_text="0: none included; empty: unlimited")
    # The plan's twin on the platform's Stripe account, created on first use (billing.subscriptions).
    stripe_plan_id = models.CharField(max_length=255, blank=True)
    is_default = models.BooleanField(default=False)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "id"]

    def __str__(self) -> str:
        return self.name


class ShopStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    SUSPENDED = "suspended", "Suspended"  # by a platform admin; only an admin lifts it
    # Closed after a failed renewal's grace period; paying reopens it. The owner can still sign
    # in to the dashboard's billing page (tenants.middleware lets those paths through).
    UNPAID = "unpaid", "Closed for non-payment"


class Shop(TenantMixin):
    # Provisioning (tenants.services.shop_create) clones the template schema itself,
    # inside the same transaction as these rows, so nothing is left half-created.
    auto_create_schema = False
    auto_drop_schema = True

    name = models.CharField(max_length=80)
    subdomain = models.SlugField(max_length=30, unique=True)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="shops")
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="shops")
    currency = models.CharField(max_length=3, default="GBP")
    status = models.CharField(max_length=16, choices=ShopStatus.choices, default=ShopStatus.ACTIVE)
    suspended_reason = models.CharField(max_length=500, blank=True)
    suspended_at = models.DateTimeField(null=True, blank=True)
    # One line under the storefront, e.g. where a demo shop's data comes from.
    footer_note = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.subdomain})"

    @property
    def is_suspended(self) -> bool:
        """Closed to shoppers, for either reason (sockets, API and storefront refuse it)."""
        return self.status in (ShopStatus.SUSPENDED, ShopStatus.UNPAID)

    @property
    def is_closed_for_nonpayment(self) -> bool:
        return self.status == ShopStatus.UNPAID


class Domain(DomainMixin):
    class Meta:
        ordering = ["-is_primary", "id"]


class DashboardHandoff(models.Model):
    """A one-time code that signs a shop's owner into that shop's dashboard."""

    code_hash = models.CharField(max_length=64, unique=True)
    shop = models.ForeignKey(Shop, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"handoff to {self.shop_id} for {self.user_id}"
