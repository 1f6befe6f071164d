"""The shop's plan and its subscription (owner only, on the shop's host), the platform's Stripe
webhook (root domain) and the admin's comp (root domain)."""
from __future__ import annotations

import functools

from django.conf import settings
from django.shortcuts import get_object_or_404
from django_tenants.utils import schema_context
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from billing import dunning, subscriptions
from billing.plan_models import PlanSubscription
from billing.webhooks import webhook_event_dispatch, webhook_event_verify
from saas.kernel.api import Access, OwnerAPIView, PlatformAdminAPIView, PlatformAPIView
from saas.kernel.errors import AppError, ErrorCode
from tenants.api.serializers import PlanSerializer
from tenants.limits import shop_usage
from tenants.models import Plan, Shop


class CardSerializer(serializers.Serializer):
    brand = serializers.CharField()
    last4 = serializers.CharField()


class SubscriptionOutSerializer(serializers.Serializer):
    status = serializers.CharField()
    current_period_end = serializers.DateTimeField(allow_null=True)
    card = CardSerializer(allow_null=True)
    comped = serializers.BooleanField()


class DunningOutSerializer(serializers.Serializer):
    state = serializers.ChoiceField(choices=["ok", "grace", "closed"])
    grace_until = serializers.DateTimeField(allow_null=True)
    message = serializers.CharField(allow_blank=True)


class StripeSetupOutSerializer(serializers.Serializer):
    configured = serializers.BooleanField()
    publishable_key = serializers.CharField(allow_blank=True)
    js_url = serializers.CharField()


class BillingOutSerializer(serializers.Serializer):
    plan = PlanSerializer()
    plans = PlanSerializer(many=True)
    usage = serializers.DictField()
    subscription = SubscriptionOutSerializer()
    dunning = DunningOutSerializer()
    stripe = StripeSetupOutSerializer()


class PlanChangeInSerializer(serializers.Serializer):
    plan = serializers.SlugField(max_length=32)


class CardSetupOutSerializer(serializers.Serializer):
    id = serializers.CharField()
    client_secret = serializers.CharField()
    publishable_key = serializers.CharField(allow_blank=True)


class CardInSerializer(serializers.Serializer):
    setup_intent_id = serializers.CharField(max_length=255)


class InvoiceOutSerializer(serializers.Serializer):
    id = serializers.CharField()
    number = serializers.CharField()
    status = serializers.CharField()
    created = serializers.DateTimeField()
    currency = serializers.CharField()
    total = serializers.DecimalField(max_digits=12, decimal_places=2)
    amount_paid = serializers.DecimalField(max_digits=12, decimal_places=2)
    url = serializers.CharField(allow_blank=True)


def _dunning_message(state: str, sub: PlanSubscription) -> str:
    if state == dunning.DunningState.GRACE and sub.grace_until:
        return (f"The last payment for your plan failed. Update your card or pay by {sub.grace_until:%d %B %Y}, "
                "or the storefront closes until it is paid.")
    if state == dunning.DunningState.CLOSED:
        return "Your storefront is closed because the plan is unpaid. Pay here to reopen it at once."
    return ""


def billing_payload(shop: Shop) -> dict:
    sub = subscriptions.subscription_of(shop)
    state = dunning.dunning_state(shop=shop, sub=sub)
    return {
        "plan": PlanSerializer(shop.plan).data,
        "plans": PlanSerializer(Plan.objects.all(), many=True).data,
        "usage": shop_usage(shop),
        "subscription": {"status": sub.status, "current_period_end": sub.current_period_end, "comped": sub.is_comped,
                         "card": {"brand": sub.card_brand, "last4": sub.card_last4} if sub.card_last4 else None},
        "dunning": {"state": state, "grace_until": sub.grace_until, "message": _dunning_message(state, sub)},
        "stripe": {"configured": bool(settings.STRIPE_PLATFORM_SECRET_KEY),
                   "publishable_key": settings.STRIPE_PLATFORM_PUBLISHABLE_KEY, "js_url": settings.STRIPE_JS_URL},
    }


def in_public_schema(handler):
    """Runs a shop-host handler against the public schema, where the platform's billing rows
    are (billing's tables exist in every shop's schema too, for the shop's own Stripe account)."""

    @functools.wraps(handler)
    def run(self, request, *args, **kwargs):
        with schema_context("public"):
            return handler(self, request, *args, **kwargs)

    return run


