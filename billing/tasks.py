from __future__ import annotations

from celery import shared_task

from billing.dunning import close_overdue


@shared_task
def close_overdue_shops() -> int:
    """Hourly (beat): closes the shops whose grace period after a failed renewal ended unpaid."""
    return len(close_overdue())
