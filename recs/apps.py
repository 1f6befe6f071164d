from django.apps import AppConfig


class RecsConfig(AppConfig):
    name = "recs"
    verbose_name = "Recommendations"

    def ready(self) -> None:
        from recs import receivers  # noqa: F401 - connects the storefront signal receivers
