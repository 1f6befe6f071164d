from __future__ import annotations

from datetime import timedelta

from celery import shared_task
from django.conf import settings

from storefront.cart import guest_carts_purge
from storefront.emails import order_email_send
from storefront.imports import import_run
from storefront.models import ImportJob, Order
from storefront.orders import order_release_if_due, release_unpaid_orders
from storefront.payment_attempts import payments_reconcile
from tenants.fanout import each_active_shop


@shared_task
def run_import(job_id: int) -> dict:
    job = import_run(job=ImportJob.objects.get(pk=job_id))
    return {"status": job.status, "processed": job.processed, "errors": len(job.errors)}


@shared_task
def release_unpaid(minutes: int | None = None) -> int:
    return release_unpaid_orders(older_than=timedelta(minutes=minutes or settings.UNPAID_ORDER_MINUTES))


@shared_task
def release_order(order_id: int) -> bool:
    """Queued when a charge is declined, to run when its short hold ends."""
    order = Order.objects.filter(pk=order_id).first()
    return order is not None and order_release_if_due(order=order)


@shared_task(bind=True, max_retries=5, default_retry_delay=60)
def send_order_email(self, order_id: int, kind: str) -> dict:
    order = Order.objects.filter(pk=order_id).first()
    if order is None:
        return {"sent": False}
    if kind == "confirmation" and order.payment_status == "pending" and self.request.retries < 5:
        # queued when the order was placed, before its first charge was answered: wait for it,
        # so a paid checkout gets one confirmation rather than "payment needed" then "paid"
        raise self.retry(countdown=3)
    try:
        sent = order_email_send(order=order, kind=kind)
    except OSError as exc:  # SMTP refused or unreachable: try again later
        raise self.retry(exc=exc) from exc
    return {"sent": sent, "to": order.email, "kind": kind}


@shared_task
def reconcile_payments() -> int:
    """Open payment attempts and refunds whose answer was lost are read again from the provider."""
    return payments_reconcile()


@shared_task
def purge_guest_carts(days: int = 30) -> int:
    return guest_carts_purge(older_than=timedelta(days=days))


@shared_task
def release_unpaid_orders_everywhere() -> int:
    return each_active_shop(release_unpaid)


@shared_task
def purge_guest_carts_everywhere() -> int:
    return each_active_shop(purge_guest_carts)


@shared_task
def reconcile_payments_everywhere() -> int:
    return each_active_shop(reconcile_payments)
