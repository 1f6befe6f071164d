from __future__ import annotations

from celery import shared_task

from realtime.support_emails import support_reply_email_send
from realtime.support_models import Message


@shared_task(bind=True, max_retries=5, default_retry_delay=60)
def send_support_reply_email(self, message_id: int) -> dict:
    message = Message.objects.select_related("conversation").filter(pk=message_id).first()
    if message is None:
        return {"sent": False}
    try:
        support_reply_email_send(message=message)
    except OSError as exc:  # SMTP refused or unreachable: try again later
        raise self.retry(exc=exc) from exc
    return {"sent": True, "to": message.conversation.email}
