"""The notification inbox (one row per recipient, numbered per recipient), promotions and
the merchant's feed. Rows are the record; socket frames are only a fast path over them."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class Kind(models.TextChoices):
    ORDER_PLACED = "order_placed", "Order placed"
    ORDER_PAID = "order_paid", "Order paid"
    ORDER_SHIPPED = "order_shipped", "Order shipped"
    ORDER_DELIVERED = "order_delivered", "Order delivered"
    ORDER_CANCELLED = "order_cancelled", "Order cancelled"
    ORDER_REFUNDED = "order_refunded", "Order refunded"
    PROMOTION = "promotion", "Promotion"
    CHAT_REPLY = "chat_reply", "Chat reply"


class RecipientSequence(models.Model):
    """The last sequence number given to one recipient; bumped in the transaction that stores
    their notification, so numbers are gap-free per recipient and a client can ask for `> n`."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, primary_key=True, on_delete=models.CASCADE,
                                related_name="+")
    last_seq = models.BigIntegerField(default=0)
    # Numbers up to this one were removed by the retention rule (realtime.notifications.retention):
    # a client resuming from below it is told so ("pruned") before it gets what is left.
    pruned_through = models.BigIntegerField(default=0, db_default=0)  # db_default: rows come from raw SQL

    def __str__(self) -> str:
        return f"{self.user_id}: {self.last_seq}"


class Notification(models.Model):
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    seq = models.BigIntegerField()
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    link = models.CharField(max_length=500, blank=True)
    data = models.JSONField(default=dict, blank=True)
    promotion = models.ForeignKey("Promotion", null=True, blank=True, on_delete=models.CASCADE,
                                  related_name="notifications")
    created_at = models.DateTimeField(auto_now_add=True)
    # Set when the client acknowledged it (socket "seen" frame) or listed it: "reached".
    delivered_at = models.DateTimeField(null=True, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-seq"]
        constraints = [models.UniqueConstraint(fields=["recipient", "seq"], name="notification_recipient_seq")]
        indexes = [models.Index(fields=["recipient"], condition=Q(read_at__isnull=True),
                                name="notification_unread")]

    def __str__(self) -> str:
        return f"{self.recipient_id}#{self.seq} {self.kind}"


class Audience(models.TextChoices):
    ALL = "all", "All shoppers"
    CATEGORY = "category", "Bought from a category"
    LAPSED = "lapsed", "Not ordered for N days"


class PromotionStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"


class Promotion(models.Model):
    title = models.CharField(max_length=120)
    text = models.TextField(max_length=1000)
    link = models.CharField(max_length=500, blank=True)
    discount_code = models.CharField(max_length=40, blank=True)
    audience = models.CharField(max_length=12, choices=Audience.choices)
    category = models.ForeignKey("storefront.Category", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    inactive_days = models.PositiveIntegerField(null=True, blank=True)
    # Also shown live to visitors who are not signed in (only for the "all" audience).
    is_public = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=PromotionStatus.choices, default=PromotionStatus.QUEUED)
    recipients = models.PositiveIntegerField(default=0)
    # What the retention rule removed of its notifications still counts as reached and opened.
    pruned_reached = models.PositiveIntegerField(default=0)
    pruned_opened = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title


class PromotionVisitor(models.Model):
    """A visitor (not signed in) whose socket showed a public promotion, once per visitor: the
    visitor id is made and signed by the server (realtime.notifications.visitors), and only a
    promotion that socket was sent can be acknowledged."""

    promotion = models.ForeignKey(Promotion, on_delete=models.CASCADE, related_name="visitors")
    visitor = models.CharField(max_length=32)
    reached_at = models.DateTimeField()
    opened_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["promotion", "visitor"], name="promotion_visitor_once")]

    def __str__(self) -> str:
        return f"{self.promotion_id}: {self.visitor}"


class FeedArea(models.TextChoices):
    """Dashboard areas (saas.accounts.roles.Area) a feed item belongs to: who may see it."""
    ORDERS = "orders", "Orders"
    CATALOG = "catalog", "Catalog"
    SUPPORT = "support", "Support"


class FeedItem(models.Model):
    """One line of the merchant's live feed (new order, payment, low stock, new chat)."""

    kind = models.CharField(max_length=30)
    area = models.CharField(max_length=10, choices=FeedArea.choices)
    title = models.CharField(max_length=200)
    link = models.CharField(max_length=300, blank=True)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-id"]
        indexes = [models.Index(fields=["area", "-id"], name="feed_area_recent")]

    def __str__(self) -> str:
        return self.title
