"""One port in front of the web servers (standard library only): nginx serves /static/ from
disk and proxies /ws/ to uvicorn (ASGI) and all else to granian (WSGI), as measured fastest."""
from __future__ import annotations

import gzip
import os
import pwd
import re
import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent
TEMPLATE = HERE / "nginx.conf.template"
# Django's own default (saas/settings/base.py); a test keeps the two equal.
DEFAULT_MAX_REQUEST_BYTES = 55 * 1024 * 1024
COMPRESSIBLE = {".js", ".mjs", ".css", ".svg", ".json", ".html", ".txt", ".map"}


def find_nginx() -> str | None:
    found = shutil.which("nginx")
    if found:
        return found
    # /usr/sbin is often missing from an ordinary user's PATH.
    return "/usr/sbin/nginx" if os.access("/usr/sbin/nginx", os.X_OK) else None


def render(template: str, values: dict[str, str]) -> str:
    text = template
    for key, value in values.items():
        text = text.replace("{{" + key + "}}", value)
    left = re.findall(r"\{\{\w+\}\}", text)
    if left:
        raise ValueError(f"no value for {', '.join(sorted(set(left)))} in {TEMPLATE.name}")
    return text


def write_config(run_dir: Path, *, port: int, wsgi_port: int, asgi_port: int, static_root: Path,
                 max_body_bytes: int, checkout: Path) -> Path:
    """Writes nginx.conf for one run into `run_dir` (its pid and temp files go there too)."""
    run_dir.mkdir(parents=True, exist_ok=True)
    user = ""
    if os.geteuid() == 0:
        # Workers of a root master run as 'nobody' by default, who cannot read a checkout in a
        # private folder (mktemp -d): they run as the checkout's owner instead.
        owner = pwd.getpwuid(checkout.stat().st_uid).pw_name
        user = f"user {owner};"
        for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (run_dir / sub).mkdir(exist_ok=True)
            shutil.chown(run_dir / sub, owner)
    conf = render(TEMPLATE.read_text(), {
        "run_dir": str(run_dir), "user": user, "port": str(port), "wsgi_port": str(wsgi_port),
        "asgi_port": str(asgi_port), "static_root": str(static_root).rstrip("/"),
        "max_body_bytes": str(max_body_bytes),
    })
    path = run_dir / "nginx.conf"
    path.write_text(conf)
    return path


def nginx_command(nginx: str, conf: Path) -> list[str]:
    # -e: errors to stderr before the configuration is read (the built-in log path is root's).
    return [nginx, "-p", str(conf.parent), "-c", str(conf), "-e", "stderr"]


def precompress(static_root: Path) -> int:
    """Writes file.gz beside each compressible static file lacking a fresh one, so gzip_static
    sends it without compressing per request. Returns how many it wrote."""
    written = 0
    for path in static_root.rglob("*"):
        if path.suffix not in COMPRESSIBLE or not path.is_file() or path.stat().st_size < 1024:
            continue
        packed = path.with_name(path.name + ".gz")
        if packed.exists() and packed.stat().st_mtime >= path.stat().st_mtime:
            continue
        packed.write_bytes(gzip.compress(path.read_bytes(), compresslevel=9, mtime=0))
        written += 1
    return written
