"""Which kinds of notification a signed-in shopper also wants by e-mail."""
from __future__ import annotations

from django.conf import settings
from django.db import models


class EmailPreferences(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, primary_key=True, on_delete=models.CASCADE,
                                related_name="email_preferences")
    # kind -> bool, only the kinds the shopper changed (storefront.preferences has the defaults)
    choices = models.JSONField(default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "e-mail preferences"

    def __str__(self) -> str:
        return f"e-mail preferences of {self.user_id}"
