"""What checkout reads and writes before an order exists: carts, the shop's settings, tax,
shipping zones and rates, discount codes, saved addresses."""
from __future__ import annotations

import uuid
from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models import Q

from storefront.models.base import ZERO, MoneyField
from storefront.models.catalog import ProductVariant


class Cart(models.Model):
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE,
                             related_name="carts")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user"], condition=Q(user__isnull=False),
                                               name="one_cart_per_user")]

    def __str__(self) -> str:
        return str(self.token)


class CartLine(models.Model):
    cart = models.ForeignKey(Cart, on_delete=models.CASCADE, related_name="lines")
    variant = models.ForeignKey(ProductVariant, on_delete=models.CASCADE, related_name="+")
    quantity = models.PositiveIntegerField()
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at", "id"]
        constraints = [models.UniqueConstraint(fields=["cart", "variant"], name="one_line_per_variant")]

    def __str__(self) -> str:
        return f"{self.quantity} x {self.variant_id}"


class ShopSettings(models.Model):
    """One row per shop schema (pk 1): tax rule and checkout settings. Its tax rate applies to
    destinations without a TaxRate of their own (the rest of the world)."""

    tax_rate = models.DecimalField(max_digits=5, decimal_places=2, default=Decimal("20.00"))
    prices_include_tax = models.BooleanField(default=True)
    tax_label = models.CharField(max_length=20, default="VAT")
    # Replies to the shop's order e-mails go here (they are sent from the platform's address).
    contact_email = models.EmailField(blank=True)
    # A variant whose stock falls to this or below is announced (StockLow) for the merchant.
    low_stock_threshold = models.PositiveIntegerField(default=5)

    def __str__(self) -> str:
        return f"{self.tax_label} {self.tax_rate}%"

    @classmethod
    def load(cls) -> ShopSettings:
        return cls.objects.get_or_create(pk=1)[0]


class TaxRate(models.Model):
    """The tax of one destination country, instead of the shop's default rate."""

    country = models.CharField(max_length=2, unique=True)  # ISO 3166-1 alpha-2
    rate = models.DecimalField(max_digits=5, decimal_places=2)
    label = models.CharField(max_length=20, blank=True)  # blank: the shop's label

    class Meta:
        ordering = ["country"]
        constraints = [models.CheckConstraint(condition=Q(rate__gte=0) & Q(rate__lte=100), name="tax_rate_percent")]

    def __str__(self) -> str:
        return f"{self.country} {self.rate}%"


class ShippingZone(models.Model):
    """Where a set of rates is offered: its countries, or every country no other zone names."""

    name = models.CharField(max_length=80)
    countries = ArrayField(models.CharField(max_length=2), default=list, blank=True)
    rest_of_world = models.BooleanField(default=False)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["rest_of_world", "position", "name", "id"]
        indexes = [GinIndex(fields=["countries"], name="zone_countries_gin")]
        constraints = [models.UniqueConstraint(fields=["rest_of_world"], condition=Q(rest_of_world=True),
                                               name="one_rest_of_world_zone")]

    def __str__(self) -> str:
        return self.name


class ShippingRate(models.Model):
    zone = models.ForeignKey(ShippingZone, on_delete=models.CASCADE, related_name="rates")
    name = models.CharField(max_length=80)
    price = MoneyField()
    free_over = MoneyField(null=True, blank=True)
    active = models.BooleanField(default=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "price", "id"]

    def __str__(self) -> str:
        return self.name


class DiscountKind(models.TextChoices):
    PERCENT = "percent", "Percentage"
    FIXED = "fixed", "Fixed amount"


class DiscountCode(models.Model):
    code = models.CharField(max_length=40, unique=True)  # stored upper-case
    kind = models.CharField(max_length=10, choices=DiscountKind.choices)
    value = MoneyField()
    min_subtotal = MoneyField(default=ZERO)
    starts_at = models.DateTimeField(null=True, blank=True)
    ends_at = models.DateTimeField(null=True, blank=True)
    usage_limit = models.PositiveIntegerField(null=True, blank=True)
    times_used = models.PositiveIntegerField(default=0)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code

    def state(self, now) -> str:
        """What a shopper would meet today: disabled, scheduled, expired, used_up or active."""
        if not self.active:
            return "disabled"
        if self.ends_at is not None and self.ends_at <= now:
            return "expired"
        if self.usage_limit is not None and self.times_used >= self.usage_limit:
            return "used_up"
        if self.starts_at is not None and self.starts_at > now:
            return "scheduled"
        return "active"


class Address(models.Model):
    """A signed-in shopper's saved address (the address book)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="addresses")
    label = models.CharField(max_length=40, blank=True)
    full_name = models.CharField(max_length=120)
    line1 = models.CharField(max_length=200)
    line2 = models.CharField(max_length=200, blank=True)
    city = models.CharField(max_length=100)
    postcode = models.CharField(max_length=12)
    country = models.CharField(max_length=2)
    phone = models.CharField(max_length=30, blank=True)
    is_default = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-is_default", "created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["user"], condition=Q(is_default=True),
                                               name="one_default_address_per_user")]

    def __str__(self) -> str:
        return f"{self.full_name}, {self.line1}, {self.city}"
