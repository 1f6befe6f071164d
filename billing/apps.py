from django.apps import AppConfig


class BillingConfig(AppConfig):
    name = "billing"
    verbose_name = "Billing"

    def ready(self) -> None:
        from billing import (
            plan_webhooks,  # noqa: F401  (registers the platform's webhook handlers)
            stripe_accounts,  # noqa: F401 - registers the shop webhook's handlers
        )
