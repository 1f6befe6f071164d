"""The shopper's side: the behaviour beacon and the six widgets."""
from __future__ import annotations

import uuid

from django.conf import settings
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.throttling import SimpleRateThrottle

from recs import selectors
from recs.api.serializers import BeaconInSerializer, BeaconOutSerializer, RecsOutSerializer
from recs.models import Widget
from recs.services import IncomingEvent, events_record, visitor_id_valid
from recs.serving import DEFAULT_K, MAX_K, Shopper, recommend
from saas.kernel.api import Access, ShopAPIView
from saas.kernel.errors import AppError, ErrorCode, NotFound
from tenants import limits

VISITOR_HEADER = "X-Visitor-Id"
CART_HEADER = "X-Cart-Token"
WIDGET_PARAMS = [
    OpenApiParameter(VISITOR_HEADER, str, OpenApiParameter.HEADER, required=False,
                     description="The id the browser keeps for this visitor (holdout arm, this visit's views)."),
    OpenApiParameter(CART_HEADER, str, OpenApiParameter.HEADER, required=False),
    OpenApiParameter("k", int, required=False, description=f"How many cards (1-{MAX_K}, default {DEFAULT_K})."),
]


class BeaconThrottle(SimpleRateThrottle):
    scope = "recs_events"

    def get_rate(self):
        return settings.RECS_BEACON_RATE

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


def _user(request):
    return request.user if request.user and request.user.is_authenticated else None


def _cart_token(request) -> uuid.UUID | None:
    try:
        return uuid.UUID(request.headers.get(CART_HEADER, ""))
    except ValueError:
        return None


class EventsView(ShopAPIView):
    """Views, add-to-carts and clicks from the storefront, batched (fetch keepalive). Anonymous
    allowed; a batch with anything wrong in it is refused whole."""

    access = Access.PUBLIC_TOKEN_OPTIONAL
    throttle_classes = [BeaconThrottle]

    @extend_schema(request=BeaconInSerializer, responses={202: BeaconOutSerializer})
    def post(self, request):
        declared = int(request.META.get("CONTENT_LENGTH") or 0) if str(
            request.META.get("CONTENT_LENGTH") or "0").isdigit() else 0
        if declared > settings.RECS_BEACON_MAX_BYTES or len(request.body) > settings.RECS_BEACON_MAX_BYTES:
            raise AppError(ErrorCode.BODY_TOO_LARGE,
                           f"A beacon batch is at most {settings.RECS_BEACON_MAX_BYTES} bytes.",
                           status_code=413)
        data = BeaconInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        if not data.validated_data["events"] and _user(request) is None:
            raise AppError(ErrorCode.VALIDATION_ERROR, "Send at least one event.",
                           fields={"events": ["Send at least one event."]})
        events = [IncomingEvent(kind=e["kind"], product_id=e.get("product_id"), slug=e.get("slug", ""),
                                widget=e["widget"] or "",
                                request_id=e["request_id"], position=e["position"], quantity=e["quantity"])
                  for e in data.validated_data["events"]]
        stored = events_record(visitor_id=data.validated_data["visitor_id"], events=events, user=_user(request),
                               cart_token=_cart_token(request))
        return Response(BeaconOutSerializer({"stored": stored}).data, status=status.HTTP_202_ACCEPTED)


class WidgetView(ShopAPIView):
    access = Access.PUBLIC_TOKEN_OPTIONAL
    widget: str = ""

    def shopper(self, request) -> Shopper:
        visitor = request.headers.get(VISITOR_HEADER, "")
        raw_k = request.query_params.get("k", str(DEFAULT_K))
        if not raw_k.isdigit() or not 1 <= int(raw_k) <= MAX_K:
            raise AppError(ErrorCode.VALIDATION_ERROR, f"k is a whole number from 1 to {MAX_K}.",
                           fields={"k": [f"Use 1 to {MAX_K}."]})
        return Shopper(visitor_id=visitor if visitor_id_valid(visitor) else "", user=_user(request),
                       cart_token=request.headers.get(CART_HEADER), currency=request.shop.currency, k=int(raw_k))

    def serve(self, request, anchor: int | None = None) -> Response:
        limits.recommendations_check(request.shop)
        return Response(RecsOutSerializer(recommend(self.widget, self.shopper(request), anchor=anchor)).data)


class ProductWidgetView(WidgetView):
    @extend_schema(parameters=WIDGET_PARAMS, responses={200: RecsOutSerializer})
    def get(self, request, slug: str):
        product = selectors.product_by_slug(slug)
        if product is None:
            raise NotFound("No such product.")
        return self.serve(request, anchor=product.pk)


class SimilarView(ProductWidgetView):
    widget = Widget.SIMILAR


class BoughtTogetherView(ProductWidgetView):
    widget = Widget.BOUGHT_TOGETHER


class ShopperWidgetView(WidgetView):
    @extend_schema(parameters=WIDGET_PARAMS, responses={200: RecsOutSerializer})
    def get(self, request):
        return self.serve(request)


class ForYouView(ShopperWidgetView):
    widget = Widget.FOR_YOU


class TrendingView(ShopperWidgetView):
    widget = Widget.TRENDING


class CartRecsView(ShopperWidgetView):
    widget = Widget.CART


class BuyAgainView(ShopperWidgetView):
    widget = Widget.BUY_AGAIN
