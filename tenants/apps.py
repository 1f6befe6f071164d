from django.apps import AppConfig


class TenantsConfig(AppConfig):
    name = "tenants"
    verbose_name = "Shops and plans"

    def ready(self) -> None:
        from tenants import usage

        usage.register_defaults()
