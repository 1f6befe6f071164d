from __future__ import annotations

from django.core.mail import send_mail
from django.db import connection

from saas.accounts.models import User


def _place_name() -> str:
    tenant = getattr(connection, "tenant", None)
    return getattr(tenant, "name", None) or "Shopyard"


def welcome_email_send(*, user: User, verify_link: str = "") -> None:
    place = _place_name()
    confirm = ""
    if verify_link:
        confirm = f"\nPlease confirm your e-mail address (the link is valid for 3 days):\n{verify_link}\n"
    send_mail(
        subject=f"Welcome to {place}",
        message=f"Hello{(' ' + user.full_name) if user.full_name else ''},\n\nyour account at {place} is ready: "
                f"sign in with {user.email}.\n{confirm}",
        from_email=None,
        recipient_list=[user.email],
    )


def password_reset_email_send(*, user: User, link: str, minutes: int) -> None:
    place = _place_name()
    send_mail(
        subject=f"Reset your password at {place}",
        message=f"Someone asked to reset the password of {user.email} at {place}.\n\n"
                f"Choose a new password here (the link works once, for {minutes} minutes):\n{link}\n\n"
                "If it was not you, ignore this e-mail: your password stays as it is.\n",
        from_email=None,
        recipient_list=[user.email],
    )


def verification_email_send(*, user: User, link: str) -> None:
    place = _place_name()
    send_mail(
        subject=f"Confirm your e-mail address for {place}",
        message=f"Confirm that {user.email} is yours by opening this link (valid for 3 days):\n{link}\n",
        from_email=None,
        recipient_list=[user.email],
    )


def staff_invitation_email_send(*, email: str, role: str, inviter: str, link: str) -> None:
    place = _place_name()
    send_mail(
        subject=f"You are invited to the {place} team",
        message=f"{inviter} invites you to join {place} as {role}.\n\n"
                f"Accept the invitation and choose your password here (valid for 7 days):\n{link}\n",
        from_email=None,
        recipient_list=[email],
    )
