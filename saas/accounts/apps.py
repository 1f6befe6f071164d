from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "saas.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        # allauth/simplejwt may load keys lazily; importing here avoids a first-request failure.
        import cryptography.hazmat.primitives.serialization  # noqa: F401

        import saas.schema  # noqa: F401  (registers the OpenAPI auth extension)
