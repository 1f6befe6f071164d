from __future__ import annotations

from decimal import Decimal
from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from storefront.api.payment_serializers import PaymentInSerializer, PaymentRecordSerializer, PaymentStateSerializer
from storefront.models import (
    Address,
    Category,
    Order,
    OrderEvent,
    OrderLine,
    Product,
    ProductImage,
    ProductVariant,
)
from storefront.validation import COUNTRY_CODES, postcode_clean


def country_code(value: str) -> str:
    value = value.upper()
    if value not in COUNTRY_CODES:
        raise serializers.ValidationError("Use a two-letter country code, such as GB.")
    return value


def _currency(serializer, obj=None) -> str:
    return serializer.context["request"].shop.currency


class ImageSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    thumb_url = serializers.SerializerMethodField()

    class Meta:
        model = ProductImage
        fields = ["id", "url", "thumb_url", "alt"]

    def get_url(self, image: ProductImage) -> str:
        return image.image.url

    def get_thumb_url(self, image: ProductImage) -> str:
        return (image.thumbnail or image.image).url


class GalleryImageSerializer(ImageSerializer):
    """A product page's images, in order, each naming the variant it shows (if any)."""

    class Meta(ImageSerializer.Meta):
        fields = [*ImageSerializer.Meta.fields, "position", "variant_id"]


def first_image(product: Product) -> dict | None:
    images = getattr(product, "image_list", None)
    if images is None:
        images = list(product.images.all())
    return ImageSerializer(images[0]).data if images else None


class CategoryRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Category
        fields = ["slug", "name"]


class CategorySerializer(serializers.ModelSerializer):
    product_count = serializers.IntegerField(read_only=True, default=0)

    class Meta:
        model = Category
        fields = ["id", "name", "slug", "parent_id", "product_count"]


class ProductCardSerializer(serializers.ModelSerializer):
    price = serializers.DecimalField(source="min_price", max_digits=12, decimal_places=2)
    currency = serializers.SerializerMethodField()
    in_stock = serializers.BooleanField()
    image = serializers.SerializerMethodField()
    category = CategoryRefSerializer(allow_null=True)

    class Meta:
        model = Product
        fields = ["id", "slug", "title", "price", "compare_at_price", "currency", "in_stock", "image", "category"]

    get_currency = _currency

    def get_image(self, product: Product) -> dict | None:
        return first_image(product)


class VariantSerializer(serializers.ModelSerializer):
    in_stock = serializers.BooleanField()
    stock = serializers.SerializerMethodField()
    image_id = serializers.SerializerMethodField(help_text="The first image attached to this variant, if any.")

    class Meta:
        model = ProductVariant
        fields = ["id", "sku", "title", "options", "price", "compare_at_price", "stock", "in_stock", "image_id"]

    def get_stock(self, variant: ProductVariant) -> int:
        return max(variant.stock, 0)

    def get_image_id(self, variant: ProductVariant) -> int | None:
        # the product's prefetched images (prefetching variants caches each one's product)
        images = getattr(variant.product, "image_list", None)
        if images is None:
            images = list(variant.product.images.all())
        return next((image.pk for image in images if image.variant_id == variant.pk), None)


class ProductDetailSerializer(ProductCardSerializer):
    images = serializers.SerializerMethodField()
    options = serializers.SerializerMethodField()
    variants = VariantSerializer(many=True)

    class Meta(ProductCardSerializer.Meta):
        fields = [*ProductCardSerializer.Meta.fields, "description", "images", "options", "variants"]

    def get_images(self, product: Product) -> Any:
        return GalleryImageSerializer(getattr(product, "image_list", product.images.all()), many=True).data

    def get_options(self, product: Product) -> list[dict]:
        options = []
        for name in product.option_names:
            values: list[str] = []
            for variant in product.variants.all():
                value = variant.options.get(name)
                if value is not None and value not in values:
                    values.append(value)
            options.append({"name": name, "values": values})
        return options


class CartLineInSerializer(serializers.Serializer):
    variant_id = serializers.IntegerField(min_value=1)
    quantity = serializers.IntegerField(min_value=1, max_value=999, default=1)


class QuantitySerializer(serializers.Serializer):
    quantity = serializers.IntegerField(min_value=1, max_value=999)


