from django.apps import AppConfig


class BillingConfig(AppConfig):
    name = "billing"
    verbose_name = "Billing"

    def ready(self) -> None:
        from billing import stripe_accounts  # noqa: F401 - registers the shop webhook's handlers
