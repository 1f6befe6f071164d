from celery import shared_task

from realtime.notifications.promotions import promotion_deliver


@shared_task(bind=True, max_retries=3, default_retry_delay=30)
def send_promotion(self, promotion_id: int) -> dict:
    try:
        promotion = promotion_deliver(promotion_id=promotion_id)
    except OSError as exc:  # the mail server refused: the retry skips those already stored
        raise self.retry(exc=exc) from exc
    return {"recipients": promotion.recipients if promotion else 0}
