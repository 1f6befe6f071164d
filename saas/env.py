"""Reading settings from the environment: safe defaults for development, fail fast in production."""
from __future__ import annotations

import os
import secrets
from pathlib import Path

try:
    from django.core.exceptions import ImproperlyConfigured
except ImportError:  # infra/dev.py loads this file for local_secret_key before the virtualenv exists
    class ImproperlyConfigured(Exception):  # type: ignore[no-redef]
        pass

PRODUCTION = os.environ.get("DJANGO_ENV", "development") == "production"


def env(name: str, default: str | None = None, *, required_in_production: bool = False) -> str:
    value = os.environ.get(name)
    if value is not None and value != "":
        return value
    if PRODUCTION and required_in_production:
        raise ImproperlyConfigured(f"{name} must be set when DJANGO_ENV=production")
    if default is None:
        raise ImproperlyConfigured(f"{name} is not set")
    return default


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, got {raw!r}") from exc


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    return [part.strip() for part in raw.split(",") if part.strip()]


def local_secret_key(path: Path) -> str:
    """The development SECRET_KEY: random, made on first use and kept in `path` (git-ignored,
    readable by its owner only), so every process of a checkout signs with the same key and
    nobody else knows it. Safe when several processes start at once: the first link wins."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        draft = path.with_name(f".{path.name}.{os.getpid()}")
        fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(secrets.token_urlsafe(48) + "\n")
        try:
            os.link(draft, path)
        except FileExistsError:
            pass
        finally:
            draft.unlink()
    if path.stat().st_mode & 0o077:
        path.chmod(0o600)
    key = path.read_text().strip()
    if len(key) < 32:
        raise ImproperlyConfigured(f"{path} holds no usable key: delete it and a new one is made")
    return key
