"""Typed access to the tenancy state django-tenants keeps on the database connection."""
from __future__ import annotations

from typing import Any, cast
from urllib.parse import urlsplit

from django.conf import settings
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


def shop_base_url(subdomain: str, domain: str | None = None) -> str:
    """A shop's own address, from its subdomain (or a domain of its), the root URL's scheme and port."""
    root = urlsplit(settings.ROOT_URL)
    port = f":{root.port}" if root.port else ""
    return f"{root.scheme}://{domain or f'{subdomain}.{settings.ROOT_DOMAIN}'}{port}"


def site_url() -> str:
    """The address of the place (platform or shop) the connection is set to, built from the
    configuration, never from a request's Host header (links in e-mails must not be forgeable)."""
    if current_schema() == "public":
        return str(settings.ROOT_URL).rstrip("/")
    subdomain = getattr(tenant_connection().tenant, "subdomain", None)
    if subdomain is None:  # schema_context() sets a stand-in tenant that knows only the schema
        from django_tenants.utils import get_tenant_model

        subdomain = get_tenant_model().objects.values_list("subdomain", flat=True).get(schema_name=current_schema())
    return shop_base_url(subdomain)


def on_commit_here(fn) -> None:
    """transaction.on_commit, run in the schema that is current now: by the time a transaction
    commits the connection may have moved on (a request's end resets it to public), and a task
    queued then would run in the wrong schema."""
    from django.db import transaction
    from django_tenants.utils import get_tenant_model, schema_context

    schema_name = current_schema()

    def run() -> None:
        if current_schema() == schema_name:
            fn()
            return
        with schema_context(schema_name):
            if schema_name != "public":
                tenant_connection().set_tenant(get_tenant_model().objects.get(schema_name=schema_name))
            fn()

    transaction.on_commit(run)
