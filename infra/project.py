"""The project's set-up steps and processes, shared by `make run`, the test suites and the
benchmarks (infra/dev.py, suites.py, benches.py): pinned Python and npm dependencies, the
front-end build, Django management commands, the web servers behind the nginx front door and
Celery. Standard library only, like dev.py."""
from __future__ import annotations

import hashlib
import importlib.util
import os
import sys
import time
import urllib.request
from pathlib import Path

import frontdoor
from datastores import DATA, PY, ROOT, VENV, Services, apt_install, check_children, free_port, run, wait_listening
from supervise import Supervisor, log

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
