from django.urls import path

from tenants.api import plan_views, views

platform_urlpatterns = [
    path("plans/", views.PlanListView.as_view(), name="platform-plans"),
    path("shops/", views.MyShopsView.as_view(), name="platform-shops"),
    path("shops/<int:shop_id>/dashboard-handoff/", views.DashboardHandoffView.as_view(), name="platform-handoff"),
    path("shops/<int:shop_id>/domains/", views.ShopDomainsView.as_view(), name="platform-shop-domains"),
    path("shops/<int:shop_id>/domains/<int:domain_id>/", views.ShopDomainView.as_view(), name="platform-shop-domain"),
    path("subdomains/<str:subdomain>/", views.SubdomainView.as_view(), name="platform-subdomain"),
    path("admin/plans/", plan_views.AdminPlansView.as_view(), name="admin-plans"),
    path("admin/plans/<int:plan_id>/", plan_views.AdminPlanView.as_view(), name="admin-plan"),
    path("admin/shops/", views.AdminShopListView.as_view(), name="admin-shops"),
    path("admin/shops/<int:shop_id>/suspend/", views.AdminShopSuspendView.as_view(), name="admin-shop-suspend"),
    path("admin/shops/<int:shop_id>/reactivate/", views.AdminShopReactivateView.as_view(),
         name="admin-shop-reactivate"),
]
