from __future__ import annotations

from decimal import Decimal

from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from saas.accounts.models import User
from storefront.api.serializers import OrderSummarySerializer, ProductDetailSerializer, first_image
from storefront.models import (
    Category,
    DiscountCode,
    ImportJob,
    Product,
    ProductStatus,
    ShippingRate,
    ShippingZone,
    ShopSettings,
    TaxRate,
)
from storefront.pricing import minor_unit
from storefront.services import MAX_STOCK
from storefront.validation import COUNTRY_CODES


def money(**kwargs) -> serializers.DecimalField:
    return serializers.DecimalField(max_digits=12, decimal_places=2, min_value=Decimal("0"), **kwargs)


class VariantInSerializer(serializers.Serializer):
    id = serializers.IntegerField(required=False)
    sku = serializers.CharField(max_length=64)
    title = serializers.CharField(max_length=120, required=False, allow_blank=True, default="")
    options = serializers.DictField(child=serializers.CharField(max_length=80), required=False, default=dict)
    price = money()
    compare_at_price = money(required=False, allow_null=True, default=None)
    stock = serializers.IntegerField(min_value=0, max_value=MAX_STOCK, default=0)
    stock_was = serializers.IntegerField(
        min_value=0, max_value=MAX_STOCK, required=False,
        help_text="The stock the editor showed. When given, the change (stock - stock_was) is applied to the "
                  "current stock, so units sold while the form was open are not put back.")

    def validate_options(self, value: dict) -> dict:
        if len(value) > 3:
            raise serializers.ValidationError("At most three options.")
        return {str(k).strip()[:40]: str(v).strip() for k, v in value.items() if str(k).strip()}


class ProductInSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(required=False, allow_blank=True, max_length=20000)
    status = serializers.ChoiceField(choices=ProductStatus.choices, required=False)
    category_id = serializers.IntegerField(required=False, allow_null=True)
    variants = VariantInSerializer(many=True, required=False)

    def validate_category_id(self, value):
        if value is not None and not Category.objects.filter(pk=value).exists():
            raise serializers.ValidationError("Unknown category.")
        return value

    def validate_variants(self, variants: list[dict]) -> list[dict]:
        currency = self.context.get("currency", "")
        unit = minor_unit(currency) if currency else None
        for variant in variants:
            for field in ("price", "compare_at_price"):
                value = variant.get(field)
                if unit is not None and value is not None and value != value.quantize(unit):
                    raise serializers.ValidationError(f"Prices in {currency} are whole amounts (no decimals).")
        return variants


class StaffProductSerializer(ProductDetailSerializer):
    category_id = serializers.IntegerField(allow_null=True)

    class Meta(ProductDetailSerializer.Meta):
        fields = [*ProductDetailSerializer.Meta.fields, "status", "category_id", "created_at", "updated_at"]


class StaffProductRowSerializer(serializers.ModelSerializer):
    price = serializers.DecimalField(source="min_price", max_digits=12, decimal_places=2)
    stock_total = serializers.IntegerField(source="total_stock")
    variant_count = serializers.IntegerField(default=0)
    image = serializers.SerializerMethodField()

    class Meta:
        model = Product
        fields = ["id", "slug", "title", "status", "price", "stock_total", "variant_count", "image", "updated_at"]

    def get_image(self, product: Product) -> dict | None:
        return first_image(product)


class CategoryInSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=120)
    parent_id = serializers.IntegerField(required=False, allow_null=True)


class FulfilSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=["processing", "shipped", "delivered"])
    tracking_number = serializers.CharField(max_length=80, required=False, allow_blank=True, default="")
    note = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class RefundInSerializer(ReasonSerializer):
    amount = serializers.DecimalField(max_digits=12, decimal_places=3, min_value=Decimal("0.001"), required=False,
                                      allow_null=True, default=None,
                                      help_text="Omitted or null: all that is left to refund.")


class CustomerSerializer(serializers.ModelSerializer):
    order_count = serializers.IntegerField(default=0)
    total_spent = serializers.DecimalField(max_digits=12, decimal_places=2, default=Decimal("0"))

    class Meta:
        model = User
        fields = ["id", "email", "full_name", "date_joined", "order_count", "total_spent"]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["total_spent"] = data["total_spent"] or "0.00"
        return data


class CustomerDetailSerializer(CustomerSerializer):
    """A customer with their latest orders (passed as context["orders"])."""

    orders = serializers.SerializerMethodField()

    class Meta(CustomerSerializer.Meta):
        fields = [*CustomerSerializer.Meta.fields, "orders"]

    @extend_schema_field(OrderSummarySerializer(many=True))
    def get_orders(self, customer):
        return OrderSummarySerializer(self.context["orders"], many=True).data