class CartTokenSerializer(serializers.Serializer):
    token = serializers.CharField(max_length=64, allow_blank=True, required=False, default="")


class AddressSerializer(serializers.Serializer):
    full_name = serializers.CharField(max_length=120)
    line1 = serializers.CharField(max_length=200)
    line2 = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    city = serializers.CharField(max_length=100)
    postcode = serializers.CharField(max_length=12, required=False, allow_blank=True, default="",
                                     help_text="Checked against the country's format; optional where the "
                                               "country has no postcodes.")
    country = serializers.CharField(max_length=2, min_length=2)

    def validate_country(self, value: str) -> str:
        return country_code(value)

    def validate(self, attrs):
        # a partial update (the address book's PATCH) checks the postcode against the country
        # it will have afterwards
        country = attrs.get("country") or getattr(self.instance, "country", "")
        if self.partial and "country" not in attrs and "postcode" not in attrs:
            return attrs
        try:
            postcode = attrs.get("postcode", getattr(self.instance, "postcode", ""))
            attrs["postcode"] = postcode_clean(country, postcode)
        except ValueError as exc:
            raise serializers.ValidationError({"postcode": [str(exc)]}) from exc
        return attrs


class CountryQuerySerializer(serializers.Serializer):
    country = serializers.CharField(max_length=2, min_length=2, required=False)

    def validate_country(self, value: str) -> str:
        return country_code(value)


class QuoteInSerializer(serializers.Serializer):
    shipping_rate_id = serializers.IntegerField(min_value=1)
    discount_code = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")
    country = serializers.CharField(max_length=2, min_length=2, required=False,
                                    help_text="The destination: its shipping zone and tax. Checkout takes it "
                                              "from the shipping address.")

    def validate_country(self, value: str) -> str:
        return country_code(value)


class CheckoutInSerializer(QuoteInSerializer):
    email = serializers.EmailField(required=False)
    shipping_address = AddressSerializer()
    payment = PaymentInSerializer()
    save_address = serializers.BooleanField(required=False, default=False,
                                            help_text="Signed-in shoppers: add the address to the address book.")


class AddressBookSerializer(AddressSerializer):
    id = serializers.IntegerField(read_only=True)
    label = serializers.CharField(  # type: ignore[assignment]  # a field named like Field.label
        max_length=40, required=False, allow_blank=True, default="")
    phone = serializers.RegexField(r"^\+?[0-9 ()-]{5,30}$", max_length=30, required=False, allow_blank=True,
                                   default="", error_messages={"invalid": "Enter a valid phone number."})
    is_default = serializers.BooleanField(required=False, default=False)


class AddressBookOutSerializer(serializers.ModelSerializer):
    class Meta:
        model = Address
        fields = ["id", "label", "full_name", "line1", "line2", "city", "postcode", "country", "phone", "is_default"]


class OrderLookupInSerializer(serializers.Serializer):
    number = serializers.CharField(max_length=30)
    email = serializers.CharField(max_length=254)


class OrderLineSerializer(serializers.ModelSerializer):
    class Meta:
        model = OrderLine
        fields = ["id", "product_slug", "product_title", "variant_title", "sku", "unit_price", "quantity",
                  "line_total"]


class OrderEventSerializer(serializers.ModelSerializer):
    class Meta:
        model = OrderEvent
        fields = ["status", "note", "created_at"]


class OrderSummarySerializer(serializers.ModelSerializer):
    item_count = serializers.IntegerField(default=0)

    class Meta:
        model = Order
        fields = ["id", "number", "email", "status", "payment_status", "total", "currency", "created_at",
                  "item_count"]


class OrderSerializer(serializers.ModelSerializer):
    lines = OrderLineSerializer(many=True)
    timeline = OrderEventSerializer(source="events", many=True)
    payments = PaymentRecordSerializer(many=True)
    refundable = serializers.SerializerMethodField()

    class Meta:
        model = Order
        fields = ["id", "number", "status", "payment_status", "email", "lines", "subtotal", "discount_total",
                  "discount_code", "shipping_total", "tax_total", "total", "currency", "shipping_address",
                  "shipping_method", "tracking_number", "timeline", "payments", "refundable", "created_at"]

    def get_refundable(self, order: Order) -> Decimal:
        """What a refund may still return (all that was paid, less refunds made or under way)."""
        paid = sum((p.amount for p in order.payments.all() if p.kind == "charge" and p.status == "succeeded"),
                   Decimal(0))
        back = sum((p.amount for p in order.payments.all() if p.kind == "refund"
                    and p.status not in ("failed", "cancelled")), Decimal(0))
        return max(paid - back, Decimal(0))


