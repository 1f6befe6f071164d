"""A shop's own Stripe account (owner and managers), the payment set-up the checkout page
reads, and the shop's Stripe webhook."""
from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from billing import stripe_accounts
from billing.webhooks import webhook_event_dispatch, webhook_event_verify
from saas.kernel.api import Access, ShopAPIView, StaffAPIView
from storefront.payments import gateway


class StripeAccountInSerializer(serializers.Serializer):
    publishable_key = serializers.CharField(max_length=255)
    secret_key = serializers.CharField(max_length=255, required=False, allow_blank=True, default="",
                                       help_text="Empty: keep the stored one.")
    webhook_secret = serializers.CharField(max_length=255, required=False, allow_blank=True, default="",
                                           help_text="Empty: keep the stored one.")


class StripeAccountOutSerializer(serializers.Serializer):
    configured = serializers.BooleanField()
    publishable_key = serializers.CharField()
    secret_key_hint = serializers.CharField(help_text="The stored secret key's last characters; never the key")
    webhook_secret_hint = serializers.CharField()
    webhook_url = serializers.CharField()
    updated_at = serializers.DateTimeField(allow_null=True)
    updated_by_email = serializers.CharField()


class PaymentConfigOutSerializer(serializers.Serializer):
    gateway = serializers.ChoiceField(choices=["stripe", "offline-test"])
    publishable_key = serializers.CharField()


def account_payload(request) -> dict:
    account = stripe_accounts.stripe_account_get()
    return {"configured": account is not None, "publishable_key": account.publishable_key if account else "",
            "secret_key_hint": account.secret_key_hint if account else "",
            "webhook_secret_hint": account.webhook_secret_hint if account else "",
            "webhook_url": request.build_absolute_uri("/api/billing/webhooks/stripe/"),
            "updated_at": account.updated_at if account else None,
            "updated_by_email": account.updated_by_email if account else ""}


class StripeAccountView(StaffAPIView):
    dashboard_area = None  # owner and managers only

    @extend_schema(responses={200: StripeAccountOutSerializer})
    def get(self, request):
        return Response(account_payload(request))

    @extend_schema(request=StripeAccountInSerializer, responses={200: StripeAccountOutSerializer})
    def put(self, request):
        data = StripeAccountInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        stripe_accounts.stripe_account_save(**data.validated_data, by_email=request.user.email)
        return Response(account_payload(request))

    @extend_schema(responses={204: None})
    def delete(self, request):
        stripe_accounts.stripe_account_delete()
        return Response(status=status.HTTP_204_NO_CONTENT)


class PaymentConfigView(ShopAPIView):
    """Which gateway checkout uses, and the publishable key Stripe.js is loaded with."""

    access = Access.PUBLIC_TOKEN_OPTIONAL

    @extend_schema(responses={200: PaymentConfigOutSerializer})
    def get(self, request):
        return Response(gateway().public_config())


class ShopStripeWebhookView(ShopAPIView):
    """Stripe calls this with events of the shop's own account, signed with its webhook secret."""

    access = Access.PUBLIC_NO_TOKEN
    throttle_classes: list = []

    @extend_schema(request=None, responses={200: None})
    def post(self, request):
        event = webhook_event_verify(payload=request.body, signature=request.headers.get("Stripe-Signature"),
                                     secret=stripe_accounts.webhook_secret())
        applied = webhook_event_dispatch(event=event)
        return Response({"received": True, "applied": applied})
