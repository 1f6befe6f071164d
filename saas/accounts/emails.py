from __future__ import annotations

from django.core.mail import send_mail
from django.db import connection

from saas.accounts.models import User


def _place_name() -> str:
    tenant = getattr(connection, "tenant", None)
    return getattr(tenant, "name", None) or "Shopyard"


def welcome_email_send(*, user: User) -> None:
    place = _place_name()
    send_mail(
        subject=f"Welcome to {place}",
        message=f"Hello{(' ' + user.full_name) if user.full_name else ''},\n\nyour account at {place} is ready: "
                f"sign in with {user.email}.\n",
        from_email=None,
        recipient_list=[user.email],
    )
