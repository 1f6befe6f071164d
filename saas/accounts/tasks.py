"""Tasks stay thin: load by id, call a service. tenant_schemas_celery runs them in the schema
of the shop that queued them, so links and sender names are that shop's."""
from __future__ import annotations

from celery import shared_task

from saas.accounts import emails, recovery
from saas.accounts.models import StaffInvitation, User
from saas.kernel.tenancy import current_schema


@shared_task(bind=True, max_retries=3, default_retry_delay=10)
def send_welcome_email(self, user_id: int) -> dict:
    user = User.objects.get(pk=user_id)
    link = "" if user.email_verified else recovery.email_verification_link(user=user)
    emails.welcome_email_send(user=user, verify_link=link)
    return {"to": user.email, "schema": current_schema()}


@shared_task(bind=True, max_retries=3, default_retry_delay=10)
def send_verification_email(self, user_id: int) -> None:
    user = User.objects.get(pk=user_id)
    emails.verification_email_send(user=user, link=recovery.email_verification_link(user=user))


@shared_task(bind=True, max_retries=3, default_retry_delay=10)
def send_password_reset_email(self, user_id: int) -> None:
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is not None:
        emails.password_reset_email_send(user=user, link=recovery.password_reset_link(user=user),
                                         minutes=recovery.reset_timeout_minutes())


@shared_task(bind=True, max_retries=3, default_retry_delay=10)
def send_staff_invitation_email(self, invitation_id: int, link: str) -> None:
    invitation = StaffInvitation.objects.select_related("invited_by").get(pk=invitation_id)
    inviter = invitation.invited_by.full_name or invitation.invited_by.email if invitation.invited_by else "The shop"
    emails.staff_invitation_email_send(email=invitation.email, role=invitation.get_role_display().lower(),
                                       inviter=inviter, link=link)
