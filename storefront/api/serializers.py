from rest_framework import serializers

from storefront.models import Product


class ProductSerializer(serializers.ModelSerializer):
    currency = serializers.SerializerMethodField()
    in_stock = serializers.BooleanField(read_only=True)

    class Meta:
        model = Product
        fields = ["id", "slug", "title", "price", "currency", "in_stock", "stock"]

    def get_currency(self, product: Product) -> str:
        return self.context["request"].shop.currency
