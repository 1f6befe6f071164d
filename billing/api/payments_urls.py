from django.urls import path

from billing.api import payments_views as views

urlpatterns = [
    path("stripe-account/", views.StripeAccountView.as_view(), name="billing-stripe-account"),
    path("payment-config/", views.PaymentConfigView.as_view(), name="billing-payment-config"),
    path("webhooks/stripe/", views.ShopStripeWebhookView.as_view(), name="billing-shop-stripe-webhook"),
]
