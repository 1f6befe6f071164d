"""Cached catalog answers. Every shopper hits the product list and product pages; their JSON is
kept in Redis under the shop's schema prefix and a per-shop catalog version, which every
catalog write bumps, so a change shows at once and nothing stale is served for longer than
the entry's time to live (stock counts on product pages: 10 s; checkout always checks stock).

Hot entries are also kept in this process, trusted while the shop's version was read from Redis
less than CATALOG_LOCAL_TTL seconds ago (default 1 s): a hit then costs no round trip at all.
A write in this process shows at once; a write in another process within that second."""
from __future__ import annotations

import hashlib
import time
from collections import OrderedDict
from collections.abc import Callable

import orjson
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django_tenants.utils import schema_context

from saas.kernel.tenancy import current_schema

VERSION_KEY = "catalog-version"


def _first_version() -> int:
    """A version never handed out before, even when Redis lost the key (a flush, a restart
    without persistence): what processes keep under older versions is never taken as current."""
    return time.time_ns() // 1000


def catalog_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, _first_version(), None)
        version = cache.get(VERSION_KEY) or _first_version()
    return int(version)


def known_version() -> int:
    """The shop's catalog version as this process last read it, while that is under
    CATALOG_LOCAL_TTL seconds old; else read now."""
    schema = current_schema()
    known = _local_versions.get(schema)
    now = time.monotonic()
    if known is not None and known[0] > now:
        return known[1]
    version = catalog_version()
    if settings.CATALOG_LOCAL_TTL > 0:
        _local_versions[schema] = (now + settings.CATALOG_LOCAL_TTL, version)
    return version


def _bump() -> None:
    _local_versions.pop(current_schema(), None)
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, _first_version(), None)


def catalog_changed() -> None:
    """Bumped now and again after commit: a reader between the two may have cached the old
    rows under the new version; the second bump retires that entry."""
    _bump()
    schema = current_schema()

    def after_commit():
        with schema_context(schema):
            _bump()

    transaction.on_commit(after_commit)


PRODUCTS_PREFIX = "/api/catalog/products/"
# seconds an entry lives: product pages show stock counts, lists only "in stock"
TTL = {"list": 300, "product": 10}


def request_key(request) -> tuple[str, str] | None:
    """(kind, params) of a cacheable catalog read, or None. Page links in the body are absolute,
    and a shop may have several domains and be reached over http and https, so the scheme and
    host are part of the key."""
    path = request.path
    if request.method not in ("GET", "HEAD") or not path.startswith(PRODUCTS_PREFIX):
        return None
    query = request.META.get("QUERY_STRING", "")
    if "\x00" in path or "\x00" in query or "%00" in query:
        return None  # refused with 400 further in (saas.kernel.errors.JsonErrorMiddleware)
    rest = path[len(PRODUCTS_PREFIX):]
    if not rest:
        # the parsed query as JSON (an escaped "&" or "=" inside a value cannot pass for another
        # query), not URL-encoded again, which cost a sixth of an uncached list's Python
        query = orjson.dumps(sorted(request.GET.lists())).decode()
        return "list", f"{request.scheme}://{request.get_host()}?{query}"
    if rest.count("/") == 1 and rest.endswith("/"):
        return "product", rest[:-1]
    return None


def _entry_key(kind: str, params: str) -> str:
    return f"catalog:{kind}:{hashlib.sha1(params.encode(), usedforsecurity=False).hexdigest()}"


_local_versions: dict[str, tuple[float, int]] = {}
_local_entries: OrderedDict[tuple[str, str], tuple[int, bytes]] = OrderedDict()
LOCAL_ENTRIES = 2000


def _remember(key: str, version: int, body: bytes) -> None:
    if settings.CATALOG_LOCAL_TTL <= 0:
        return
    _local_entries[(current_schema(), key)] = (version, body)
    _local_entries.move_to_end((current_schema(), key))
    while len(_local_entries) > LOCAL_ENTRIES:
        _local_entries.popitem(last=False)


def lookup(kind: str, params: str) -> tuple[bytes | None, int | None]:
    """(body, current version): from this process while its copy of the version is fresh, else
    one round trip to Redis; an entry of an older version is a miss."""
    if not settings.CATALOG_CACHE:
        return None, None
    key = _entry_key(kind, params)
    schema = current_schema()
    now = time.monotonic()
    known = _local_versions.get(schema)
    if known is not None and known[0] > now:
        local = _local_entries.get((schema, key))
        if local is not None and local[0] == known[1]:
            return local[1], known[1]
    found = cache.get_many([VERSION_KEY, key])
    version, entry = found.get(VERSION_KEY), found.get(key)
    if version is not None and settings.CATALOG_LOCAL_TTL > 0:
        _local_versions[schema] = (now + settings.CATALOG_LOCAL_TTL, version)
    if version is not None and entry is not None and entry[0] == version:
        _remember(key, version, entry[1])
        return entry[1], version
    return None, version


def store(kind: str, params: str, body: bytes, version: int | None) -> None:
    """Keeps `body`, built after `lookup` answered `version` (None: not known yet)."""
    if not settings.CATALOG_CACHE:
        return
    version = version if version is not None else catalog_version()
    key = _entry_key(kind, params)
    cache.set(key, (version, body), TTL[kind])
    _remember(key, version, body)


def cached(kind: str, params: str, build: Callable[[], bytes]) -> bytes:
    body, version = lookup(kind, params)
    if body is None:
        body = build()
        store(kind, params, body, version)
    return body
