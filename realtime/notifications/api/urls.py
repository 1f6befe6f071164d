from django.urls import path

from realtime.notifications.api import views

shopper_urlpatterns = [
    path("", views.InboxView.as_view(), name="notifications"),
    path("state/", views.InboxStateView.as_view(), name="notifications-state"),
    path("read/", views.MarkReadView.as_view(), name="notifications-read"),
]
promotions_urlpatterns = [
    path("", views.PromotionsView.as_view(), name="dashboard-promotions"),
    path("<int:promotion_id>/", views.PromotionView.as_view(), name="dashboard-promotion"),
]
feed_urlpatterns = [
    path("", views.FeedView.as_view(), name="dashboard-feed"),
]
