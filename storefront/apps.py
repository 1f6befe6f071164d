from django.apps import AppConfig


class StorefrontConfig(AppConfig):
    name = "storefront"
    verbose_name = "Storefront"

    def ready(self) -> None:
        from tenants import usage

        usage.register("products", "(SELECT count(*) FROM {schema}.storefront_product)")