class OrderPlacedSerializer(OrderSerializer):
    order_token = serializers.SerializerMethodField(
        help_text="Send as X-Order-Token to see or pay this order without signing in.")

    class Meta(OrderSerializer.Meta):
        fields = [*OrderSerializer.Meta.fields, "order_token"]

    def get_order_token(self, order) -> str:
        return self.context["order_token"]


@extend_schema_field({"type": "object", "required": ["code", "message", "fields"], "properties": {
    "code": {"type": "string"}, "message": {"type": "string"},
    "fields": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}}}})
class ErrorField(serializers.DictField):
    """The `error` of the API's error answer (saas.kernel.errors.error_body)."""


class PaymentDeclinedSerializer(serializers.Serializer):
    error = ErrorField()
    order = OrderPlacedSerializer()
    order_token = serializers.CharField()


class OrderPendingSerializer(OrderPlacedSerializer):
    payment = PaymentStateSerializer()

    class Meta(OrderPlacedSerializer.Meta):
        fields = [*OrderPlacedSerializer.Meta.fields, "payment"]


class OrderLookupOutSerializer(serializers.Serializer):
    order = OrderSerializer()
    order_token = serializers.CharField()


def amount(**kwargs) -> serializers.DecimalField:
    """Money in an answer: two places, of any size (a cart may hold more than an order's columns,
    and must still show, so the shopper can fix it)."""
    return serializers.DecimalField(max_digits=None, decimal_places=2, **kwargs)


# Answers rendered from plain values (the views pass the values; these render and document them).
class CartImageSerializer(serializers.Serializer):
    url = serializers.CharField()
    thumb_url = serializers.CharField()
    alt = serializers.CharField()


class CartLineOutSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    variant_id = serializers.IntegerField()
    product_slug = serializers.CharField()
    product_title = serializers.CharField()
    variant_title = serializers.CharField()
    sku = serializers.CharField()
    unit_price = amount()
    quantity = serializers.IntegerField()
    line_total = amount()
    image = CartImageSerializer(allow_null=True)
    available = serializers.IntegerField()


class CartOutSerializer(serializers.Serializer):
    token = serializers.CharField(allow_null=True, help_text="Send back as X-Cart-Token (guest carts only).")
    currency = serializers.CharField()
    item_count = serializers.IntegerField()
    subtotal = amount()
    lines = CartLineOutSerializer(many=True)


class ShippingRateOutSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    price = amount()
    free_over = amount(allow_null=True)
    price_for_cart = amount()


class TaxOutSerializer(serializers.Serializer):
    rate = serializers.DecimalField(max_digits=5, decimal_places=2)
    included = serializers.BooleanField()
    label = serializers.CharField()  # type: ignore[assignment]  # a field named like Field.label


class CheckoutOptionsOutSerializer(serializers.Serializer):
    currency = serializers.CharField()
    country = serializers.CharField(allow_null=True, help_text="The destination asked for, if any.")
    delivers = serializers.BooleanField(help_text="Whether the shop delivers to that destination at all.")
    shipping_rates = ShippingRateOutSerializer(many=True)
    tax = TaxOutSerializer()


class DiscountOutSerializer(serializers.Serializer):
    code = serializers.CharField()
    description = serializers.CharField()


class QuoteOutSerializer(serializers.Serializer):
    subtotal = amount()
    discount_total = amount()
    shipping_total = amount()
    tax_total = amount()
    total = amount()
    currency = serializers.CharField()
    discount = DiscountOutSerializer(allow_null=True)


class ReorderItemSerializer(serializers.Serializer):
    product_title = serializers.CharField()
    variant_title = serializers.CharField()
    quantity = serializers.IntegerField(required=False)
    reason = serializers.CharField(required=False)


class ReorderOutSerializer(serializers.Serializer):
    cart = CartOutSerializer()
    added = ReorderItemSerializer(many=True)
    unavailable = ReorderItemSerializer(many=True)
