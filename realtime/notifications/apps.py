from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    """The shopper's stored inbox, promotions and the merchant's live feed. A sub-app of
    realtime with its own label, so its tables and migrations stay apart from support chat's."""

    name = "realtime.notifications"
    label = "notifications"
    verbose_name = "Notifications"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from realtime.notifications import receivers  # noqa: F401
