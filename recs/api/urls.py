from django.urls import path

from recs.api import dashboard, views

shopper_urlpatterns = [
    path("events/", views.EventsView.as_view(), name="recs-events"),
    path("products/<slug:slug>/similar/", views.SimilarView.as_view(), name="recs-similar"),
    path("products/<slug:slug>/bought-together/", views.BoughtTogetherView.as_view(), name="recs-bought-together"),
    path("for-you/", views.ForYouView.as_view(), name="recs-for-you"),
    path("trending/", views.TrendingView.as_view(), name="recs-trending"),
    path("cart/", views.CartRecsView.as_view(), name="recs-cart"),
    path("buy-again/", views.BuyAgainView.as_view(), name="recs-buy-again"),
]
dashboard_urlpatterns = [
    path("", dashboard.PanelView.as_view(), name="dash-recs"),
    path("settings/", dashboard.SettingsView.as_view(), name="dash-recs-settings"),
    path("train/", dashboard.TrainView.as_view(), name="dash-recs-train"),
    path("train/<int:version_id>/", dashboard.TrainingStatusView.as_view(), name="dash-recs-training"),
    path("versions/", dashboard.VersionsView.as_view(), name="dash-recs-versions"),
]
