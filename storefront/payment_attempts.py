"""Paying an order, and refunds, in steps that never hold a lock while the provider is asked.

1. record: in a short transaction under the order's row lock, the attempt is checked (the order
   is payable, no other attempt is open) and stored as "creating", then committed;
2. create: the gateway creates and confirms the payment, with the attempt's idempotency key
   (no transaction open);
3. settle: a new short transaction locks the order, then the attempt, and applies the answer
   once; a final attempt never changes again, so a late or repeated answer (a webhook, the
   browser coming back from 3-D Secure, the reconciliation) changes nothing.

An attempt that succeeds on an order that is no longer payable (paid by another attempt, or
cancelled meanwhile) is refunded at once, so no order is paid twice. A crash between the steps
leaves an open attempt, which `payments_reconcile` reads again from the provider (found by its
idempotency key if its reference was never stored)."""
from __future__ import annotations

import logging
import uuid
from dataclasses import replace
from datetime import datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from saas.kernel.errors import AppError, ProviderCode
from saas.kernel.events import publish
from saas.kernel.tenancy import current_schema
from storefront import events
from storefront.errors import StorefrontErrorCode
from storefront.models import Order, OrderEvent, OrderStatus, Payment, PaymentStatus
from storefront.order_labels import order_label
from storefront.payments import (
    OPEN_STATUSES,
    AttemptStatus,
    ChargeResult,
    GatewayUnavailable,
    PaymentGateway,
    gateway,
)
from storefront.pricing import minor_unit, minor_units

DUPLICATE = "duplicate-"  # refund keys: the return of a second payment, which leaves the order as it is
ON_CANCEL = "on-cancel"  # the refund of a cancelled order, which stays cancelled
FINAL = (AttemptStatus.SUCCEEDED, AttemptStatus.FAILED, AttemptStatus.CANCELLED)
logger = logging.getLogger(__name__)
UNREACHABLE_MESSAGE = ("We could not get an answer from the payment provider. Your payment is being checked: "
                       "do not pay again, this page updates when it is confirmed.")


def hold_after_decline(order: Order) -> datetime:
    """A declined charge keeps the order's hold only briefly (never past the unpaid window)."""
    return min(order.created_at + timedelta(minutes=settings.UNPAID_ORDER_MINUTES),
               timezone.now() + timedelta(minutes=settings.DECLINED_HOLD_MINUTES))


def release_when_due(order: Order) -> None:
    from storefront.tasks import release_order

    delay = max((order.hold_until - timezone.now()).total_seconds(), 0) + 1 if order.hold_until else 0
    order_id = order.pk
    transaction.on_commit(lambda: release_order.apply_async((order_id,), countdown=delay))


def attempt_result(attempt: Payment, client_secret: str = "") -> ChargeResult:
    return ChargeResult(attempt.succeeded, attempt.reference, attempt.code, attempt.message, attempt.card_last4,
                        status=attempt.status, client_secret=client_secret)


def payment_details_check(payment: dict, gw: PaymentGateway | None = None) -> None:
    """Details the gateway can refuse without a charge (a mistyped number, a past expiry date)
    are refused before anything is placed or held."""
    problem = (gw or gateway()).validate(payment)
    if problem is not None:
        raise AppError(ProviderCode(problem.code), problem.message,
                       fields={f"payment.{problem.field}": [problem.message]})


def _stale(attempt: Payment, now: datetime | None = None) -> bool:
    return attempt.updated_at < (now or timezone.now()) - timedelta(seconds=settings.PAYMENT_RECONCILE_AFTER_SECONDS)


def attempt_key(order: Order, idempotency_key: str) -> str:
    return f"{current_schema()}:order:{order.pk}:{idempotency_key}"


