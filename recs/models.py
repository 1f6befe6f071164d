"""Recommendation data of one shop (every table lives in the shop's schema, so two shops with
the same product and user ids never see each other's events or models)."""
from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q


class EventKind(models.TextChoices):
    VIEW = "view", "Product view"
    CART = "cart", "Add to cart"
    PURCHASE = "purchase", "Purchase"
    IMPRESSION = "impression", "Recommendation shown"
    CLICK = "click", "Recommendation clicked"


class Widget(models.TextChoices):
    FOR_YOU = "for_you", "Recommended for you"
    TRENDING = "trending", "Trending now"
    SIMILAR = "similar", "Similar products"
    BOUGHT_TOGETHER = "bought_together", "Frequently bought together"
    CART = "cart", "Complete your order"
    BUY_AGAIN = "buy_again", "Buy again"


class Arm(models.TextChoices):
    MODEL = "model", "Model"
    HOLDOUT = "holdout", "Holdout (popularity)"


class Visitor(models.Model):
    """A browser (the id it keeps in localStorage), with the account and guest cart it was last
    seen with, so that an anonymous visit follows the shopper when they sign in and an order
    placed from a guest cart is credited to the visitor who filled it."""

    id = models.CharField(primary_key=True, max_length=64)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")
    cart_token = models.UUIDField(null=True, blank=True, db_index=True)
    first_seen = models.DateTimeField(auto_now_add=True)
    last_seen = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        indexes = [models.Index(fields=["user", "-last_seen"], name="recs_visitor_user")]

    def __str__(self) -> str:
        return self.id


class Event(models.Model):
    kind = models.CharField(max_length=12, choices=EventKind.choices)
    visitor_id = models.CharField(max_length=64, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")
    product = models.ForeignKey("storefront.Product", on_delete=models.CASCADE, related_name="+")
    widget = models.CharField(max_length=20, choices=Widget.choices, blank=True)
    # Impressions and clicks: the serving request that showed the card, so a click and a later
    # order are credited to the widget and arm that showed it.
    request_id = models.UUIDField(null=True, blank=True)
    arm = models.CharField(max_length=8, choices=Arm.choices, blank=True)
    position = models.PositiveSmallIntegerField(null=True, blank=True)
    served_by = models.CharField(max_length=20, blank=True)  # impressions: the strategy or fallback that served
    order_id = models.BigIntegerField(null=True, blank=True)
    quantity = models.PositiveIntegerField(default=1)
    revenue = models.DecimalField(max_digits=12, decimal_places=2, default=Decimal("0.00"))
    created_at = models.DateTimeField(db_index=True)

    class Meta:
        indexes = [
            models.Index(fields=["kind", "created_at"], name="recs_event_kind_time"),
            models.Index(fields=["visitor_id", "created_at"], name="recs_event_visitor"),
            models.Index(fields=["user", "created_at"], name="recs_event_user"),
            models.Index(fields=["request_id"], name="recs_event_request", condition=Q(request_id__isnull=False)),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.product_id}"


class DailyCount(models.Model):
    """Raw events older than RECS_RAW_EVENT_DAYS, compacted: one row per day, product, kind and widget."""

    day = models.DateField()
    product = models.ForeignKey("storefront.Product", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=12, choices=EventKind.choices)
    widget = models.CharField(max_length=20, blank=True)
    count = models.PositiveIntegerField(default=0)
    revenue = models.DecimalField(max_digits=14, decimal_places=2, default=Decimal("0.00"))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["day", "product", "kind", "widget"], name="recs_daily_one")]

    def __str__(self) -> str:
        return f"{self.day} {self.kind} {self.product_id}: {self.count}"


class RecsSettings(models.Model):
    """One row per shop (pk 1)."""

    holdout_share = models.DecimalField(max_digits=4, decimal_places=3, default=Decimal("0.100"))

    def __str__(self) -> str:
        return f"holdout {self.holdout_share}"

    @classmethod
    def load(cls) -> RecsSettings:
        return cls.objects.get_or_create(pk=1)[0]


class TrainingStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


class ModelVersion(models.Model):
    """One training run and the model it produced (the engine's bytes), kept whether or not it
    was promoted: a model scoring worse on validation than the one in use stays here, unused."""

    status = models.CharField(max_length=10, choices=TrainingStatus.choices, default=TrainingStatus.QUEUED)
    trigger = models.CharField(max_length=20, default="manual")  # manual | nightly | events | command
    stage = models.CharField(max_length=80, blank=True)
    progress = models.PositiveSmallIntegerField(default=0)
    is_current = models.BooleanField(default=False)
    promoted = models.BooleanField(default=False)
    not_promoted_reason = models.CharField(max_length=200, blank=True)
    data = models.BinaryField(null=True, blank=True)
    nbytes = models.PositiveBigIntegerField(default=0)
    meta = models.JSONField(default=dict, blank=True)
    score = models.FloatField(null=True, blank=True)  # the validation figure promotion compares
    events_count = models.PositiveIntegerField(default=0)
    users_count = models.PositiveIntegerField(default=0)
    products_count = models.PositiveIntegerField(default=0)
    fit_seconds = models.FloatField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["is_current"], condition=Q(is_current=True),
                                               name="recs_one_current_model")]

    def __str__(self) -> str:
        return f"model {self.pk} ({self.status})"
