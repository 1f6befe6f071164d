from django.urls import path

from tenants.api import views

platform_urlpatterns = [
    path("plans/", views.PlanListView.as_view(), name="platform-plans"),
    path("shops/", views.MyShopsView.as_view(), name="platform-shops"),
    path("shops/<int:shop_id>/dashboard-handoff/", views.DashboardHandoffView.as_view(), name="platform-handoff"),
    path("shops/<int:shop_id>/domains/", views.ShopDomainsView.as_view(), name="platform-shop-domains"),
    path("shops/<int:shop_id>/domains/<int:domain_id>/", views.ShopDomainView.as_view(), name="platform-shop-domain"),
    path("subdomains/<str:subdomain>/", views.SubdomainView.as_view(), name="platform-subdomain"),
    path("admin/shops/", views.AdminShopListView.as_view(), name="admin-shops"),
    path("admin/shops/<int:shop_id>/suspend/", views.AdminShopSuspendView.as_view(), name="admin-shop-suspend"),
    path("admin/shops/<int:shop_id>/reactivate/", views.AdminShopReactivateView.as_view(),
         name="admin-shop-reactivate"),
]
