from django.urls import include, path

from realtime.api import views
from realtime.notifications.api import urls as inbox_urls

urlpatterns = [
    path("ws-ticket/", views.WebsocketTicketView.as_view(), name="ws-ticket"),
    path("", include(inbox_urls.shopper_urlpatterns)),
]
