from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from realtime.services import TICKET_TTL_SECONDS, ws_ticket_issue
from saas.kernel.api import ShopAPIView


class WsTicketSerializer(serializers.Serializer):
    ticket = serializers.CharField()
    expires_in = serializers.IntegerField()
    url = serializers.CharField()


class WebsocketTicketView(ShopAPIView):
    @extend_schema(request=None, responses={201: WsTicketSerializer})
    def post(self, request):
        ticket = ws_ticket_issue(user=request.user)
        return Response(WsTicketSerializer({"ticket": ticket, "expires_in": TICKET_TTL_SECONDS,
                                            "url": f"/ws/notifications/?ticket={ticket}"}).data,
                        status=status.HTTP_201_CREATED)
