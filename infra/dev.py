#!/usr/bin/env python3
"""Local set-up and process supervision behind `make run` and `make test`.

Standard library only: it runs before the virtualenv exists. It follows the
"embedded default" of the architecture: DATABASE_URL / REDIS_URL when set,
otherwise a server already listening on the usual localhost port, otherwise a
private PostgreSQL cluster and redis-server under the git-ignored `.data/`:
`make run` keeps its data (`.data/pg`, Redis with append-only persistence), the test
suites use a cluster of their own tuned for speed (`.data/pg-test`, fsync off).
Every process it starts is stopped again by its process group (infra/supervise.py).
"""
from __future__ import annotations

import argparse
import os
import sys
import time

from benches import cmd_bench, cmd_bench_http, cmd_bench_sockets
from datastores import DATA, Services, port_open
from project import (
    celery_beat,
    celery_worker,
    django_env,
    ensure_frontend,
    ensure_python_deps,
    manage,
    prepare_database,
    secret_key,
    serve_web,
    wait_http,
)
from suites import cmd_test
from supervise import Supervisor, log, port_holder, stop_on_signals


def refuse_taken_port(port: int) -> None:
    if port_open(port):
        holder = port_holder(port) or "another process (`ss -ltnp` as root names it)"
        sys.exit(f"Port {port} is taken by {holder}.\n"
                 f"Stop it, or serve on another port: PORT={port + 100} make run")


def cmd_run(args: argparse.Namespace) -> int:
    t0 = time.time()
    stop_on_signals()
    port = int(os.environ.get("PORT", args.port))
    refuse_taken_port(port)
    DATA.mkdir(exist_ok=True)
    ensure_python_deps()
    ensure_frontend()
    with Supervisor() as sup:
        try:
            services = Services(sup, durable=True)
            services.start_postgres()
            services.start_redis()
            services.create_database("shopyard")
            env = django_env(services, ROOT_URL=os.environ.get("ROOT_URL", f"http://localhost:{port}"),
                             SECRET_KEY=secret_key())
            if "EMAIL_BACKEND" not in os.environ:  # mail lands in files rather than in the log
                env.update(EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
                           EMAIL_FILE_PATH=str(DATA / "mail"))
            prepare_database(env)
            manage(env, "collectstatic", "--noinput", "-v", "0")
            refuse_taken_port(port)  # taken while we were setting up
            serve_web(sup, env, port)
            celery_worker(sup, env)
            celery_beat(sup, env)
            wait_http(port, sup)
            manage(env, "load_demo", "--print")
            log(f"serving in {time.time() - t0:.1f} s. Open http://localhost:{port}/  (Ctrl-C stops everything)")
            return sup.watch()
        except KeyboardInterrupt:
            return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p_run = sub.add_parser("run", help="set up and serve the platform with demo shops")
    p_run.add_argument("--port", default=8000, type=int)
    p_test = sub.add_parser("test", help="set up and run every test suite")
    p_test.add_argument("--suites", default="lint,python,unit,e2e",
                        type=lambda s: set(s.split(",")))
    p_test.add_argument("--e2e-project", action="append", default=[], metavar="NAME",
                        help="run only this Playwright project (repeatable)")
    p_test.add_argument("pytest_args", nargs="*")
    sub.add_parser("setup", help="install dependencies and build the front end only")
    p_bench = sub.add_parser("bench", help="print the tenancy figures (shop creation, migrate_schemas)")
    p_bench.add_argument("bench_args", nargs="*")
    sub.add_parser("services", help="start PostgreSQL and Redis, leave them running, print their URLs")
    p_http = sub.add_parser("bench-http", help="HTTP figures of the catalog and checkout beside a bare view")
    p_http.add_argument("--keep", action="store_true", help="reuse the seeded benchmark database")
    p_http.add_argument("--only", choices=["checkout", "catalog"],
                        help="checkout: the floor, the checkout's profile and the orders/s; "
                             "catalog: the uncached reads")
    sub.add_parser("bench-sockets", help="WebSocket figures: sockets held, commit-to-delivery, a Redis outage")
    args = parser.parse_args()
    if args.command == "services":
        DATA.mkdir(exist_ok=True)
        services = Services(None, durable=True)
        services.start_postgres()
        services.start_redis()
        services.create_database("shopyard")
        print(f"export DATABASE_URL={services.database_url} REDIS_URL={services.redis_url}")
        return 0
    if args.command == "run":
        return cmd_run(args)
    if args.command == "test":
        return cmd_test(args)
    if args.command == "bench":
        return cmd_bench(args)
    if args.command == "bench-http":
        return cmd_bench_http(args)
    if args.command == "bench-sockets":
        return cmd_bench_sockets(args)
    DATA.mkdir(exist_ok=True)
    ensure_python_deps()
    ensure_frontend()
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:  # stopped while setting up, before anything was started
        sys.exit(130)
