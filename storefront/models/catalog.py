"""The catalogue: categories, products, their variants and images, CSV import jobs."""
from __future__ import annotations

import uuid

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models import Q
from django.db.models.functions import Upper

from saas.kernel.tenancy import current_schema, media_prefix
from storefront.models.base import ZERO, MoneyField


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
            # with the id that breaks ties, so a page's ids come from the index alone (deep pages)
            models.Index(fields=["status", "-created_at", "-id"], name="product_status_new_id"),
            models.Index(fields=["status", "min_price", "id"], name="product_status_price_id"),
            models.Index(fields=["status", "-sold_count", "-id"], name="product_status_sold_id"),
            # a category's rows in price order with every column a filtered page sorts or counts
            # by: its page and its count are index-only scans of that category's entries
            models.Index(fields=["status", "category", "min_price", "id"], name="product_status_cat_price",
                         include=["total_stock", "created_at", "sold_count"]),
            models.Index(Upper("title"), name="product_upper_title"),  # a search's exact name, ranked first
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def in_stock(self) -> bool:
        return self.total_stock > 0


class TitleWord(models.Model):
    """A word of four letters or more from an active product's title, lower-cased: what a
    search word found nowhere may be a typo of (`selectors.search_query`). Kept by triggers
    on the product table (migration 0012), so every way products are written (the services,
    bulk imports, COPY) adds its words. Words are never removed: a word of a product since
    archived corrects a typo to a search that finds nothing, as no correction would."""
    word = models.CharField(max_length=200, primary_key=True)

    class Meta:
        indexes = [GinIndex(fields=["word"], name="titleword_trgm", opclasses=["gin_trgm_ops"])]

    def __str__(self) -> str:
        return self.word


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
    return f"{media_prefix(current_schema())}products/{instance.product_id}/{uuid.uuid4().hex}.{ext}"


def import_file_path(instance: ImportJob, filename: str) -> str:
    return f"{media_prefix(current_schema())}imports/{uuid.uuid4().hex}.csv"


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
