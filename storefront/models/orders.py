"""Orders: their lines, status timeline, payments and the e-mails sent about them."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from storefront.models.base import ZERO, MoneyField
from storefront.models.catalog import Product, ProductVariant


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
    PARTLY_REFUNDED = "partly_refunded", "Partly refunded"
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
        return self.payment_status in (PaymentStatus.PAID, PaymentStatus.PARTLY_REFUNDED)


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
    """One payment attempt (kind "charge") or refund, as the order's timeline shows it. Its
    `status` is a storefront.payments.AttemptStatus: "creating" is recorded before the provider
    is asked, so an attempt whose answer was lost is found and read again (payment_attempts)."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="payments")
    kind = models.CharField(max_length=10, default="charge")  # charge | refund
    status = models.CharField(max_length=20, default="failed")
    amount = MoneyField()
    amount_minor = models.BigIntegerField(null=True, blank=True, help_text="As sent to the provider")
    currency = models.CharField(max_length=3)
    gateway = models.CharField(max_length=40)
    reference = models.CharField(max_length=120, blank=True)
    payment_method = models.CharField(max_length=120, blank=True)
    refund_of = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="refunds")
    note = models.CharField(max_length=300, blank=True)
    succeeded = models.BooleanField(default=False)
    code = models.CharField(max_length=60, blank=True)
    message = models.CharField(max_length=300, blank=True)
    card_last4 = models.CharField(max_length=4, blank=True)
    idempotency_key = models.CharField(max_length=255, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["updated_at"], name="payment_open_attempts",
                                condition=Q(status__in=["creating", "requires_action", "processing"]))]

    def __str__(self) -> str:
        return f"{self.kind} {self.amount} {self.currency}"


class OrderEmailKind(models.TextChoices):
    CONFIRMATION = "confirmation", "Order confirmation"
    PAYMENT = "payment", "Payment received"
    SHIPPED = "shipped", "Shipped"
    DELIVERED = "delivered", "Delivered"
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
