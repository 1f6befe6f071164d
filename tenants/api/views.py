from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, status
from rest_framework.response import Response

from saas.accounts.api.serializers import HandoffSerializer as HandoffCodeSerializer
from saas.accounts.api.serializers import SessionSerializer
from saas.accounts.api.views import ShopAuthView, session_response
from saas.kernel.api import PlatformAdminAPIView, PlatformAPIView, ShopAPIView
from saas.kernel.pagination import PageNumberPagination
from tenants import selectors, services
from tenants.api.serializers import (
    AdminShopSerializer,
    DomainInSerializer,
    DomainSerializer,
    HandoffSerializer,
    PlanSerializer,
    PublicShopSerializer,
    ShopCreateSerializer,
    ShopSerializer,
    SubdomainAvailabilitySerializer,
    SuspendSerializer,
)
from tenants.models import Domain, Plan, Shop
from tenants.usage import usage_for


class PlanListView(PlatformAPIView):
    permission_classes = [permissions.AllowAny]

    @extend_schema(responses={200: PlanSerializer(many=True)})
    def get(self, request):
        return Response(PlanSerializer(Plan.objects.all(), many=True).data)


class MyShopsView(PlatformAPIView):
    @extend_schema(responses={200: ShopSerializer(many=True)})
    def get(self, request):
        shops = selectors.shops_for_owner(owner=request.user)
        return Response({"count": len(shops), "results": ShopSerializer(shops, many=True).data})

    @extend_schema(request=ShopCreateSerializer, responses={201: ShopSerializer})
    def post(self, request):
        data = ShopCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        shop = services.shop_create(owner=request.user, **data.validated_data)
        return Response(ShopSerializer(shop).data, status=status.HTTP_201_CREATED)


class SubdomainView(PlatformAPIView):
    permission_classes = [permissions.AllowAny]

    @extend_schema(responses={200: SubdomainAvailabilitySerializer})
    def get(self, request, subdomain: str):
        return Response(selectors.subdomain_availability(subdomain=subdomain))


class DashboardHandoffView(PlatformAPIView):
    @extend_schema(request=None, responses={201: HandoffSerializer})
    def post(self, request, shop_id: int):
        shop = get_object_or_404(Shop, pk=shop_id, owner=request.user)
        code, handoff = services.handoff_create(shop=shop, user=request.user)
        url = f"{selectors.shop_url(shop)}/dashboard/handoff#code={code}"
        return Response({"code": code, "expires_at": handoff.expires_at, "url": url}, status=status.HTTP_201_CREATED)


class ShopDomainsView(PlatformAPIView):
    """The owner's domains for one shop: its subdomain and any custom domains."""

    @extend_schema(responses={200: DomainSerializer(many=True)})
    def get(self, request, shop_id: int):
        shop = get_object_or_404(Shop, pk=shop_id, owner=request.user)
        return Response(DomainSerializer(Domain.objects.filter(tenant=shop), many=True).data)

    @extend_schema(request=DomainInSerializer, responses={201: DomainSerializer})
    def post(self, request, shop_id: int):
        shop = get_object_or_404(Shop, pk=shop_id, owner=request.user)
        data = DomainInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        domain = services.domain_add(shop=shop, domain=data.validated_data["domain"])
        return Response(DomainSerializer(domain).data, status=status.HTTP_201_CREATED)


class ShopDomainView(PlatformAPIView):
    @extend_schema(responses={204: None})
    def delete(self, request, shop_id: int, domain_id: int):
        shop = get_object_or_404(Shop, pk=shop_id, owner=request.user)
        services.domain_remove(shop=shop, domain=get_object_or_404(Domain, pk=domain_id, tenant=shop))
        return Response(status=status.HTTP_204_NO_CONTENT)


class AdminShopListView(PlatformAdminAPIView):
    @extend_schema(responses={200: AdminShopSerializer(many=True)})
    def get(self, request):
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(selectors.shops_for_admin(search=request.query_params.get("search", "")),
                                           request, view=self)
        usage = usage_for(shop.schema_name for shop in page)
        return paginator.get_paginated_response(AdminShopSerializer(page, many=True, context={"usage": usage}).data)


class AdminShopSuspendView(PlatformAdminAPIView):
    @extend_schema(request=SuspendSerializer, responses={200: AdminShopSerializer})
    def post(self, request, shop_id: int):
        data = SuspendSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        shop = services.shop_suspend(shop=get_object_or_404(Shop, pk=shop_id), **data.validated_data)
        return Response(AdminShopSerializer(shop, context={"usage": usage_for([shop.schema_name])}).data)


class AdminShopReactivateView(PlatformAdminAPIView):
    @extend_schema(request=None, responses={200: AdminShopSerializer})
    def post(self, request, shop_id: int):
        shop = services.shop_reactivate(shop=get_object_or_404(Shop, pk=shop_id))
        return Response(AdminShopSerializer(shop, context={"usage": usage_for([shop.schema_name])}).data)


class ShopInfoView(ShopAPIView):
    """What the storefront needs to draw its header; no query: the shop came with the host."""

    permission_classes = [permissions.AllowAny]
    authentication_classes: list = []

    @extend_schema(responses={200: PublicShopSerializer})
    def get(self, request):
        return Response(PublicShopSerializer(request.shop).data)


class HandoffRedeemView(ShopAuthView):
    @extend_schema(request=HandoffCodeSerializer, responses={200: SessionSerializer})
    def post(self, request):
        data = HandoffCodeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = services.handoff_redeem(shop=request.shop, code=data.validated_data["code"])
        return session_response(user)
