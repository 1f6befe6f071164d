"""The shop's model in use, loaded once per process and kept in a cache bounded by bytes.

A platform has thousands of shops; each process keeps at most RECS_MODEL_CACHE_BYTES of models
(least recently used out first). Which version is current is one Redis GET per request (the key
carries the schema), remembered in the process for RECS_VERSION_LOCAL_TTL seconds, so a newly
promoted model takes over in every process within that time, without a restart."""
from __future__ import annotations

import threading
import time
from collections import OrderedDict
from typing import Any

from django.conf import settings
from django.core.cache import cache

from recs.models import ModelVersion
from saas.kernel.tenancy import current_schema

CURRENT_KEY = "recs:current-model"
NONE = 0  # cached "this shop has no model yet"


class ModelCache:
    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.bytes = 0
        self._items: OrderedDict[tuple[str, int], tuple[Any, int]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[str, int]) -> Any | None:
        with self._lock:
            hit = self._items.get(key)
            if hit is None:
                return None
            self._items.move_to_end(key)
            return hit[0]

    def put(self, key: tuple[str, int], model: Any, nbytes: int) -> None:
        with self._lock:
            if key in self._items:
                return
            if nbytes > self.max_bytes:
                return  # larger than the whole cache: served, but not kept
            self._items[key] = (model, nbytes)
            self.bytes += nbytes
            while self.bytes > self.max_bytes:
                _, (_, size) = self._items.popitem(last=False)
                self.bytes -= size

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self.bytes = 0

    def __len__(self) -> int:
        return len(self._items)


models = ModelCache(settings.RECS_MODEL_CACHE_BYTES)
_local_versions: dict[str, tuple[float, int]] = {}


def current_version_id() -> int | None:
    schema = current_schema()
    now = time.monotonic()
    local = _local_versions.get(schema)
    if local is not None and local[0] > now:
        return local[1] or None
    version = cache.get(CURRENT_KEY)
    if version is None:
        version = ModelVersion.objects.filter(is_current=True).values_list("pk", flat=True).first() or NONE
        cache.set(CURRENT_KEY, version, timeout=None)
    _local_versions[schema] = (now + settings.RECS_VERSION_LOCAL_TTL, int(version))
    return int(version) or None


def current_changed(schema: str) -> None:
    """Called after a promotion commits (maybe outside the shop's schema by then): every process
    sees it at its next check."""
    from django_tenants.utils import schema_context

    with schema_context(schema):
        cache.delete(CURRENT_KEY)
    _local_versions.pop(schema, None)


def load(version_id: int) -> Any | None:
    from recs.engine import ShopModel

    key = (current_schema(), version_id)
    model = models.get(key)
    if model is not None:
        return model
    data = ModelVersion.objects.filter(pk=version_id).values_list("data", flat=True).first()
    if not data:
        return None
    model = ShopModel.from_bytes(bytes(data))
    models.put(key, model, int(getattr(model, "nbytes", len(data))))
    return model


def current_model() -> tuple[int | None, Any | None]:
    version_id = current_version_id()
    if version_id is None:
        return None, None
    return version_id, load(version_id)
