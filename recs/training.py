"""Training a shop's model: queue a run, read the shop's behaviour and catalogue, fit, store the
version with its figures, and promote it unless it scores worse than the model in use."""
from __future__ import annotations

import hashlib
import logging
import time
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from recs import bridge
from recs.errors import RecsErrorCode
from recs.models import Event, EventKind, ModelVersion, TrainingStatus
from recs.store import current_changed
from saas.kernel.errors import AppError
from saas.kernel.tenancy import current_schema
from storefront.models import OrderLine, Product

logger = logging.getLogger(__name__)
# Views say less about taste than a purchase; the engine may use or ignore these weights.
WEIGHTS: dict[str, float] = {EventKind.VIEW: 0.25, EventKind.CART: 0.5, EventKind.PURCHASE: 1.0}
STALE_RUN = timedelta(hours=2)


def training_queue(*, trigger: str, quiet: bool = False) -> ModelVersion | None:
    """One run at a time per shop: asking again while one is queued or running returns it."""
    from recs.tasks import train_model

    with transaction.atomic():
        active = (ModelVersion.objects.select_for_update()
                  .filter(status__in=[TrainingStatus.QUEUED, TrainingStatus.RUNNING],
                          created_at__gte=timezone.now() - STALE_RUN).first())
        if active is not None:
            if quiet:
                return None
            return active
        version = ModelVersion.objects.create(trigger=trigger, stage="Waiting for a worker")
        schema = current_schema()

        def send() -> None:
            from django_tenants.utils import schema_context

            with schema_context(schema):  # the task runs in the schema it is sent from
                train_model.delay(version.pk)

        transaction.on_commit(send)
    return version


def _step(version: ModelVersion, stage: str, progress: int) -> None:
    version.stage, version.progress = stage, progress
    ModelVersion.objects.filter(pk=version.pk).update(stage=stage, progress=progress)


def _user_key(user_id, visitor_id: str, email: str = "") -> str:
    if user_id:
        return f"u:{user_id}"
    if visitor_id:
        return f"v:{visitor_id}"
    return "e:" + hashlib.sha256(email.lower().encode()).hexdigest()[:16]


def training_data() -> dict:
    """The shop's interactions as plain arrays: every order line (the record of purchases,
    never compacted) plus the views and cart adds the beacon stored."""
    users, items, stamps, baskets, weights = [], [], [], [], []
    for user_id, email, order_id, pid, when in (OrderLine.objects.filter(product_id__isnull=False)
                                                .values_list("order__user_id", "order__email", "order_id",
                                                             "product_id", "order__created_at").iterator(2000)):
        users.append(_user_key(user_id, "", email))
        items.append(pid)
        stamps.append(when.timestamp())
        baskets.append(f"o{order_id}")
        weights.append(WEIGHTS[EventKind.PURCHASE])
    for user_id, visitor_id, pid, kind, when, event_id in (
            Event.objects.filter(kind__in=[EventKind.VIEW, EventKind.CART])
            .values_list("user_id", "visitor_id", "product_id", "kind", "created_at", "id").iterator(2000)):
        users.append(_user_key(user_id, visitor_id))
        items.append(pid)
        stamps.append(when.timestamp())
        baskets.append(f"e{event_id}")
        weights.append(WEIGHTS[kind])
    catalogue = list(Product.objects.values_list("pk", "title", "description", "category__name"))
    return {
        "users": users, "items": items, "timestamps": stamps, "baskets": baskets, "weights": weights,
        "item_ids": [row[0] for row in catalogue], "titles": [row[1] for row in catalogue],
        "descriptions": [row[2] for row in catalogue], "categories": [row[3] or "" for row in catalogue],
    }


def model_train(*, version: ModelVersion) -> ModelVersion:
    if version.status not in (TrainingStatus.QUEUED, TrainingStatus.RUNNING):
        return version
    version.status = TrainingStatus.RUNNING
    version.save(update_fields=["status"])
    try:
        _step(version, "Reading events and orders", 10)
        data = training_data()
        if not data["item_ids"]:
            raise AppError(RecsErrorCode.NO_PRODUCTS, "The shop has no products to recommend yet.")
        _step(version, "Fitting the models and tuning the blend", 30)
        started = time.perf_counter()
        model = bridge.fit(**data, now=timezone.now())
        seconds = time.perf_counter() - started
        _step(version, "Saving the model", 90)
        blob = bridge.to_bytes(model)
        meta = bridge.meta(model)
    except Exception as exc:  # noqa: BLE001 - a failed run is recorded, the model in use stays
        logger.exception("training failed in version %s", version.pk)
        version.status, version.error = TrainingStatus.FAILED, str(exc)[:300] or exc.__class__.__name__
        version.finished_at = timezone.now()
        version.save(update_fields=["status", "error", "finished_at"])
        return version
    version.data, version.nbytes, version.meta = blob, len(blob), _jsonable(meta)
    version.score = bridge.validation_score(version.meta)
    version.events_count = len(data["users"])
    version.users_count = len(set(data["users"]))
    version.products_count = len(data["item_ids"])
    version.fit_seconds = float(version.meta.get("fit_seconds") or seconds)
    version.status, version.progress, version.stage = TrainingStatus.DONE, 100, "Done"
    version.finished_at = timezone.now()
    _promote_or_keep(version)
    return version


def _promote_or_keep(version: ModelVersion) -> None:
    with transaction.atomic():
        current = ModelVersion.objects.select_for_update().filter(is_current=True).first()
        worse = (current is not None and current.score is not None and version.score is not None
                 and version.score < current.score)
        if worse:
            assert current is not None
            version.not_promoted_reason = (f"Validation NDCG@10 {version.score:.4f} is below the model in use "
                                           f"(version {current.pk}, {current.score:.4f}).")
        else:
            if current is not None:
                ModelVersion.objects.filter(pk=current.pk).update(is_current=False)
            version.is_current = version.promoted = True
        version.save()
        if version.is_current:
            schema = current_schema()
            transaction.on_commit(lambda: current_changed(schema))


def _jsonable(value):
    """Engine metadata may carry numpy numbers; JSON wants plain ones."""
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if hasattr(value, "item") and callable(value.item):
        return value.item()
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)
