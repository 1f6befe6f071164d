"""What checkout and the pay endpoint take for a payment, and how an order shows its payments:
the card or provider payment method in, each attempt or refund, a payment still under way."""
from __future__ import annotations

from rest_framework import serializers

from storefront.models import Payment


class PaymentInSerializer(serializers.Serializer):
    card_number = serializers.CharField(max_length=30, required=False, allow_blank=True, default="")
    exp_month = serializers.IntegerField(min_value=1, max_value=12, required=False)
    exp_year = serializers.IntegerField(min_value=0, max_value=2100, required=False)
    cvc = serializers.CharField(max_length=4, required=False, allow_blank=True, default="")
    payment_method = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")

    def validate(self, attrs):
        if not attrs.get("card_number") and not attrs.get("payment_method"):
            raise serializers.ValidationError({"card_number": ["Enter a card number."]})
        return attrs


class PayInSerializer(serializers.Serializer):
    payment = PaymentInSerializer()


class PaymentRecordSerializer(serializers.ModelSerializer):
    """A payment attempt or refund on the order's timeline, with the provider's id."""

    class Meta:
        model = Payment
        fields = ["id", "kind", "status", "amount", "currency", "gateway", "reference", "code", "message",
                  "card_last4", "note", "created_at", "updated_at"]


class PaymentStateSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=["creating", "requires_action", "processing"])
    client_secret = serializers.CharField(help_text="For Stripe.js's authentication step (requires_action)")
    code = serializers.CharField()
    message = serializers.CharField()
