from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle

from realtime.notifications.visitors import visitor_id_from, visitor_id_new
from realtime.services import TICKET_TTL_SECONDS, ws_ticket_issue
from saas.kernel.api import Access, ShopAPIView


class VisitorTicketThrottle(AnonRateThrottle):
    """Visitors' tickets per client address (signed-in people are not throttled here)."""
    scope = "ws_ticket_visitor"

    def get_rate(self) -> str | None:
        # Read the settings now, not the copy DRF took at import (tests and deployments change them).
        rates: dict = api_settings.DEFAULT_THROTTLE_RATES
        return rates.get(self.scope)


class NewVisitorThrottle(VisitorTicketThrottle):
    """New visitor ids per client address: each is counted once in promotions' figures, so
    minting many would inflate them. Past the rate a visitor is still served, uncounted."""
    scope = "ws_visitor_new"


class WsTicketInSerializer(serializers.Serializer):
    visitor_id = serializers.CharField(required=False, allow_blank=True, max_length=200,
                                       help_text="A visitor's signed id from an earlier answer (reconnecting).")


class WsTicketSerializer(serializers.Serializer):
    ticket = serializers.CharField()
    expires_in = serializers.IntegerField()
    url = serializers.CharField()
    visitor = serializers.BooleanField()
    visitor_id = serializers.CharField(allow_null=True, help_text="A visitor's signed id, to send back next time.")


class WebsocketTicketView(ShopAPIView):
    """A single-use ticket for one socket: a signed-in person's (their inbox, and the live feed
    for staff), or without sign-in a visitor's (public promotions only). A token of another
    shop is refused (401), never taken for a visitor."""

    access = Access.PUBLIC_TOKEN_OPTIONAL
    throttle_classes = [VisitorTicketThrottle]

    @extend_schema(request=WsTicketInSerializer, responses={201: WsTicketSerializer})
    def post(self, request):
        user = request.user if request.user is not None and request.user.is_authenticated else None
        visitor, signed = None, None
        if user is None:
            data = WsTicketInSerializer(data=request.data)
            data.is_valid(raise_exception=True)
            signed = data.validated_data.get("visitor_id") or None
            visitor = visitor_id_from(signed)
            if visitor is None and NewVisitorThrottle().allow_request(request, self):
                visitor, signed = visitor_id_new()
            elif visitor is None:
                signed = None
        ticket = ws_ticket_issue(user=user, visitor=visitor)
        return Response(WsTicketSerializer({"ticket": ticket, "expires_in": TICKET_TTL_SECONDS,
                                            "url": f"/ws/notifications/?ticket={ticket}",
                                            "visitor": user is None, "visitor_id": signed}).data,
                        status=status.HTTP_201_CREATED)
