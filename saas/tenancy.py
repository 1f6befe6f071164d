"""Typed access to the tenancy state django-tenants keeps on the database connection."""
from __future__ import annotations

from typing import Any, cast

from django.db import connection


def tenant_connection() -> Any:
    """The default connection, with django-tenants' schema attributes and methods."""
    return cast(Any, connection)


def current_schema() -> str:
    return str(tenant_connection().schema_name)


def media_prefix(schema_name: str) -> str:
    """Where a shop's uploaded files live, in local storage and object storage alike."""
    return f"shops/{schema_name}/"


def cache_forget_schema(schema_name: str) -> int:
    """Deletes every cache entry written from `schema_name` (the cache key function puts the
    schema first in every key). Used when a shop is deleted."""
    from django.core.cache import cache

    client = cache._cache.get_client(write=True)  # type: ignore[attr-defined]
    removed = 0
    batch: list[bytes] = []
    for key in client.scan_iter(match=f"{schema_name}:*", count=500):
        batch.append(key)
        if len(batch) >= 500:
            removed += client.delete(*batch)
            batch.clear()
    if batch:
        removed += client.delete(*batch)
    return removed
