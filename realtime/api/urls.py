from django.urls import path

from realtime.api import views

urlpatterns = [
    path("ws-ticket/", views.WebsocketTicketView.as_view(), name="ws-ticket"),
]
