"""The demo shop's order history: the data set's real invoices for the demo products, with their
dates shifted so the last one is now. Written with COPY, not through the order services, so
none of the order signals (e-mails, live notifications, recommendation events) fire for them."""
from __future__ import annotations

import csv
import gzip
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

from django.db import connection
from django.utils import timezone

from saas.accounts.models import Role, User
from storefront.demo import DATA_DIR, INVOICES
from storefront.demo.copy import bulk_copy
from storefront.models import (
    Order,
    OrderEvent,
    OrderLine,
    OrderStatus,
    Payment,
    PaymentStatus,
    ProductVariant,
    ShopSettings,
)
from storefront.payments import AttemptStatus, gateway
from storefront.pricing import money

KEY_PREFIX = "demo-invoice-"
# A status is reached this long after the order was placed; an order is as far along as its age allows.
TIMELINE = [(OrderStatus.PLACED, timedelta(0)), (OrderStatus.PAID, timedelta(0)),
            (OrderStatus.PROCESSING, timedelta(hours=20)), (OrderStatus.SHIPPED, timedelta(days=2)),
            (OrderStatus.DELIVERED, timedelta(days=5))]


@dataclass
class Invoice:
    number: str
    minutes: int
    customer: str
    country: str
    postage: Decimal
    lines: list[tuple[str, int, Decimal]] = field(default_factory=list)


