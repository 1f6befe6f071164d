"""Cached catalog answers. Every shopper hits the product list and product pages; their JSON is
kept in Redis under the shop's schema prefix and a per-shop catalog version, which every
catalog write bumps, so a change shows at once and nothing stale is served for longer than
the entry's time to live (stock counts on product pages: 10 s; checkout always checks stock)."""
from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.core.cache import cache
from django.db import connection, transaction
from django_tenants.utils import schema_context

VERSION_KEY = "catalog-version"


def catalog_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, None)
        version = cache.get(VERSION_KEY) or 1
    return int(version)


def _bump() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, None)


def catalog_changed() -> None:
    """Bumped now and again after commit: a reader between the two may have cached the old
    rows under the new version; the second bump retires that entry."""
    _bump()
    schema = connection.schema_name

    def after_commit():
        with schema_context(schema):
            _bump()

    transaction.on_commit(after_commit)


def cached(kind: str, params: str, build: Callable[[], bytes], ttl: int) -> bytes:
    digest = hashlib.sha1(params.encode(), usedforsecurity=False).hexdigest()
    key = f"catalog:{catalog_version()}:{kind}:{digest}"
    body = cache.get(key)
    if body is None:
        body = build()
        cache.set(key, body, ttl)
    return body