def order_pay(*, order: Order, payment: dict, idempotency_key: str) -> ChargeResult:
    """Pays the order's total once per idempotency key; a declined card leaves the order
    placed and unpaid, so the shopper can try another card. The answer may be pending:
    `requires_action` carries the client secret the browser authenticates with."""
    key = attempt_key(order, idempotency_key)
    done = Payment.objects.filter(idempotency_key=key).first()
    if done is not None:
        return payment_attempt_replay(attempt=done)
    gw = gateway()
    payment_details_check(payment, gw)
    _close_open_attempts(order)
    attempt, created = _attempt_record(order=order, gw=gw, payment=payment, key=key)
    if not created:  # a concurrent copy of this request recorded it first
        return payment_attempt_replay(attempt=attempt)
    return payment_attempt_charge(order=order, attempt=attempt, gw=gw, payment=payment)


def payment_first_attempt_record(*, order: Order, gw: PaymentGateway, payment: dict, idempotency_key: str
                                 ) -> Payment:
    """Step 1 for an order being placed, inside the transaction that places it: until that
    commits nobody else sees the order, so there is no earlier attempt to find and no lock to
    wait for. Committed together, the order is never without its first attempt."""
    return _attempt_new(order, gw, payment, attempt_key(order, idempotency_key))


def payment_attempt_charge(*, order: Order, attempt: Payment, gw: PaymentGateway, payment: dict) -> ChargeResult:
    """Steps 2 and 3 of a recorded attempt; called with no transaction open."""
    try:
        result = gw.create(amount_minor=attempt.amount_minor or 0, currency=attempt.currency, payment=payment,
                           idempotency_key=attempt.idempotency_key, description=order_label(order.number),
                           metadata={"order_id": str(order.pk), "order_number": order.number,
                                     "shop": current_schema()})
    except GatewayUnavailable:
        return ChargeResult(False, code="payment_unconfirmed", message=UNREACHABLE_MESSAGE,
                            status=AttemptStatus.CREATING)
    return payment_attempt_settle(attempt_id=attempt.pk, result=result, order_id=order.pk)


def _attempt_record(*, order: Order, gw: PaymentGateway, payment: dict, key: str) -> tuple[Payment, bool]:
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order.pk)
        # looked up under the order's lock: a concurrent copy of this request waits, then replays
        done = Payment.objects.filter(idempotency_key=key).first()
        if done is not None:
            return done, False
        if order.payment_status != PaymentStatus.PENDING and order.payment_status != PaymentStatus.FAILED:
            raise AppError(StorefrontErrorCode.ALREADY_PAID, "This order is already paid.", status_code=409)
        if order.status != OrderStatus.PLACED:
            raise AppError(StorefrontErrorCode.NOT_PAYABLE, "This order can no longer be paid.", status_code=409)
        if order.payments.filter(kind="charge", status__in=OPEN_STATUSES).exists():
            raise AppError(StorefrontErrorCode.PAYMENT_IN_PROGRESS,
                           "A payment for this order is already being made. Wait a moment "
                           "and reload the page.", status_code=409)
        return _attempt_new(order, gw, payment, key), True


def _attempt_new(order: Order, gw: PaymentGateway, payment: dict, key: str) -> Payment:
    digits = "".join(ch for ch in str(payment.get("card_number") or "") if ch.isdigit())
    return Payment.objects.create(
        order=order, kind="charge", status=AttemptStatus.CREATING, amount=order.total,
        amount_minor=minor_units(order.total, order.currency), currency=order.currency, gateway=gw.name,
        payment_method=str(payment.get("payment_method") or "")[:120], card_last4=digits[-4:],
        idempotency_key=key)


def _close_open_attempts(order: Order) -> None:
    """Earlier attempts still waiting (for authentication the shopper gave up on, or whose
    answer was lost) are read again and, if still waiting, cancelled, before a new attempt:
    then at most one attempt can ever take the money."""
    for attempt in order.payments.filter(kind="charge", status__in=OPEN_STATUSES):
        if attempt.status == AttemptStatus.CREATING and not _stale(attempt):
            continue  # another request is asking the provider right now: the new one is refused
        payment_attempt_refresh(attempt=attempt, cancel=True)


