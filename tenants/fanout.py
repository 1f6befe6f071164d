"""The one per-shop fan-out every app's periodic jobs use: beat runs in the public schema, and a
job that concerns each shop is queued once in each active shop's schema (tenant_schemas_celery
carries the schema into the task)."""
from __future__ import annotations

from typing import Any

from django_tenants.utils import schema_context

from tenants.selectors import active_shop_schemas


def each_active_shop(task: Any, *args: Any) -> int:
    """Queues `task.delay(*args)` in every active shop's schema; returns how many."""
    schemas = active_shop_schemas()
    for schema in schemas:
        with schema_context(schema):
            task.delay(*args)
    return len(schemas)
