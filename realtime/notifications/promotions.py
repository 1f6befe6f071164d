"""Promotions: the merchant writes one, a Celery task stores it in each chosen shopper's inbox
in bulk (pushed live to those online), shows it live to visitors when public, and e-mails
those who asked for promotions by e-mail."""
from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Count, F, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django_tenants.utils import schema_context

from realtime.notifications.models import Audience, Kind, Notification, Promotion, PromotionStatus, PromotionVisitor
from realtime.notifications.services import Draft, notifications_create, visitors_broadcast
from saas.accounts.models import Role, User
from saas.kernel.errors import AppError, ErrorCode
from saas.kernel.tenancy import current_schema
from storefront.models import Category, DiscountCode, Order
from storefront.preferences import email_recipients_wanting

CHUNK = 500


def _link_ok(link: str) -> bool:
    # A path on this shop, or a web address: never javascript: or data: URLs.
    return link == "" or (link.startswith("/") and not link.startswith("//")) or link.startswith(
        ("https://", "http://"))


def promotion_create(*, created_by: User, title: str, text: str, audience: str, link: str = "",
                     discount_code: str = "", category_id: int | None = None, inactive_days: int | None = None,
                     is_public: bool = False) -> Promotion:
    fields: dict[str, list[str]] = {}
    link, code = link.strip(), discount_code.strip().upper()
    if not _link_ok(link):
        fields["link"] = ["Use a path on this shop (/...) or a web address (https://...)."]
    if code and not DiscountCode.objects.filter(code=code).exists():
        fields["discount_code"] = ["No discount code with this name exists."]
    category = None
    if audience == Audience.CATEGORY:
        category = Category.objects.filter(pk=category_id).first() if category_id else None
        if category is None:
            fields["category_id"] = ["Choose a category."]
    if audience == Audience.LAPSED and not inactive_days:
        fields["inactive_days"] = ["Say after how many days without an order."]
    if is_public and audience != Audience.ALL:
        fields["is_public"] = ["Only a promotion to all shoppers can be shown to visitors."]
    if fields:
        raise AppError(ErrorCode.VALIDATION_ERROR, "Check the promotion.", fields=fields)
    promotion = Promotion.objects.create(
        title=title.strip(), text=text.strip(), link=link, discount_code=code, audience=audience, category=category,
        inactive_days=inactive_days if audience == Audience.LAPSED else None, is_public=is_public,
        created_by=created_by)
    schema = current_schema()
    transaction.on_commit(lambda: _queue(schema, promotion.pk))
    return promotion


def _queue(schema_name: str, promotion_id: int) -> None:
    from realtime.notifications.tasks import send_promotion

    with schema_context(schema_name):
        send_promotion.delay(promotion_id)


def _categories_under(category_id: int) -> list[int]:
    ids, frontier = {category_id}, [category_id]
    while frontier:
        frontier = [c for c in Category.objects.filter(parent_id__in=frontier).values_list("id", flat=True)
                    if c not in ids]
        ids.update(frontier)
    return list(ids)


def promotion_audience(*, promotion: Promotion) -> QuerySet[User]:
    customers = User.objects.filter(role=Role.CUSTOMER, is_active=True)
    if promotion.audience == Audience.CATEGORY:
        if promotion.category_id is None:
            return customers.none()
        buyers = Order.objects.filter(lines__product__category_id__in=_categories_under(promotion.category_id),
                                      user__isnull=False).values("user_id")
        return customers.filter(pk__in=buyers)
    if promotion.audience == Audience.LAPSED:
        since = timezone.now() - timedelta(days=promotion.inactive_days or 0)
        recent = Order.objects.filter(created_at__gte=since, user__isnull=False).values("user_id")
        # Never ordered counts as lapsed once the account is that old.
        return customers.exclude(pk__in=recent).filter(date_joined__lt=since)
    return customers


def _draft(promotion: Promotion) -> Draft:
    body = promotion.text + (f"\nUse code {promotion.discount_code}." if promotion.discount_code else "")
    return Draft(kind=Kind.PROMOTION, title=promotion.title, body=body, link=promotion.link,
                 data={"promotion_id": promotion.pk, "discount_code": promotion.discount_code})


def promotion_public_frame(promotion: Promotion) -> dict:
    return {"type": "promotion", "id": promotion.pk, "title": promotion.title, "body": _draft(promotion).body,
            "link": promotion.link, "discount_code": promotion.discount_code}


def promotion_deliver(*, promotion_id: int) -> Promotion | None:
    """Idempotent: a task run twice (or after a crash mid-way) skips whoever already has it."""
    with transaction.atomic():
        promotion = Promotion.objects.select_for_update().filter(pk=promotion_id).first()
        if promotion is None or promotion.status == PromotionStatus.SENT:
            return promotion
        promotion.status = PromotionStatus.SENDING
        promotion.save(update_fields=["status"])
    draft = _draft(promotion)
    already = Notification.objects.filter(promotion=promotion).values("recipient_id")
    ids = list(promotion_audience(promotion=promotion).exclude(pk__in=already).order_by("pk")
               .values_list("pk", flat=True))
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        with transaction.atomic():  # one chunk per commit: the first shoppers see it while the rest is stored
            notifications_create(user_ids=chunk, draft=draft, promotion=promotion)
        _email(promotion, chunk)
    if promotion.is_public:
        visitors_broadcast(schema_name=current_schema(), message=promotion_public_frame(promotion))
    promotion.recipients = Notification.objects.filter(promotion=promotion).count()
    promotion.status, promotion.sent_at = PromotionStatus.SENT, timezone.now()
    promotion.save(update_fields=["recipients", "status", "sent_at"])
    return promotion


def _email(promotion: Promotion, user_ids: list[int]) -> None:
    wanting = email_recipients_wanting(user_ids=user_ids, kind=Kind.PROMOTION)
    if not wanting:
        return
    from tenants.models import Shop

    shop_name = Shop.objects.filter(schema_name=current_schema()).values_list("name", flat=True).first() or ""
    body = _draft(promotion).body + (f"\n\n{promotion.link}" if promotion.link else "") + (
        "\n\nYou get this because you asked for promotions by e-mail; change it on your account page.")
    messages = [EmailMessage(subject=f"{promotion.title} · {shop_name}", body=body,
                             from_email=settings.DEFAULT_FROM_EMAIL, to=[email])
                for email in User.objects.filter(pk__in=wanting).values_list("email", flat=True)]
    with get_connection() as conn:  # one connection for the whole chunk
        conn.send_messages(messages)


def _counted(rows: QuerySet) -> Coalesce:
    return Coalesce(Subquery(rows.order_by().values("promotion_id").annotate(n=Count("pk")).values("n")[:1]),
                    Value(0))


def promotions_with_stats() -> QuerySet[Promotion]:
    """Each promotion with how many it reached and how many opened it: shoppers (seen live or
    in the inbox, with what the retention rule has removed since) and visitors shown it live,
    counted once each. One subquery per figure, so the counts never multiply each other."""
    notes = Notification.objects.filter(promotion=OuterRef("pk"))
    visitors = PromotionVisitor.objects.filter(promotion=OuterRef("pk"))
    return Promotion.objects.select_related("category").annotate(
        visitors_reached=_counted(visitors), visitors_opened=_counted(visitors.filter(opened_at__isnull=False)),
        reached=_counted(notes.filter(delivered_at__isnull=False)) + F("pruned_reached") + F("visitors_reached"),
        opened=_counted(notes.filter(read_at__isnull=False)) + F("pruned_opened") + F("visitors_opened"),
    ).order_by("-created_at", "-id")
