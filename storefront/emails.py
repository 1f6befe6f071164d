"""Order e-mails, sent by Celery tasks queued after commit (storefront.tasks.send_order_email).

Each goes out once per order and kind (an OrderEmail row is written first; a task delivered
twice finds it). From: the shop's name at the platform's sending address (mail from a shop's
own domain would fail SPF/DMARC checks), Reply-To: the shop's contact address when it has one.
Guests' e-mails carry the order link with its access token."""
from __future__ import annotations

from dataclasses import dataclass
from email.utils import formataddr, parseaddr
from urllib.parse import quote

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django_tenants.utils import schema_context

from saas.kernel.events import subscribe
from saas.kernel.tenancy import current_schema
from storefront import events
from storefront.checkout import order_token_for
from storefront.models import Order, OrderEmail, OrderEmailKind, OrderStatus, PaymentStatus, ShopSettings
from storefront.order_labels import order_label
from storefront.preferences import ORDER_EMAIL_KINDS, email_wanted

STATUS_EMAILS: dict[str, str] = {OrderStatus.PAID: OrderEmailKind.PAYMENT, OrderStatus.SHIPPED: OrderEmailKind.SHIPPED,
                 OrderStatus.DELIVERED: OrderEmailKind.DELIVERED,
                 OrderStatus.CANCELLED: OrderEmailKind.CANCELLED, OrderStatus.REFUNDED: OrderEmailKind.REFUNDED}


@dataclass(frozen=True)
class Shop:
    name: str
    url: str
    contact_email: str


def _shop() -> Shop:
    from tenants.models import Domain
    from tenants.models import Shop as ShopModel
    from tenants.selectors import shop_url

    shop = ShopModel.objects.get(schema_name=current_schema())
    primary = Domain.objects.filter(tenant=shop, is_primary=True).values_list("domain", flat=True).first()
    return Shop(name=shop.name, url=shop_url(shop, primary), contact_email=ShopSettings.load().contact_email)


def order_link(order: Order, shop_url: str) -> str:
    link = f"{shop_url}/orders/{order.pk}"
    return link if order.user_id else f"{link}?token={quote(order_token_for(order), safe='')}"


def _money(order: Order, value) -> str:
    return f"{value:.2f} {order.currency}"


def order_message(*, order: Order, kind: str) -> tuple[str, str, list[str]]:
    """Subject, heading and paragraphs of one kind of order e-mail; the notification inbox
    shows the same words (realtime.notifications), so the two never tell different stories."""
    n, total = order_label(order.number), _money(order, order.total)
    in_n = order_label(order.number, mid_sentence=True)
    paid = order.payment_status == PaymentStatus.PAID
    if kind == OrderEmailKind.CONFIRMATION:
        if paid:
            return (f"{n} confirmed", "Thank you for your order",
                    [f"We have received your {in_n} and your payment of {total}. We will let you know when it "
                     "ships."])
        return (f"{n} received: payment needed", "Thank you for your order",
                [f"We have received your {in_n}, but it is not paid yet. Pay {total} from the order page "
                 "(link below) to keep it: unpaid orders are released after a while."])
    if kind == OrderEmailKind.PAYMENT:
        return (f"Payment received for {in_n}", "Payment received",
                [f"We have received your payment of {total} for {in_n}. We will let you know when it ships."])
    if kind == OrderEmailKind.SHIPPED:
        lines = [f"{n} is on its way."]
        if order.tracking_number:
            lines.append(f"Tracking number: {order.tracking_number}")
        return f"{n} has shipped", "Your order has shipped", lines
    if kind == OrderEmailKind.DELIVERED:
        return f"{n} delivered", "Your order has arrived", [f"{n} has been delivered. Enjoy!"]
    if kind == OrderEmailKind.CANCELLED:
        lines = [f"{n} has been cancelled."]
        if order.payment_status in (PaymentStatus.PAID, PaymentStatus.REFUNDED):
            lines.append(f"Your payment of {total} is refunded to the card you paid with.")
        return f"{n} cancelled", "Your order has been cancelled", lines
    return (f"Refund for {in_n}", "Your refund is on its way",
            [f"We have refunded {total} for {in_n} to the card you paid with. Banks take a few days to show it."])


def order_email_build(*, order: Order, kind: str) -> EmailMultiAlternatives:
    shop = _shop()
    subject, heading, paragraphs = order_message(order=order, kind=kind)
    context = {"shop": shop, "order": order, "heading": heading, "paragraphs": paragraphs,
               "lines": [{"title": " / ".join(p for p in (line.product_title, line.variant_title) if p),
                          "quantity": line.quantity, "total": _money(order, line.line_total)}
                         for line in order.lines.all()],
               "totals": [(label, _money(order, value)) for label, value in (
                   ("Subtotal", order.subtotal), ("Discount", -order.discount_total),
                   ("Shipping", order.shipping_total), ("Total", order.total))
                   if value or label in ("Subtotal", "Total")],
               "order_label": order_label(order.number), "link": order_link(order, shop.url),
               "is_guest": order.user_id is None}
    address = parseaddr(settings.DEFAULT_FROM_EMAIL)[1] or "no-reply@localhost"
    mail = EmailMultiAlternatives(
        subject=f"{subject} · {shop.name}", body=render_to_string("storefront/emails/order.txt", context),
        from_email=formataddr((shop.name, address)), to=[order.email],
        reply_to=[shop.contact_email] if shop.contact_email else None)
    mail.attach_alternative(render_to_string("storefront/emails/order.html", context), "text/html")
    return mail


def order_email_send(*, order: Order, kind: str) -> bool:
    """Sends one kind of e-mail for an order once; False when it was sent already. A paid
    order's confirmation also stands for its payment e-mail."""
    kinds = [kind]
    if kind == OrderEmailKind.CONFIRMATION and order.payment_status == PaymentStatus.PAID:
        kinds.append(OrderEmailKind.PAYMENT)
    try:
        with transaction.atomic():
            for k in kinds:
                if k == kind or not OrderEmail.objects.filter(order=order, kind=k).exists():
                    OrderEmail.objects.create(order=order, kind=k, to=order.email)
            order_email_build(order=order, kind=kind).send()  # a failure rolls the rows back: retried
    except IntegrityError:
        return False
    return True


def _queue(schema_name: str, order_id: int, kind: str, user_id: int | None) -> None:
    from storefront.tasks import send_order_email

    if not email_wanted(user_id=user_id, kind=ORDER_EMAIL_KINDS[kind]):
        return
    with schema_context(schema_name):  # the task runs in the schema it was queued from
        # nobody waits for the answer: without ignore_result, Celery's Redis backend subscribes to
        # the task's result channel and unsubscribes again (two more round trips per e-mail)
        send_order_email.apply_async((order_id, kind), ignore_result=True)


@subscribe(events.OrderPlaced)
def _on_placed(event: events.OrderPlaced) -> None:
    _queue(event.schema_name, event.order_id, OrderEmailKind.CONFIRMATION, event.user_id)


@subscribe(events.OrderStatusChanged)
def _on_status(event: events.OrderStatusChanged) -> None:
    if event.status in STATUS_EMAILS:
        _queue(event.schema_name, event.order_id, STATUS_EMAILS[event.status], event.user_id)
