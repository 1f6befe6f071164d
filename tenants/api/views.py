from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response

from saas.accounts.api.serializers import HandoffSerializer as HandoffCodeSerializer
from saas.accounts.api.serializers import SessionSerializer
from saas.accounts.api.views import ShopAuthView, session_response
from saas.kernel.api import Access, PlatformAdminAPIView, PlatformAPIView, ShopAPIView
from saas.kernel.errors import get_or_not_found
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
    ShopListSerializer,
    ShopSerializer,
    SubdomainAvailabilitySerializer,
    SuspendSerializer,
)
from tenants.models import Domain, Plan, Shop
from tenants.usage import usage_for

NO_SUCH_SHOP = "No such shop."


class PlanListView(PlatformAPIView):
    access = Access.PUBLIC_TOKEN_OPTIONAL

    @extend_schema(responses={200: PlanSerializer(many=True)})
    def get(self, request):
        return Response(PlanSerializer(Plan.objects.all(), many=True).data)


class MyShopsView(PlatformAPIView):
    @extend_schema(responses={200: ShopListSerializer})
    def get(self, request):
        shops = selectors.shops_for_owner(owner=request.user)
        return Response(ShopListSerializer({"count": len(shops), "results": shops}).data)

    @extend_schema(request=ShopCreateSerializer, responses={201: ShopSerializer})
    def post(self, request):
        data = ShopCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        shop = services.shop_create(owner=request.user, **data.validated_data)
        return Response(ShopSerializer(shop).data, status=status.HTTP_201_CREATED)


class SubdomainView(PlatformAPIView):
    access = Access.PUBLIC_TOKEN_OPTIONAL

    @extend_schema(responses={200: SubdomainAvailabilitySerializer})
    def get(self, request, subdomain: str):
        return Response(SubdomainAvailabilitySerializer(selectors.subdomain_availability(subdomain=subdomain)).data)


class DashboardHandoffView(PlatformAPIView):
    @extend_schema(request=None, responses={201: HandoffSerializer})
    def post(self, request, shop_id: int):
        shop = get_or_not_found(Shop, NO_SUCH_SHOP, pk=shop_id, owner=request.user)
        code, handoff = services.handoff_create(shop=shop, user=request.user)
        url = f"{selectors.shop_url(shop)}/dashboard/handoff#code={code}"
        return Response(HandoffSerializer({"code": code, "expires_at": handoff.expires_at, "url": url}).data,
                        status=status.HTTP_201_CREATED)


class ShopDomainsView(PlatformAPIView):
    """The owner's domains for one shop: its subdomain and any custom domains."""

    @extend_schema(responses={200: DomainSerializer(many=True)})
    def get(self, request, shop_id: int):
        shop = get_or_not_found(Shop, NO_SUCH_SHOP, pk=shop_id, owner=request.user)
        return Response(DomainSerializer(Domain.objects.filter(tenant=shop), many=True).data)

    @extend_schema(request=DomainInSerializer, responses={201: DomainSerializer})
    def post(self, request, shop_id: int):
        shop = get_or_not_found(Shop, NO_SUCH_SHOP, pk=shop_id, owner=request.user)
        data = DomainInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        domain = services.domain_add(shop=shop, domain=data.validated_data["domain"])
        return Response(DomainSerializer(domain).data, status=status.HTTP_201_CREATED)


class ShopDomainView(PlatformAPIView):
    @extend_schema(responses={204: None})
    def delete(self, request, shop_id: int, domain_id: int):
        shop = get_or_not_found(Shop, NO_SUCH_SHOP, pk=shop_id, owner=request.user)
        services.domain_remove(shop=shop, domain=get_or_not_found(Domain, "No such domain.", pk=domain_id, tenant=shop))
        return Response(status=status.HTTP_204_NO_CONTENT)


class AdminShopListView(PlatformAdminAPIView):
    pagination_class = PageNumberPagination

    @extend_schema(responses={200: AdminShopSerializer(many=True)})
    def get(self, request):
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(selectors.shops_for_admin(search=request.query_params.get("search", "")),
                                           request, view=self)
        usage = usage_for(shop.schema_name for shop in page)
        return paginator.get_paginated_response(AdminShopSerializer(page, many=True, context={"usage": usage}).data)


class AdminShopSuspendView(PlatformAdminAPIView):
    @extend_schema(request=SuspendSerializer, responses={200: AdminShopSerializer})
    def post(self, request, shop_id: int):
        data = SuspendSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        shop = services.shop_suspend(shop=get_or_not_found(Shop, NO_SUCH_SHOP, pk=shop_id), **data.validated_data)
        return Response(AdminShopSerializer(shop, context={"usage": usage_for([shop.schema_name])}).data)


class AdminShopReactivateView(PlatformAdminAPIView):
    @extend_schema(request=None, responses={200: AdminShopSerializer})
    def post(self, request, shop_id: int):
        shop = services.shop_reactivate(shop=get_or_not_found(Shop, NO_SUCH_SHOP, pk=shop_id))
        return Response(AdminShopSerializer(shop, context={"usage": usage_for([shop.schema_name])}).data)


class ShopInfoView(ShopAPIView):
    """What the storefront needs to draw its header; no query: the shop came with the host."""

    access = Access.PUBLIC_NO_TOKEN

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
