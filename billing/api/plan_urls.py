from django.urls import path

from billing.api import plan_views as v

# on a shop's host, under /api/billing/
shop_urlpatterns = [
    path("plan/", v.BillingView.as_view(), name="billing-plan"),
    path("card/setup/", v.CardSetupView.as_view(), name="billing-card-setup"),
    path("card/", v.CardView.as_view(), name="billing-card"),
    path("invoices/", v.InvoicesView.as_view(), name="billing-invoices"),
    path("pay/", v.PayNowView.as_view(), name="billing-pay"),
]
# on the root domain, under /api/billing/
platform_urlpatterns = [
    path("webhooks/stripe/", v.PlatformStripeWebhookView.as_view(), name="billing-platform-webhook"),
]
# on the root domain, under /api/platform/admin/
admin_urlpatterns = [
    path("shops/<int:shop_id>/comp/", v.AdminCompView.as_view(), name="admin-shop-comp"),
]