class OwnerBillingView(OwnerAPIView):
    pass

    def shop(self) -> Shop:
        # not the request's snapshot: the billing page wants the row as it is now
        return Shop.objects.select_related("plan", "owner").get(pk=self.request.shop.pk)  # type: ignore[attr-defined]


class BillingView(OwnerBillingView):
    @extend_schema(responses={200: BillingOutSerializer})
    @in_public_schema
    def get(self, request):
        return Response(BillingOutSerializer(billing_payload(self.shop())).data)

    @extend_schema(request=PlanChangeInSerializer, responses={200: BillingOutSerializer})
    @in_public_schema
    def post(self, request):
        data = PlanChangeInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        plan = Plan.objects.filter(code=data.validated_data["plan"]).first()
        if plan is None:
            raise AppError(ErrorCode.VALIDATION_ERROR, "Choose one of the plans.", fields={"plan": ["No such plan."]})
        shop = self.shop()
        subscriptions.plan_change(shop=shop, plan=plan)
        return Response(BillingOutSerializer(billing_payload(self.shop())).data)


class CardSetupView(OwnerBillingView):
    @extend_schema(request=None, responses={201: CardSetupOutSerializer})
    @in_public_schema
    def post(self, request):
        return Response(subscriptions.card_setup_start(shop=self.shop()), status=status.HTTP_201_CREATED)


class CardView(OwnerBillingView):
    @extend_schema(request=CardInSerializer, responses={200: BillingOutSerializer})
    @in_public_schema
    def post(self, request):
        data = CardInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        subscriptions.card_setup_finish(shop=self.shop(), setup_intent_id=data.validated_data["setup_intent_id"])
        return Response(BillingOutSerializer(billing_payload(self.shop())).data)


class PayNowView(OwnerBillingView):
    @extend_schema(request=None, responses={200: BillingOutSerializer})
    @in_public_schema
    def post(self, request):
        subscriptions.invoice_pay_now(shop=self.shop())
        return Response(BillingOutSerializer(billing_payload(self.shop())).data)


class InvoicesView(OwnerBillingView):
    @extend_schema(responses={200: InvoiceOutSerializer(many=True)})
    @in_public_schema
    def get(self, request):
        return Response(InvoiceOutSerializer(subscriptions.invoices_of(shop=self.shop()), many=True).data)


class PlatformStripeWebhookView(PlatformAPIView):
    """The platform's Stripe account calls this (signed with STRIPE_PLATFORM_WEBHOOK_SECRET)."""

    access = Access.PUBLIC_NO_TOKEN
    throttle_classes: list = []

    @extend_schema(request=None, responses={200: None})
    def post(self, request):
        event = webhook_event_verify(payload=request.body, signature=request.headers.get("Stripe-Signature"),
                                     secret=settings.STRIPE_PLATFORM_WEBHOOK_SECRET)
        applied = webhook_event_dispatch(event=event)
        return Response({"received": True, "applied": applied})


class CompInSerializer(serializers.Serializer):
    plan = serializers.SlugField(max_length=32)


class AdminCompView(PlatformAdminAPIView):
    @extend_schema(request=CompInSerializer, responses={200: SubscriptionOutSerializer})
    def post(self, request, shop_id: int):
        data = CompInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        shop = get_object_or_404(Shop.objects.select_related("plan", "owner"), pk=shop_id)
        plan = Plan.objects.filter(code=data.validated_data["plan"]).first()
        if plan is None:
            raise AppError(ErrorCode.VALIDATION_ERROR, "Choose one of the plans.", fields={"plan": ["No such plan."]})
        subscriptions.subscription_cancel(shop=shop)
        dunning.plan_comp(shop=shop, plan=plan, by_email=request.user.email)
        return Response(billing_payload(Shop.objects.select_related("plan", "owner").get(pk=shop_id))["subscription"])

    @extend_schema(request=None, responses={200: SubscriptionOutSerializer})
    def delete(self, request, shop_id: int):
        shop = get_object_or_404(Shop.objects.select_related("plan", "owner"), pk=shop_id)
        dunning.plan_uncomp(shop=shop)
        return Response(billing_payload(Shop.objects.select_related("plan", "owner").get(pk=shop_id))["subscription"])
