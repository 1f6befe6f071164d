from celery import shared_task

from realtime.notifications.promotions import promotion_deliver
from realtime.notifications.retention import retention_apply
from tenants.fanout import each_active_shop


@shared_task(bind=True, max_retries=3, default_retry_delay=30)
def send_promotion(self, promotion_id: int) -> dict:
    try:
        promotion = promotion_deliver(promotion_id=promotion_id)
    except OSError as exc:  # the mail server refused: the retry skips those already stored
        raise self.retry(exc=exc) from exc
    return {"recipients": promotion.recipients if promotion else 0}


@shared_task
def prune_inbox_and_feed() -> dict:
    pruned = retention_apply()
    return {"notifications": pruned.notifications, "recipients": pruned.recipients, "feed_items": pruned.feed_items}


@shared_task
def prune_inbox_and_feed_everywhere() -> int:
    return each_active_shop(prune_inbox_and_feed)
