from channels.routing import URLRouter
from django.urls import path

from realtime.consumers import NotificationConsumer
from realtime.support_consumers import SupportConsumer
from tenants.asgi import ShopWebsocketMiddleware

websocket_urlpatterns = [
    path("ws/notifications/", NotificationConsumer.as_asgi()),
    path("ws/support/", SupportConsumer.as_asgi()),
]

websocket_application = ShopWebsocketMiddleware(URLRouter(websocket_urlpatterns))
