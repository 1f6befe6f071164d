from django.apps import AppConfig


class TenantsConfig(AppConfig):
    name = "tenants"
    verbose_name = "Shops and plans"

    def ready(self) -> None:
        from saas.kernel.spa import shop_config_part
        from tenants import limits, usage

        usage.register_defaults()

        @shop_config_part
        def plan_features(shop) -> dict:
            # read at every page load: a shop that upgrades sees its new features on the next one
            return {"features": {"recommendations": limits.limits_for(shop).recommendations_included}}
