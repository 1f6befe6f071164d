"""Counts what one checkout costs, in one process, through the whole request (middleware, DRF,
the view, the event subscribers that run after commit): round trips to PostgreSQL (every
statement, BEGIN/COMMIT, health checks, SET search_path), transactions, round trips to Redis
(cache, throttles, Celery's queue), and the CPU time of this process. `--sql` prints the
statements of one checkout in the order they were sent. The benchmark prints it beside the
orders/s; run it against the benchmark shop (`manage.py profile_checkout --shop perf`)."""
from __future__ import annotations

import contextlib
import cProfile
import io
import pstats
import statistics
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import psycopg
import redis.asyncio.connection
import redis.connection
from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections
from django.test import Client
from django_tenants.utils import schema_context

from storefront import shipping
from storefront.models import ProductVariant
from tenants.models import Shop

ADDRESS = {"full_name": "B", "line1": "1 St", "city": "X", "postcode": "N1 1AA", "country": "GB"}
CARD = {"card_number": "4242424242424242", "exp_month": 12, "exp_year": 2031, "cvc": "123"}


class Wire:
    """Every round trip this process makes to PostgreSQL (psycopg's cursor execute and the
    connection's own commands: BEGIN, COMMIT, ROLLBACK) and to Redis (one packed send, which is
    a whole pipeline), while `recording` is true."""

    def __init__(self) -> None:
        self.sql: list[str] = []
        self.redis: list[str] = []
        self.recording = False

    @contextlib.contextmanager
    def installed(self) -> Iterator[Wire]:
        wire = self
        execute, command = psycopg.Cursor.execute, psycopg.Connection._exec_command
        send = redis.connection.AbstractConnection.send_packed_command
        async_send = redis.asyncio.connection.AbstractConnection.send_packed_command

        def packed_text(packed) -> str:
            parts = packed if isinstance(packed, list | tuple) else [packed]
            return b"".join(bytes(p) for p in parts)[:160].decode(errors="replace")

        def cursor_execute(cursor, query, *args, **kwargs):
            if wire.recording:
                wire.sql.append(query if isinstance(query, str) else query.as_string(cursor))
            return execute(cursor, query, *args, **kwargs)

        def exec_command(conn, cmd, *args, **kwargs):
            if wire.recording:
                wire.sql.append(cmd.decode() if isinstance(cmd, bytes) else str(cmd))
            return command(conn, cmd, *args, **kwargs)

        def send_packed(conn, packed, *args, **kwargs):
            if wire.recording:
                wire.redis.append(packed_text(packed))
            return send(conn, packed, *args, **kwargs)

        async def async_send_packed(conn, packed, *args, **kwargs):  # channels-redis (redis.asyncio)
            if wire.recording:
                wire.redis.append(packed_text(packed))
            return await async_send(conn, packed, *args, **kwargs)

        patches = [(psycopg.Cursor, "execute", execute, cursor_execute),
                   (psycopg.Connection, "_exec_command", command, exec_command),
                   (redis.connection.AbstractConnection, "send_packed_command", send, send_packed),
                   (redis.asyncio.connection.AbstractConnection, "send_packed_command", async_send,
                    async_send_packed)]
        for owner, name, _, replacement in patches:
            setattr(owner, name, replacement)
        try:
            yield self
        finally:
            for owner, name, original, _ in patches:
                setattr(owner, name, original)

    @contextlib.contextmanager
    def recorded(self) -> Iterator[tuple[list[str], list[str]]]:
        self.sql, self.redis, self.recording = [], [], True
        try:
            yield self.sql, self.redis
        finally:
            self.recording = False


def kind(statement: str) -> str:
    words = statement.split()
    first = words[0].upper() if words else ""
    if first in ("BEGIN", "COMMIT", "ROLLBACK", "SET", "SAVEPOINT", "RELEASE"):
        return first
    return "advisory lock" if "pg_advisory" in statement else first


