"""What one uncached catalog read costs, split between this process and PostgreSQL: each read
is sent N times through Django's whole WSGI stack (every middleware, as a server would call it)
with the catalog cache off, and the CPU time of this process and of its PostgreSQL backend
(from /proc) is divided by N. CPU time moves far less than requests a second when other work
shares the machine (a busy machine still adds a fifth or so: caches are shared), so runs compare
better; read it with the load average beside it."""
from __future__ import annotations

import io
import os
import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from tenants.models import Shop

READS = [
    ("list, page 1", "/api/catalog/products/", ""),
    ("list, page 300", "/api/catalog/products/", "page=300"),
    ("filters + sort", "/api/catalog/products/", "category=cat-3&min_price=10&max_price=60&in_stock=true&sort=price"),
    ("search, page 2", "/api/catalog/products/", "search=lantern&page=2"),
    ("search, a typo", "/api/catalog/products/", "search=lantren"),
    ("product page", "/api/catalog/products/p42/", ""),
]


def backend_cpu() -> float | None:
    """CPU seconds of this connection's PostgreSQL backend, when it runs on this machine."""
    stat = Path(f"/proc/{connection.connection.info.backend_pid}/stat")
    try:
        fields = stat.read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Command(BaseCommand):
    help = "Prints the CPU one uncached catalog read costs in Django and in PostgreSQL."

    def add_arguments(self, parser):
        parser.add_argument("--shop", default="perf", help="subdomain of the shop to read")
        parser.add_argument("--requests", type=int, default=500)

    def handle(self, *args, shop: str, requests: int, **options):
        found = Shop.objects.filter(subdomain=shop).first()
        if found is None:
            raise CommandError(f"No shop {shop!r}.")
        host = found.domains.filter(is_primary=True).values_list("domain", flat=True).first() or found.subdomain
        settings.CATALOG_CACHE = False
        app = WSGIHandler()

        def get(path: str, query: str) -> None:
            environ = {"REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": query, "SERVER_NAME": host,
                       "SERVER_PORT": "80", "HTTP_HOST": host, "wsgi.url_scheme": "http",
                       "wsgi.input": io.BytesIO(), "wsgi.errors": sys.stderr, "SERVER_PROTOCOL": "HTTP/1.1"}
            status: list[str] = []

            def start_response(line: str, headers, exc_info=None):
                status.append(line)
                return lambda data: None
            body = b"".join(app(environ, start_response))
            if not status[0].startswith("200"):
                raise CommandError(f"{path}?{query}: {status[0]} {body[:200]!r}")

        self.stdout.write(f"{'uncached read, ' + str(requests) + ' requests each':<36}"
                          f"{'Django CPU':>12}{'PostgreSQL CPU':>16}{'wall':>10}")
        for label, path, query in READS:
            for _ in range(20):
                get(path, query)
            server = backend_cpu()
            started, cpu = time.perf_counter(), time.process_time()
            for _ in range(requests):
                get(path, query)
            wall, cpu = time.perf_counter() - started, time.process_time() - cpu
            after = backend_cpu()
            pg = f"{(after - server) / requests * 1000:.2f} ms" if server is not None and after is not None else "n/a"
            self.stdout.write(f"{label:<36}{cpu / requests * 1000:>9.2f} ms{pg:>16}"
                              f"{wall / requests * 1000:>7.2f} ms")
