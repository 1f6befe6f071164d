from __future__ import annotations

from celery import shared_task

from recs.models import ModelVersion
from recs.services import events_compact
from recs.training import model_train, training_queue
from tenants.fanout import each_active_shop


@shared_task
def train_model(version_id: int) -> dict:
    version = model_train(version=ModelVersion.objects.get(pk=version_id))
    return {"version": version.pk, "status": version.status, "promoted": version.promoted}


@shared_task
def train_nightly() -> int | None:
    version = training_queue(trigger="nightly", quiet=True)
    return version.pk if version else None


@shared_task
def compact_events() -> int:
    return events_compact()


@shared_task
def train_everywhere() -> int:
    return each_active_shop(train_nightly)


@shared_task
def compact_events_everywhere() -> int:
    return each_active_shop(compact_events)
