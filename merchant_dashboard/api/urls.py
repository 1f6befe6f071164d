from django.urls import path

from merchant_dashboard.api import staff_views
from merchant_dashboard.api import views as v

urlpatterns = [
    path("overview/", v.OverviewView.as_view(), name="dashboard-overview"),
    path("staff/", v.StaffListView.as_view(), name="dashboard-staff"),
    path("staff/invitations/", staff_views.StaffInvitationsView.as_view(), name="dashboard-staff-invitations"),
    path("staff/invitations/<int:invitation_id>/", staff_views.StaffInvitationView.as_view(),
         name="dashboard-staff-invitation"),
    path("staff/<int:member_id>/", staff_views.StaffMemberView.as_view(), name="dashboard-staff-member"),
    path("products/", v.ProductsView.as_view(), name="dashboard-products"),
    path("products/import/", v.ImportView.as_view(), name="dashboard-import"),
    path("products/export/", v.ExportView.as_view(), name="dashboard-export"),
    path("products/<int:product_id>/", v.ProductView.as_view(), name="dashboard-product"),
    path("products/<int:product_id>/images/", v.ProductImagesView.as_view(), name="dashboard-images"),
    path("products/<int:product_id>/images/order/", v.ProductImagesOrderView.as_view(),
         name="dashboard-images-order"),
    path("products/<int:product_id>/images/<int:image_id>/", v.ProductImageView.as_view(), name="dashboard-image"),
    path("imports/<int:job_id>/", v.ImportJobView.as_view(), name="dashboard-import-job"),
    path("categories/", v.CategoriesView.as_view(), name="dashboard-categories"),
    path("orders/", v.OrdersView.as_view(), name="dashboard-orders"),
    path("orders/<int:order_id>/", v.OrderView.as_view(), name="dashboard-order"),
    path("orders/<int:order_id>/fulfil/", v.OrderFulfilView.as_view(), name="dashboard-order-fulfil"),
    path("orders/<int:order_id>/cancel/", v.OrderCancelView.as_view(), name="dashboard-order-cancel"),
    path("orders/<int:order_id>/refund/", v.OrderRefundView.as_view(), name="dashboard-order-refund"),
    path("customers/", v.CustomersView.as_view(), name="dashboard-customers"),
    path("customers/<int:customer_id>/", v.CustomerView.as_view(), name="dashboard-customer"),
    path("discounts/", v.DiscountsView.as_view(), name="dashboard-discounts"),
    path("discounts/<int:item_id>/", v.DiscountView.as_view(), name="dashboard-discount"),
    path("shipping-rates/", v.ShippingRatesView.as_view(), name="dashboard-shipping-rates"),
    path("shipping-rates/<int:item_id>/", v.ShippingRateView.as_view(), name="dashboard-shipping-rate"),
    path("shipping-zones/", v.ShippingZonesView.as_view(), name="dashboard-shipping-zones"),
    path("shipping-zones/<int:item_id>/", v.ShippingZoneView.as_view(), name="dashboard-shipping-zone"),
    path("tax-rates/", v.TaxRatesView.as_view(), name="dashboard-tax-rates"),
    path("tax-rates/<int:item_id>/", v.TaxRateView.as_view(), name="dashboard-tax-rate"),
    path("settings/", v.SettingsView.as_view(), name="dashboard-settings"),
]