class DiscountSerializer(serializers.ModelSerializer):
    """Shape only: the rules (a code used once, a percentage up to 100, dates in order) are
    `merchant_dashboard.services`'."""
    code = serializers.CharField(max_length=40)
    value = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=0)
    min_subtotal = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=0, required=False)
    state = serializers.SerializerMethodField(
        help_text="What a shopper meets today: active, scheduled, expired, used_up or disabled.")

    class Meta:
        model = DiscountCode
        fields = ["id", "code", "kind", "value", "min_subtotal", "starts_at", "ends_at", "usage_limit", "times_used",
                  "active", "state"]
        read_only_fields = ["times_used"]

    def get_state(self, discount: DiscountCode) -> str:
        return discount.state(timezone.now())

    def validate_code(self, value: str) -> str:
        value = value.strip().upper()
        if not value.replace("-", "").replace("_", "").isalnum():
            raise serializers.ValidationError("Use letters, digits, - and _ only.")
        return value


class ShippingRateSerializer(serializers.ModelSerializer):
    price = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=0)
    free_over = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=0, required=False,
                                         allow_null=True)
    zone_id = serializers.PrimaryKeyRelatedField(
        source="zone", queryset=ShippingZone.objects.all(), required=False,
        help_text="Where the rate is offered; the rest-of-world zone when left out.")

    class Meta:
        model = ShippingRate
        fields = ["id", "zone_id", "name", "price", "free_over", "active"]


class ShippingZoneSerializer(serializers.ModelSerializer):
    countries = serializers.ListField(child=serializers.CharField(max_length=2), required=False, max_length=250,
                                      help_text="ISO 3166-1 alpha-2 codes; each country in one zone at most.")
    rest_of_world = serializers.BooleanField(required=False, help_text="Every country no other zone names.")

    class Meta:
        model = ShippingZone
        fields = ["id", "name", "countries", "rest_of_world", "position"]

    def validate_countries(self, value: list[str]) -> list[str]:
        codes = sorted({code.strip().upper() for code in value})
        unknown = [code for code in codes if code not in COUNTRY_CODES]
        if unknown:
            raise serializers.ValidationError(f"Unknown country codes: {', '.join(unknown)}.")
        return codes


class TaxRateSerializer(serializers.ModelSerializer):
    country = serializers.CharField(max_length=2)
    rate = serializers.DecimalField(max_digits=5, decimal_places=2, min_value=0, max_value=100)
    label = serializers.CharField(  # type: ignore[assignment]  # a field named like Field.label
        max_length=20, required=False, allow_blank=True, help_text="Shown at checkout; the shop's label when blank.")

    class Meta:
        model = TaxRate
        fields = ["id", "country", "rate", "label"]

    def validate_country(self, value: str) -> str:
        value = value.strip().upper()
        if value not in COUNTRY_CODES:
            raise serializers.ValidationError("Use a two-letter country code, such as DE.")
        return value


class ShopSettingsSerializer(serializers.ModelSerializer):
    tax_rate = serializers.DecimalField(max_digits=5, decimal_places=2, min_value=0, max_value=100,
                                        help_text="For destinations without a tax rate of their own.")
    low_stock_threshold = serializers.IntegerField(
        min_value=0, max_value=MAX_STOCK, required=False,
        help_text="A variant whose stock falls to this or below shows in the live feed as low stock "
                  "(0: sold out only).")

    class Meta:
        model = ShopSettings
        fields = ["tax_rate", "prices_include_tax", "tax_label", "contact_email", "low_stock_threshold"]


class ImportJobSerializer(serializers.ModelSerializer):
    class Meta:
        model = ImportJob
        fields = ["id", "status", "total", "processed", "created", "updated", "variants_created", "variants_updated",
                  "images_added", "errors", "created_at", "finished_at"]


class ImageUpdateSerializer(serializers.Serializer):
    variant_id = serializers.IntegerField(min_value=1, allow_null=True, required=False,
                                          help_text="The variant this image shows; null for none.")
    alt = serializers.CharField(max_length=200, required=False, allow_blank=True)


class ImageOrderSerializer(serializers.Serializer):
    image_ids = serializers.ListField(child=serializers.IntegerField(min_value=1), max_length=500,
                                      help_text="Every image of the product, once each, in the new order.")


class OverviewPlanSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class OverviewShopSerializer(serializers.Serializer):
    name = serializers.CharField()
    subdomain = serializers.CharField()
    currency = serializers.CharField()
    plan = OverviewPlanSerializer()


class OverviewCountsSerializer(serializers.Serializer):
    products = serializers.IntegerField(help_text="Products that are not archived")
    customers = serializers.IntegerField()
    staff = serializers.IntegerField(help_text="Active staff members, the owner included")


class OverviewSerializer(serializers.Serializer):
    shop = OverviewShopSerializer()
    counts = OverviewCountsSerializer()
