"""The answer by e-mail when the shopper wrote while nobody was online, with a link back to
the conversation. The link carries a signed key (not the guest's secret, which only the
browser has): opening it gives a guest a fresh secret for that conversation."""
from __future__ import annotations

from email.utils import formataddr, parseaddr

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage

from realtime.support_models import Conversation, Message
from saas.kernel.tenancy import current_schema, site_url

LINK_MAX_AGE_SECONDS = 30 * 24 * 3600


def _salt() -> str:
    return f"support-link:{current_schema()}"


def conversation_link(conversation: Conversation) -> str:
    key = signing.dumps({"c": conversation.pk}, salt=_salt(), compress=True)
    return f"{site_url()}/support/{conversation.pk}?key={key}"


def conversation_from_link(*, conversation_id: int, key: str) -> Conversation | None:
    try:
        data = signing.loads(key, salt=_salt(), max_age=LINK_MAX_AGE_SECONDS)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("c") != conversation_id:
        return None
    return Conversation.objects.filter(pk=conversation_id).first()


def support_reply_email_send(*, message: Message) -> None:
    from tenants.models import Shop

    conv = message.conversation
    shop_name = Shop.objects.values_list("name", flat=True).get(schema_name=current_schema())
    link = conversation_link(conv)
    body = (f"Hello {conv.name},\n\n{message.author_name} from {shop_name} answered your message "
            f"\"{conv.subject}\":\n\n{message.body}\n\nContinue the conversation: {link}\n")
    address = parseaddr(settings.DEFAULT_FROM_EMAIL)[1] or "no-reply@localhost"
    EmailMessage(subject=f"{shop_name} answered: {conv.subject}", body=body,
                 from_email=formataddr((shop_name, address)), to=[conv.email]).send()