class Command(BaseCommand):
    help = "Round trips (PostgreSQL, Redis), transactions and CPU time of one checkout, in one process."

    def add_arguments(self, parser):
        parser.add_argument("--shop", default="perf")
        parser.add_argument("--orders", type=int, default=40)
        parser.add_argument("--sql", action="store_true", help="print the statements of the last checkout")
        parser.add_argument("--cprofile", type=int, default=0, metavar="N",
                            help="print the N functions with the most CPU time over the checkouts")
        parser.add_argument("--sort", default="cumulative", help="pstats order: cumulative, tottime")
        parser.add_argument("--request", choices=["cart", "checkout", "both"], default="both",
                            help="which request --cprofile profiles")

    def handle(self, *args, shop: str, orders: int, sql: bool = False, cprofile: int = 0,
               sort: str = "cumulative", request: str = "both", **options):
        found = Shop.objects.filter(subdomain=shop).first()
        if found is None:
            raise CommandError(f"No shop '{shop}'.")
        with schema_context(found.schema_name):
            variants = list(ProductVariant.objects.filter(stock__gte=1000).order_by("id")
                            .values_list("id", flat=True)[:50])
            rate = shipping.rates_for("GB").values_list("id", flat=True).first()
        if not variants or rate is None:
            raise CommandError(f"Shop '{shop}' needs variants with stock and a rate for GB.")
        client = Client(HTTP_HOST=f"{shop}.localhost")
        samples: dict[str, list[Sample]] = {"cart": [], "checkout": []}
        profiler = cProfile.Profile(time.process_time) if cprofile else None
        with Wire().installed() as wire:
            for n in range(orders + 5):  # the first few warm the process up
                def measured(label: str, path: str, body: dict, n: int = n, headers: dict[str, Any] | None = None):
                    with wire.recorded() as (statements, redis_sent):
                        cpu, wall = time.process_time(), time.perf_counter()
                        if profiler and n >= 5 and request in (label, "both"):
                            profiler.enable()
                        close_old_connections()  # what a server does as a request starts (the health check)
                        res = client.post(path, body, content_type="application/json", **(headers or {}))
                        if profiler:
                            profiler.disable()
                        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
                    if res.status_code not in (200, 201):
                        raise CommandError(f"{path} answered {res.status_code}: {res.content[:300]!r}")
                    if n >= 5:
                        samples[label].append(Sample(list(statements), list(redis_sent), cpu, wall))
                    return res

                token = measured("cart", "/api/cart/lines/", {"variant_id": variants[n % len(variants)],
                                                              "quantity": 1}).json()["token"]
                measured("checkout", "/api/checkout/", {
                    "email": f"profile{n % 20}@example.com", "shipping_rate_id": rate, "payment": CARD,
                    "shipping_address": ADDRESS},
                    headers={"HTTP_X_CART_TOKEN": token, "HTTP_IDEMPOTENCY_KEY": str(uuid.uuid4())})
        self.stdout.write(f"one order in one process (median of {orders}; a guest, one line, paid at once):")
        for label, path in (("cart", "POST /api/cart/lines/"), ("checkout", "POST /api/checkout/")):
            self.stdout.write(summary(path, samples[label]))
        if profiler:
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats(sort).print_stats(cprofile)
            self.stdout.write(out.getvalue())
        if sql:
            for label in ("cart", "checkout"):
                self.stdout.write(f"  {label}:")
                for statement in samples[label][-1].sql:
                    self.stdout.write(f"    {' '.join(statement.split())[:200]}")
                for sent in samples[label][-1].redis:
                    self.stdout.write(f"    redis: {' '.join(sent.split())[:120]}")


@dataclass
class Sample:
    sql: list[str]
    redis: list[str]
    cpu: float
    wall: float


def summary(path: str, samples: list[Sample]) -> str:
    trips = [len(s.sql) for s in samples]
    kinds = Counter(kind(statement) for statement in samples[-1].sql)
    return (f"  {path}: PostgreSQL round trips {statistics.median(trips):.0f} (min {min(trips)}, max {max(trips)}: "
            f"{', '.join(f'{k} {v}' for k, v in kinds.most_common())}), transactions {kinds['BEGIN']}, "
            f"Redis round trips {statistics.median(len(s.redis) for s in samples):.0f}; "
            f"CPU {statistics.median(s.cpu for s in samples) * 1000:.1f} ms, "
            f"wall {statistics.median(s.wall for s in samples) * 1000:.1f} ms")
