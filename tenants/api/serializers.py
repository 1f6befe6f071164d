from rest_framework import serializers

from tenants.errors import TenantErrorCode
from tenants.models import Domain, Plan, Shop
from tenants.rules import subdomain_problem
from tenants.selectors import shop_url
from tenants.services import SUBDOMAIN_TAKEN_MESSAGE, subdomain_taken


class PlanSerializer(serializers.ModelSerializer):
    class Meta:
        model = Plan
        fields = ["id", "code", "name", "monthly_price", "currency", "max_products", "max_staff",
                  "max_api_requests_per_minute", "recommendations_included", "max_custom_domains", "sort_order"]
        read_only_fields = ["id", "currency"]


class PlanRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Plan
        fields = ["code", "name"]


class ShopSerializer(serializers.ModelSerializer):
    plan = PlanRefSerializer()
    url = serializers.SerializerMethodField()

    class Meta:
        model = Shop
        fields = ["id", "name", "subdomain", "url", "status", "suspended_reason", "currency", "plan", "created_at"]

    def get_url(self, shop: Shop) -> str:
        return shop_url(shop)


class AdminShopSerializer(ShopSerializer):
    owner_email = serializers.EmailField(source="owner.email")
    usage = serializers.SerializerMethodField()

    class Meta(ShopSerializer.Meta):
        fields = [*ShopSerializer.Meta.fields, "owner_email", "suspended_at", "usage"]

    def get_usage(self, shop: Shop) -> dict:
        return self.context.get("usage", {}).get(shop.schema_name, {})


CURRENCIES = ["GBP", "EUR", "USD", "CAD", "AUD", "NZD", "CHF", "SEK", "NOK", "DKK", "PLN", "CZK", "JPY", "INR",
              "SGD", "HKD", "ZAR", "BRL", "MXN"]


class ShopCreateSerializer(serializers.Serializer):
    """The subdomain's rules are field validators, so a blank name and a reserved subdomain are
    reported in one 400 (the service checks them again for its other callers)."""

    name = serializers.CharField(max_length=80)
    subdomain = serializers.CharField(max_length=63)
    currency = serializers.ChoiceField(choices=CURRENCIES, required=False, default="GBP")

    def validate_subdomain(self, value: str) -> str:
        subdomain = value.strip().lower()
        if problem := subdomain_problem(subdomain):
            raise serializers.ValidationError(problem[1], code=TenantErrorCode(f"subdomain_{problem[0]}"))
        if subdomain_taken(subdomain=subdomain):
            raise serializers.ValidationError(SUBDOMAIN_TAKEN_MESSAGE, code=TenantErrorCode.SUBDOMAIN_TAKEN)
        return value


class SuspendSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class ShopListSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    results = ShopSerializer(many=True)


class SubdomainAvailabilitySerializer(serializers.Serializer):
    subdomain = serializers.CharField()
    available = serializers.BooleanField()
    code = serializers.CharField(allow_null=True)
    message = serializers.CharField()


class HandoffSerializer(serializers.Serializer):
    code = serializers.CharField()
    expires_at = serializers.DateTimeField()
    url = serializers.CharField()


class DomainSerializer(serializers.ModelSerializer):
    class Meta:
        model = Domain
        fields = ["id", "domain", "is_primary"]


class DomainInSerializer(serializers.Serializer):
    domain = serializers.CharField(max_length=253)


class PublicShopSerializer(serializers.ModelSerializer):
    class Meta:
        model = Shop
        fields = ["name", "subdomain", "currency", "status", "footer_note"]
