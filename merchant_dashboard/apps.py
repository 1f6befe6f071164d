from django.apps import AppConfig


class MerchantDashboardConfig(AppConfig):
    name = "merchant_dashboard"
    verbose_name = "Merchant dashboard"
