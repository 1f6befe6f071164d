from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle

from realtime.services import TICKET_TTL_SECONDS, ws_ticket_issue
from saas.kernel.api import Access, ShopAPIView


class VisitorTicketThrottle(AnonRateThrottle):
    """Visitors' tickets per client address (signed-in people are not throttled here)."""
    scope = "ws_ticket_visitor"

    def get_rate(self) -> str | None:
        # Read the settings now, not the copy DRF took at import (tests and deployments change them).
        rates: dict = api_settings.DEFAULT_THROTTLE_RATES
        return rates.get(self.scope)


class WsTicketSerializer(serializers.Serializer):
    ticket = serializers.CharField()
    expires_in = serializers.IntegerField()
    url = serializers.CharField()
    visitor = serializers.BooleanField()


class WebsocketTicketView(ShopAPIView):
    """A single-use ticket for one socket: a signed-in person's (their inbox, and the live feed
    for staff), or without sign-in a visitor's (public promotions only). A token of another
    shop is refused (401), never taken for a visitor."""

    access = Access.PUBLIC_TOKEN_OPTIONAL
    throttle_classes = [VisitorTicketThrottle]

    @extend_schema(request=None, responses={201: WsTicketSerializer})
    def post(self, request):
        user = request.user if request.user is not None and request.user.is_authenticated else None
        ticket = ws_ticket_issue(user=user)
        return Response(WsTicketSerializer({"ticket": ticket, "expires_in": TICKET_TTL_SECONDS,
                                            "url": f"/ws/notifications/?ticket={ticket}",
                                            "visitor": user is None}).data,
                        status=status.HTTP_201_CREATED)