def payment_attempt_replay(*, attempt: Payment) -> ChargeResult:
    """The answer of an attempt already made; an open one is read again from the provider
    (which also gives back the client secret of one that needs authentication)."""
    if attempt.status in FINAL:
        return attempt_result(attempt)
    if attempt.status == AttemptStatus.CREATING and not _stale(attempt):
        return replace(attempt_result(attempt), code="payment_unconfirmed", message=UNREACHABLE_MESSAGE)
    return payment_attempt_refresh(attempt=attempt)


def payment_attempt_refresh(*, attempt: Payment, cancel: bool = False, now: datetime | None = None) -> ChargeResult:
    """Reads an open attempt from the provider and settles what it says (a server-side
    retrieval, never the browser's word). cancel: one still waiting for the shopper is
    cancelled at the provider first. An attempt the provider never received is failed once
    it is stale; while the provider cannot be reached nothing changes."""
    gw = gateway(attempt.gateway)
    try:
        result = gw.retrieve(reference=attempt.reference, idempotency_key=attempt.idempotency_key,
                             since=int(attempt.created_at.timestamp()))
        if result is not None and cancel and result.state == AttemptStatus.REQUIRES_ACTION:
            result = gw.cancel(reference=result.reference)
    except GatewayUnavailable:
        return attempt_result(attempt)
    if result is None:
        if attempt.status != AttemptStatus.CREATING or not _stale(attempt, now):
            return attempt_result(attempt)
        result = ChargeResult(False, code="payment_lost", status=AttemptStatus.FAILED,
                              message="The payment never reached the provider; nothing was charged.")
    return payment_attempt_settle(attempt_id=attempt.pk, result=result)


def payment_attempt_settle(*, attempt_id: int, result: ChargeResult, order_id: int | None = None) -> ChargeResult:
    """Applies the provider's answer to the attempt and its order, once (step 3). `order_id`:
    the attempt's order, when the caller knows it."""
    state = result.state
    duplicate = None
    with transaction.atomic():
        if order_id is None:
            order_id = Payment.objects.values_list("order_id", flat=True).get(pk=attempt_id)
        order = Order.objects.select_for_update().get(pk=order_id)  # the order first, as everywhere
        attempt = Payment.objects.select_for_update().get(pk=attempt_id)
        if attempt.status in FINAL or (state == attempt.status and result.reference == attempt.reference):
            return attempt_result(attempt, result.client_secret if state == attempt.status else "")
        attempt.status, attempt.succeeded = state, state == AttemptStatus.SUCCEEDED
        attempt.reference = result.reference or attempt.reference
        attempt.code, attempt.message = result.code[:60], result.message[:300]
        attempt.card_last4 = result.card_last4 or attempt.card_last4
        attempt.save()
        payable = order.status == OrderStatus.PLACED and order.payment_status in (PaymentStatus.PENDING,
                                                                                  PaymentStatus.FAILED)
        if state == AttemptStatus.SUCCEEDED and payable:
            order.status, order.payment_status = OrderStatus.PAID, PaymentStatus.PAID
            order.save(update_fields=["status", "payment_status", "updated_at"])
            OrderEvent.objects.create(order=order, status=OrderStatus.PAID,
                                      note=f"Paid by card ({attempt.reference})"[:300])
            publish(events.OrderStatusChanged.of(order, status=OrderStatus.PAID))
            publish(events.OrderPaid.of(order, total=order.total, currency=order.currency))
        elif state == AttemptStatus.SUCCEEDED:
            duplicate = attempt
        elif state in FINAL and payable:
            order.payment_status = PaymentStatus.FAILED
            order.hold_until = hold_after_decline(order)
            order.save(update_fields=["payment_status", "hold_until", "updated_at"])
            release_when_due(order)
    if duplicate is not None:
        # Paid by another attempt, or cancelled, meanwhile: this money goes straight back, once
        # no transaction is open (a webhook settles inside the event's transaction).
        schema = current_schema()
        transaction.on_commit(lambda: _refund_duplicate(duplicate, schema))
    return replace(attempt_result(attempt), client_secret=result.client_secret)


