from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.response import Response

from realtime.notifications import promotions, selectors, services
from realtime.notifications.api import serializers as s
from saas.accounts.roles import Area
from saas.kernel.api import ShopAPIView, StaffAPIView
from saas.kernel.pagination import PageNumberPagination


def _state(user_id: int) -> dict:
    return {"unread": selectors.notification_unread_count(user_id=user_id),
            "last_seq": selectors.notification_last_seq(user_id=user_id)}


class InboxView(ShopAPIView):
    """The signed-in person's notifications, newest first. Listing them counts as delivered."""

    pagination_class = PageNumberPagination

    @extend_schema(parameters=[OpenApiParameter("unread", bool)], responses={200: s.NotificationSerializer(many=True)})
    def get(self, request):
        qs = selectors.notifications_of(user_id=request.user.pk, unread_only=request.query_params.get("unread") in
                                        ("1", "true"))
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(qs, request, view=self)
        if page:
            services.notifications_mark_delivered(user_id=request.user.pk, up_to_seq=page[0].seq)
        return paginator.get_paginated_response(s.NotificationSerializer(page, many=True).data)


class InboxStateView(ShopAPIView):
    @extend_schema(responses={200: s.InboxStateSerializer})
    def get(self, request):
        return Response(_state(request.user.pk))


class MarkReadView(ShopAPIView):
    @extend_schema(request=s.MarkReadSerializer, responses={200: s.InboxStateSerializer})
    def post(self, request):
        data = s.MarkReadSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.notifications_mark_read(user_id=request.user.pk,
                                         ids=None if data.validated_data.get("all") else data.validated_data["ids"])
        return Response(_state(request.user.pk))


class PromotionsView(StaffAPIView):
    dashboard_area = Area.CUSTOMERS  # reading for every role that sees customers; sending: owner, manager
    pagination_class = PageNumberPagination

    @extend_schema(responses={200: s.PromotionSerializer(many=True)})
    def get(self, request):
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(promotions.promotions_with_stats(), request, view=self)
        return paginator.get_paginated_response(s.PromotionSerializer(page, many=True).data)

    @extend_schema(request=s.PromotionInSerializer, responses={201: s.PromotionSerializer})
    def post(self, request):
        data = s.PromotionInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        promotion = promotions.promotion_create(created_by=request.user, **data.validated_data)
        return Response(s.PromotionSerializer(promotion).data, status=status.HTTP_201_CREATED)


class PromotionView(StaffAPIView):
    dashboard_area = Area.CUSTOMERS

    @extend_schema(responses={200: s.PromotionSerializer})
    def get(self, request, promotion_id: int):
        return Response(s.PromotionSerializer(get_object_or_404(promotions.promotions_with_stats(),
                                                                pk=promotion_id)).data)


class FeedView(StaffAPIView):
    """The merchant's live feed (what the socket also pushes), only the areas the role may read."""
    dashboard_area = Area.OVERVIEW

    @extend_schema(parameters=[OpenApiParameter("after", int)], responses={200: s.FeedItemSerializer(many=True)})
    def get(self, request):
        try:
            after = max(0, int(request.query_params.get("after", 0)))
        except ValueError:
            after = 0
        items = selectors.feed_items_for(role=request.user.role, after_id=after)
        return Response(s.FeedItemSerializer(items, many=True).data)
