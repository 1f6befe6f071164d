"""Tasks stay thin: load by id, call a service. tenant_schemas_celery runs them in the schema
of the shop that queued them."""
from __future__ import annotations

from celery import shared_task

from saas.accounts.emails import welcome_email_send
from saas.accounts.models import User
from saas.tenancy import current_schema


@shared_task(bind=True, max_retries=3, default_retry_delay=10)
def send_welcome_email(self, user_id: int) -> dict:
    user = User.objects.get(pk=user_id)
    welcome_email_send(user=user)
    return {"to": user.email, "schema": current_schema()}