def _refund_duplicate(charge: Payment, schema: str) -> None:
    from django_tenants.utils import schema_context

    try:
        with schema_context(schema):
            payment_refund(order=charge.order, amount=charge.amount, reason="Paid twice: returned automatically",
                           idempotency_key=f"{DUPLICATE}{charge.pk}", charge=charge)
    except AppError:
        logger.exception("Could not return the second payment %s of order %s", charge.reference, charge.order_id)


def payment_attempt_apply(*, reference: str, attempt_key: str, result: ChargeResult) -> bool:
    """A verified provider event about a payment (a webhook): settles the attempt it names.
    False if no attempt of this shop is that payment."""
    attempt = Payment.objects.filter(kind="charge", reference=reference).first() if reference else None
    if attempt is None and attempt_key:
        attempt = Payment.objects.filter(kind="charge", idempotency_key=attempt_key).first()
    if attempt is None:
        return False
    payment_attempt_settle(attempt_id=attempt.pk, result=result)
    return True


def payments_reconcile(*, now: datetime | None = None) -> int:
    """Reads again every attempt and refund left open for longer than
    PAYMENT_RECONCILE_AFTER_SECONDS (a crash, a lost answer, a shopper who left at the
    authentication step); those waiting for the shopper past the unpaid window are cancelled.
    Returns how many were closed."""
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=settings.PAYMENT_RECONCILE_AFTER_SECONDS)
    abandoned = now - timedelta(minutes=settings.UNPAID_ORDER_MINUTES)
    closed = 0
    for attempt in Payment.objects.filter(status__in=OPEN_STATUSES, updated_at__lt=cutoff).order_by("id"):
        if attempt.kind == "refund":
            result = _refund_send(attempt)
        else:
            result = payment_attempt_refresh(attempt=attempt, cancel=attempt.created_at < abandoned, now=now)
        closed += result.state in FINAL
    return closed


# Refunds ------------------------------------------------------------------------------------

def _refunded_or_open(order: Order) -> Decimal:
    return order.payments.filter(kind="refund").exclude(
        status__in=[AttemptStatus.FAILED, AttemptStatus.CANCELLED]).aggregate(s=Sum("amount"))["s"] or Decimal(0)


def _paid(order: Order) -> Decimal:
    return order.payments.filter(kind="charge", status=AttemptStatus.SUCCEEDED).aggregate(
        s=Sum("amount"))["s"] or Decimal(0)


def refundable_amount(order: Order) -> Decimal:
    return max(_paid(order) - _refunded_or_open(order), Decimal(0))


def payment_refund(*, order: Order, amount: Decimal | None = None, reason: str = "", idempotency_key: str = "",
                   charge: Payment | None = None) -> Payment:
    """Returns `amount` (all that is left when None) of the order's payment through its gateway.
    Several partial refunds may be made, never more than was paid: each request has its own
    idempotency key (a retry of one request returns the same refund). Recorded first, sent with
    no lock held, settled after. The order becomes refunded once all the money is back (one
    refunded as it is cancelled, key ON_CANCEL, stays cancelled)."""
    key = f"{current_schema()}:refund:{order.pk}:{idempotency_key or uuid.uuid4()}"
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order.pk)
        refund = Payment.objects.filter(idempotency_key=key).first()
        if refund is None:
            charge = charge or order.payments.filter(kind="charge", status=AttemptStatus.SUCCEEDED).order_by(
                "-id").first()
            if charge is None:
                raise AppError(StorefrontErrorCode.NOT_REFUNDABLE,
                               "This order has no payment to refund.", status_code=409)
            left = min(refundable_amount(order), charge.amount - (charge.refunds.exclude(
                status__in=[AttemptStatus.FAILED, AttemptStatus.CANCELLED]).aggregate(s=Sum("amount"))["s"] or 0))
            amount = left if amount is None else amount
            if amount <= 0 or amount > left or amount != amount.quantize(minor_unit(order.currency)):
                message = (f"Refund at most {left} {order.currency}." if left > 0
                           else "Everything paid for this order has been refunded.")
                raise AppError(StorefrontErrorCode.INVALID_REFUND_AMOUNT, message, fields={"amount": [message]})
            refund = Payment.objects.create(
                order=order, kind="refund", status=AttemptStatus.CREATING, amount=amount,
                amount_minor=minor_units(amount, order.currency), currency=order.currency, gateway=charge.gateway,
                refund_of=charge, note=(reason or "")[:300], idempotency_key=key)
    if refund.status == AttemptStatus.CREATING:
        result = _refund_send(refund)
        refund.refresh_from_db()
        if result.state == AttemptStatus.CREATING:
            raise AppError(StorefrontErrorCode.REFUND_UNCONFIRMED,
                           "The payment provider did not answer. The refund is recorded and "
                           "will be sent again automatically; do not refund again.", status_code=502)
    if refund.status == AttemptStatus.FAILED:
        raise AppError(StorefrontErrorCode.REFUND_FAILED,
                       refund.message or "The payment provider refused the refund; try again.",
                       status_code=502)
    return refund


