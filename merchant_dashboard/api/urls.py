from django.urls import path

from merchant_dashboard.api import views

urlpatterns = [
    path("overview/", views.OverviewView.as_view(), name="dashboard-overview"),
    path("staff/", views.StaffListView.as_view(), name="dashboard-staff"),
]
