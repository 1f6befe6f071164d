"""`make test` and `python3 infra/dev.py test --suites ...`: lint (ruff, import contracts,
mypy, oxlint), pytest, Vitest and the Playwright journeys against a fresh database served
through make run's front door."""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys

from datastores import DATA, PY, ROOT, VENV, Services, apt_install, free_port
from project import (
    FRONTEND,
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
from standins import google_stand_in, localstripe_start, platform_stripe
from supervise import Supervisor, log, stop_on_signals


def ensure_chromium() -> str:
    path = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path and apt_install("chromium"):
        path = shutil.which("chromium")
    if not path:
        sys.exit("Chromium is needed for the browser tests: install Debian's 'chromium' package.")
    return path


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