def read_invoices() -> list[Invoice]:
    invoices: dict[str, Invoice] = {}
    with gzip.open(DATA_DIR / INVOICES, "rt", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            invoice = invoices.get(row["invoice"])
            if invoice is None:
                invoice = invoices[row["invoice"]] = Invoice(
                    row["invoice"], int(row["minutes_before_end"]), row["customer"], row["country"],
                    Decimal(row["postage"] or "0"))
            invoice.lines.append((row["stock_code"], int(row["quantity"]), Decimal(row["unit_price"])))
    return list(invoices.values())


def history_loaded() -> bool:
    return Order.objects.filter(idempotency_key__startswith=KEY_PREFIX).exists()


def _shopper_customer(invoices: list[Invoice]) -> str:
    """The pseudonymous customer whose history the demo shopper signs in to: a regular with an
    order still on its way if there is one, so order history and "buy again" have something to show."""
    counts: dict[str, int] = {}
    last: dict[str, int] = {}
    for invoice in invoices:
        if invoice.customer:
            counts[invoice.customer] = counts.get(invoice.customer, 0) + 1
            last[invoice.customer] = min(invoice.minutes, last.get(invoice.customer, invoice.minutes))
    newest = min(last.values(), default=0)
    for days in (4, 20, 400):
        regulars = sorted((abs(n - 8), c) for c, n in counts.items() if last[c] - newest < days * 24 * 60)
        if regulars:
            return regulars[0][1]
    return ""


def _customers(invoices: list[Invoice], now: datetime, shopper: User | None, shopper_hash: str) -> dict[str, User]:
    first_seen: dict[str, datetime] = {}
    for invoice in invoices:
        if invoice.customer and invoice.customer != shopper_hash:
            when = now - timedelta(minutes=invoice.minutes)  # about when they joined: a few minutes either way
            first_seen[invoice.customer] = min(when, first_seen.get(invoice.customer, when))
    emails = {f"customer-{c}@example.com": c for c in first_seen}
    existing = {u.email: u for u in User.objects.filter(email__in=emails)}
    new = []
    for email, customer in emails.items():
        if email not in existing:
            user = User(email=email, full_name=f"Customer {customer[:6]}", role=Role.CUSTOMER,
                        date_joined=first_seen[customer])
            user.set_unusable_password()  # pseudonymous accounts: nobody signs in as them
            new.append(user)
    User.objects.bulk_create(new, batch_size=1000)
    users = {emails[u.email]: u for u in [*existing.values(), *new]}
    if shopper is not None and shopper_hash:
        users[shopper_hash] = shopper
    return users


def history_load(*, shopper_email: str | None = None, now: datetime | None = None) -> int:
    """Loads the invoices whose products are in the catalogue; returns how many orders it wrote."""
    now = now or timezone.now()
    variants = {v.sku: v for v in ProductVariant.objects.select_related("product")}
    invoices = [i for i in read_invoices() if any(code in variants for code, _, _ in i.lines)]
    if not invoices:
        return 0
    newest = min(i.minutes for i in invoices)  # the newest invoice kept is placed now
    shopper = User.objects.filter(email=shopper_email).first() if shopper_email else None
    shopper_hash = _shopper_customer(invoices) if shopper is not None else ""
    users = _customers(invoices, now, shopper, shopper_hash)
    settings = ShopSettings.load()
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                       [Order._meta.db_table, len(invoices)])
        ids = [row[0] for row in cursor.fetchall()]
    orders: list[dict] = []
    lines: list[dict] = []
    events: list[dict] = []
    payments: list[dict] = []
    charge_gateway = gateway().name
    for pk, invoice in zip(ids, invoices, strict=True):
        placed = now - timedelta(minutes=invoice.minutes - newest)
        reached = [(status, placed + after) for status, after in TIMELINE if placed + after <= now]
        status = reached[-1][0]
        subtotal = Decimal("0.00")
        for code, quantity, price in invoice.lines:
            variant = variants.get(code)
            if variant is None:
                continue
            total = money(price * quantity)
            subtotal += total
            lines.append({"order_id": pk, "product_id": variant.product_id, "variant_id": variant.pk,
                          "product_slug": variant.product.slug, "product_title": variant.product.title,
                          "variant_title": variant.title, "sku": variant.sku, "unit_price": price,
                          "quantity": quantity, "line_total": total})
        taxable = subtotal + invoice.postage
        if settings.prices_include_tax:
            tax, total = money(taxable * settings.tax_rate / (100 + settings.tax_rate)), taxable
        else:
            tax = money(taxable * settings.tax_rate / 100)
            total = taxable + tax
        user = users.get(invoice.customer)
        shipped = status in (OrderStatus.SHIPPED, OrderStatus.DELIVERED)
        orders.append({
            "id": pk, "number": str(1000 + pk), "user_id": user.pk if user else None,
            "email": user.email if user else f"guest-{invoice.number}@example.com", "status": status,
            "payment_status": PaymentStatus.PAID, "currency": "GBP", "subtotal": subtotal,
            "shipping_total": invoice.postage, "tax_total": tax, "total": money(total),
            "shipping_address": {"full_name": user.full_name if user else "Guest customer",
                                 "line1": "Address withheld", "line2": "", "city": "Demo data", "postcode": "",
                                 "country": invoice.country or "GB"},
            "shipping_method": "Standard delivery", "idempotency_key": f"{KEY_PREFIX}{invoice.number}",
            "tracking_number": f"RR{invoice.number}GB" if shipped else "",
            "created_at": placed, "updated_at": reached[-1][1]})
        events.extend({"order_id": pk, "status": s, "created_at": at, "note": _note(s, invoice.number)}
                      for s, at in reached)
        payments.append({"order_id": pk, "amount": money(total), "currency": "GBP", "gateway": charge_gateway,
                         "reference": f"demo_{invoice.number}", "succeeded": True, "card_last4": "4242",
                         "kind": "charge", "status": AttemptStatus.SUCCEEDED,
                         "idempotency_key": f"{KEY_PREFIX}{invoice.number}:charge",
                         "created_at": placed})
    bulk_copy(Order, orders)
    bulk_copy(OrderLine, lines)
    bulk_copy(OrderEvent, events)
    bulk_copy(Payment, payments)
    return len(orders)


def history_payments_repair() -> int:
    """A history loaded before its payments had a status showed every paid order's payment as
    failed (the column's default); marks those charges succeeded, as they always were."""
    return (Payment.objects.filter(idempotency_key__startswith=KEY_PREFIX, succeeded=True)
            .exclude(status=AttemptStatus.SUCCEEDED).update(status=AttemptStatus.SUCCEEDED))


def _note(status: str, number: str) -> str:
    return f"Tracking number RR{number}GB" if status == OrderStatus.SHIPPED else ""