def _refund_send(refund: Payment) -> ChargeResult:
    charge = refund.refund_of
    assert charge is not None
    try:
        result = gateway(refund.gateway).refund(
            reference=charge.reference, amount_minor=refund.amount_minor or 0, currency=refund.currency,
            idempotency_key=refund.idempotency_key, metadata={"order_id": str(refund.order_id)})
    except GatewayUnavailable:
        return attempt_result(refund)  # the same key is sent again by the reconciliation
    if not result.status:
        result = replace(result, status=AttemptStatus.SUCCEEDED if result.ok else AttemptStatus.FAILED)
    return _refund_settle(refund_id=refund.pk, result=result)


def _refund_settle(*, refund_id: int, result: ChargeResult) -> ChargeResult:
    from storefront.orders import order_restock_unshipped

    with transaction.atomic():
        order_id = Payment.objects.values_list("order_id", flat=True).get(pk=refund_id)
        order = Order.objects.select_for_update().get(pk=order_id)
        refund = Payment.objects.select_for_update().get(pk=refund_id)
        if refund.status in FINAL:
            return attempt_result(refund)
        state = result.state
        refund.status, refund.succeeded = state, state == AttemptStatus.SUCCEEDED
        refund.reference = result.reference or refund.reference
        refund.code, refund.message = result.code[:60], result.message[:300]
        refund.save()
        if state != AttemptStatus.SUCCEEDED:
            return attempt_result(refund)
        note = f"Refunded {refund.amount} {refund.currency} ({refund.reference})" + (
            f": {refund.note}" if refund.note else "")
        if DUPLICATE in refund.idempotency_key:
            OrderEvent.objects.create(order=order, status=order.status, note=note[:300])
            return attempt_result(refund)
        close_order = not refund.idempotency_key.endswith(ON_CANCEL)
        fully = refundable_amount(order) <= 0 and not order.payments.filter(
            kind="refund", status__in=OPEN_STATUSES).exists()
        order.payment_status = PaymentStatus.REFUNDED if fully else PaymentStatus.PARTLY_REFUNDED
        if fully and close_order and order.status != OrderStatus.REFUNDED and order.status != OrderStatus.PLACED:
            order_restock_unshipped(order)
            order.status = OrderStatus.REFUNDED
            order.save(update_fields=["status", "payment_status", "updated_at"])
            OrderEvent.objects.create(order=order, status=OrderStatus.REFUNDED, note=note[:300])
            publish(events.OrderStatusChanged.of(order, status=OrderStatus.REFUNDED, note=refund.note))
        else:
            order.save(update_fields=["payment_status", "updated_at"])
            OrderEvent.objects.create(order=order, status=order.status, note=note[:300])
        publish(events.OrderRefunded.of(order, amount=refund.amount, currency=refund.currency))
    return attempt_result(refund)
