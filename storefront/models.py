"""The commerce domain of one shop (every table lives in the shop's schema).

Money is Decimal (12 digits, 2 places) in the shop's currency; order lines keep what was paid."""
from __future__ import annotations

import uuid
from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models import Q

from saas.tenancy import current_schema

ZERO = Decimal("0.00")


def MoneyField(**kwargs) -> models.DecimalField:  # noqa: N802 - reads like the field classes it builds
    return models.DecimalField(max_digits=12, decimal_places=2, **kwargs)


class ProductStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    ACTIVE = "active", "Active"
    ARCHIVED = "archived", "Archived"


class Category(models.Model):
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=140, unique=True)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children")
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name_plural = "categories"

    def __str__(self) -> str:
        return self.name


class Product(models.Model):
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    description = models.TextField(blank=True)
    status = models.CharField(max_length=16, choices=ProductStatus.choices, default=ProductStatus.ACTIVE)
    category = models.ForeignKey(Category, null=True, blank=True, on_delete=models.SET_NULL, related_name="products")
    option_names = models.JSONField(default=list, blank=True)
    # Kept up to date from the variants by services (for listing, filtering and sorting by index).
    min_price = MoneyField(default=ZERO)
    compare_at_price = MoneyField(null=True, blank=True)
    total_stock = models.IntegerField(default=0)
    sold_count = models.PositiveIntegerField(default=0)
    search_vector = models.GeneratedField(
        expression=SearchVector("title", weight="A", config="english")
        + SearchVector("description", weight="C", config="english"),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            GinIndex(fields=["search_vector"], name="product_search_gin"),
            GinIndex(fields=["title"], name="product_title_trgm", opclasses=["gin_trgm_ops"]),
            # with the id that breaks ties, so a page's ids come from the index alone (deep pages)
            models.Index(fields=["status", "-created_at", "-id"], name="product_status_new_id"),
            models.Index(fields=["status", "min_price", "id"], name="product_status_price_id"),
            models.Index(fields=["status", "-sold_count", "-id"], name="product_status_sold_id"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def in_stock(self) -> bool:
        return self.total_stock > 0


class ProductVariant(models.Model):
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="variants")
    sku = models.CharField(max_length=64, unique=True)
    title = models.CharField(max_length=120, blank=True)
    options = models.JSONField(default=dict, blank=True)
    price = MoneyField()
    compare_at_price = MoneyField(null=True, blank=True)
    stock = models.IntegerField(default=0)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(stock__gte=0), name="variant_stock_not_negative"),
            models.CheckConstraint(condition=Q(price__gte=0), name="variant_price_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.product_id}: {self.title or self.sku}"

    @property
    def in_stock(self) -> bool:
        return self.stock > 0


def product_image_path(instance: ProductImage, filename: str) -> str:
    """Media of a shop stays under that shop's own prefix, locally or in object storage."""
    ext = filename.rsplit(".", 1)[-1].lower()
    return f"shops/{current_schema()}/products/{instance.product_id}/{uuid.uuid4().hex}.{ext}"


def import_file_path(instance: ImportJob, filename: str) -> str:
    return f"shops/{current_schema()}/imports/{uuid.uuid4().hex}.csv"


class ProductImage(models.Model):
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="images")
    image = models.ImageField(upload_to=product_image_path, width_field="width", height_field="height",
                              max_length=300)
    thumbnail = models.ImageField(upload_to=product_image_path, max_length=300, blank=True)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    alt = models.CharField(max_length=200, blank=True)
    position = models.PositiveIntegerField(default=0)
    # The variant this image shows (chosen in the storefront with that variant), if any.
    variant = models.ForeignKey(ProductVariant, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="images")
    # Where a CSV import fetched it from, so importing the same file again adds no duplicate.
    source_url = models.URLField(max_length=500, blank=True)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.alt or self.image.name


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


class OrderStatus(models.TextChoices):
    PLACED = "placed", "Placed"
    PAID = "paid", "Paid"
    PROCESSING = "processing", "Processing"
    SHIPPED = "shipped", "Shipped"
    DELIVERED = "delivered", "Delivered"
    CANCELLED = "cancelled", "Cancelled"
    REFUNDED = "refunded", "Refunded"


class PaymentStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    PAID = "paid", "Paid"
    FAILED = "failed", "Failed"
    REFUNDED = "refunded", "Refunded"


class Order(models.Model):
    number = models.CharField(max_length=20, unique=True, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="orders")
    cart_token = models.UUIDField(null=True, blank=True)
    email = models.EmailField()
    status = models.CharField(max_length=16, choices=OrderStatus.choices, default=OrderStatus.PLACED)
    payment_status = models.CharField(max_length=16, choices=PaymentStatus.choices, default=PaymentStatus.PENDING)
    currency = models.CharField(max_length=3)
    subtotal = MoneyField()
    discount_total = MoneyField(default=ZERO)
    shipping_total = MoneyField(default=ZERO)
    tax_total = MoneyField(default=ZERO)
    total = MoneyField()
    discount_code = models.CharField(max_length=40, blank=True)
    shipping_address = models.JSONField(default=dict)
    shipping_method = models.CharField(max_length=80, blank=True)
    tracking_number = models.CharField(max_length=80, blank=True)
    idempotency_key = models.CharField(max_length=255, unique=True, null=True, blank=True)
    # While unpaid, the order holds its stock and discount use until then (see orders.release_unpaid_orders).
    hold_until = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "-created_at"], name="order_status_new"),
                   models.Index(fields=["hold_until"], condition=Q(status="placed"), name="order_unpaid_hold")]

    def __str__(self) -> str:
        return self.number

    @property
    def can_cancel(self) -> bool:
        return self.status in (OrderStatus.PLACED, OrderStatus.PAID, OrderStatus.PROCESSING)

    @property
    def can_refund(self) -> bool:
        return self.payment_status == PaymentStatus.PAID


class OrderLine(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    product = models.ForeignKey(Product, null=True, on_delete=models.SET_NULL, related_name="+")
    variant = models.ForeignKey(ProductVariant, null=True, on_delete=models.SET_NULL, related_name="+")
    product_slug = models.CharField(max_length=220)
    product_title = models.CharField(max_length=200)
    variant_title = models.CharField(max_length=120, blank=True)
    sku = models.CharField(max_length=64)
    unit_price = MoneyField()
    quantity = models.PositiveIntegerField()
    line_total = MoneyField()

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.quantity} x {self.sku}"


class OrderEvent(models.Model):
    """The status timeline a shopper and the merchant see."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="events")
    status = models.CharField(max_length=16, choices=OrderStatus.choices)
    note = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.order_id}: {self.status}"


class Payment(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="payments")
    kind = models.CharField(max_length=10, default="charge")  # charge | refund
    amount = MoneyField()
    currency = models.CharField(max_length=3)
    gateway = models.CharField(max_length=40)
    reference = models.CharField(max_length=120, blank=True)
    succeeded = models.BooleanField(default=False)
    code = models.CharField(max_length=60, blank=True)
    message = models.CharField(max_length=300, blank=True)
    card_last4 = models.CharField(max_length=4, blank=True)
    idempotency_key = models.CharField(max_length=255, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.kind} {self.amount} {self.currency}"


class ImportJob(models.Model):
    status = models.CharField(max_length=10, default="queued")  # queued | running | done | failed
    file = models.FileField(upload_to=import_file_path, max_length=300)
    total = models.PositiveIntegerField(default=0)
    processed = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    variants_created = models.PositiveIntegerField(default=0)
    variants_updated = models.PositiveIntegerField(default=0)
    images_added = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"import {self.pk} ({self.status})"


class OrderEmailKind(models.TextChoices):
    CONFIRMATION = "confirmation", "Order confirmation"
    PAYMENT = "payment", "Payment received"
    SHIPPED = "shipped", "Shipped"
    CANCELLED = "cancelled", "Cancelled"
    REFUNDED = "refunded", "Refunded"


class OrderEmail(models.Model):
    """One row per e-mail an order has been sent: a task delivered twice sends once."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="emails")
    kind = models.CharField(max_length=16, choices=OrderEmailKind.choices)
    to = models.EmailField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["order", "kind"], name="one_email_per_order_kind")]

    def __str__(self) -> str:
        return f"{self.order_id}: {self.kind}"


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
