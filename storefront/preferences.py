"""E-mail preferences: the one list of notification kinds, which of them also come by e-mail
(per signed-in shopper) and their defaults. Storefront owns them so the order e-mails can
read them without knowing the notification inbox; realtime reads the same list."""
from __future__ import annotations

from django.db import transaction

from storefront.models import EmailPreferences, OrderEmailKind

# kind -> (label, e-mailed by default). Promotions by e-mail only with consent.
EMAIL_KINDS: dict[str, tuple[str, bool]] = {
    "order_placed": ("Order confirmations", True),
    "order_paid": ("Payments received", True),
    "order_shipped": ("Shipped orders, with tracking", True),
    "order_delivered": ("Delivered orders", False),
    "order_cancelled": ("Cancelled orders", True),
    "order_refunded": ("Refunds", True),
    "promotion": ("Promotions and offers", False),
    "chat_reply": ("Replies to your support messages", True),
}

ORDER_EMAIL_KINDS: dict[str, str] = {
    OrderEmailKind.CONFIRMATION: "order_placed", OrderEmailKind.PAYMENT: "order_paid",
    OrderEmailKind.SHIPPED: "order_shipped", OrderEmailKind.DELIVERED: "order_delivered",
    OrderEmailKind.CANCELLED: "order_cancelled", OrderEmailKind.REFUNDED: "order_refunded",
}


def email_preferences_of(*, user_id: int) -> dict[str, bool]:
    row = EmailPreferences.objects.filter(user_id=user_id).values_list("choices", flat=True).first() or {}
    return {kind: bool(row.get(kind, default)) for kind, (_, default) in EMAIL_KINDS.items()}


def email_wanted(*, user_id: int | None, kind: str) -> bool:
    """Guests have no preferences: their order e-mails are their only record and always go."""
    if user_id is None:
        return True
    return email_preferences_of(user_id=user_id).get(kind, True)


def email_recipients_wanting(*, user_ids: list[int], kind: str) -> list[int]:
    """Of `user_ids`, those who want `kind` by e-mail (one query, for a fan-out)."""
    default = EMAIL_KINDS[kind][1]
    chosen = dict(EmailPreferences.objects.filter(user_id__in=user_ids).values_list("user_id", "choices"))
    return [uid for uid in user_ids if bool(chosen.get(uid, {}).get(kind, default))]


@transaction.atomic
def email_preferences_update(*, user_id: int, changes: dict[str, bool]) -> dict[str, bool]:
    row, _ = EmailPreferences.objects.select_for_update().get_or_create(user_id=user_id)
    row.choices = {**row.choices, **{k: bool(v) for k, v in changes.items() if k in EMAIL_KINDS}}
    row.save(update_fields=["choices", "updated_at"])
    return email_preferences_of(user_id=user_id)
