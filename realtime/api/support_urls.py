from django.urls import path

from realtime.api import support_views as v

shopper_urlpatterns = [
    path("status/", v.ExpectationView.as_view(), name="support-status"),
    path("conversations/", v.ShopperConversationsView.as_view(), name="support-conversations"),
    path("conversations/<int:pk>/", v.ShopperConversationView.as_view(), name="support-conversation"),
    path("conversations/<int:pk>/messages/", v.ShopperMessagesView.as_view(), name="support-messages"),
    path("conversations/<int:pk>/read/", v.ShopperReadView.as_view(), name="support-read"),
    path("ticket/", v.ShopperTicketView.as_view(), name="support-ticket"),
    path("resume/", v.ResumeView.as_view(), name="support-resume"),
]

dashboard_urlpatterns = [
    path("conversations/", v.InboxListView.as_view(), name="inbox-conversations"),
    path("conversations/<int:pk>/", v.InboxConversationView.as_view(), name="inbox-conversation"),
    path("conversations/<int:pk>/messages/", v.InboxMessagesView.as_view(), name="inbox-messages"),
    path("conversations/<int:pk>/assign/", v.InboxAssignView.as_view(), name="inbox-assign"),
    path("conversations/<int:pk>/close/", v.InboxCloseView.as_view(), name="inbox-close"),
    path("conversations/<int:pk>/read/", v.InboxReadView.as_view(), name="inbox-read"),
    path("staff/", v.InboxStaffView.as_view(), name="inbox-staff"),
    path("ticket/", v.InboxTicketView.as_view(), name="inbox-ticket"),
]
