"""`make run` signs with a random key kept under .data/, never with a key written in the code."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from saas.env import local_secret_key

ROOT = Path(__file__).resolve().parent.parent.parent
# The default that base.py used to fall back on: public, so anyone could sign tokens with it.
OLD_PUBLIC_DEFAULT = "dev-only-insecure-secret-key-change-me-0123456789"

# Run with the development settings, as `make run`'s processes are: a token signed with the
# old default must be refused and one signed with the key on disk accepted.
CHECK_TOKENS = """
import datetime, uuid, django, jwt
django.setup()
from django.conf import settings
from rest_framework_simplejwt.exceptions import InvalidToken
from saas.accounts.authentication import ShopBoundJWTAuthentication

now = datetime.datetime.now(datetime.UTC)
claims = {"token_type": "access", "exp": now + datetime.timedelta(minutes=5), "iat": now,
          "jti": uuid.uuid4().hex, "user_id": "1", "shop": "public"}
auth = ShopBoundJWTAuthentication()

def verdict(key):
    try:
        auth.get_validated_token(jwt.encode(claims, key, algorithm="HS256").encode())
        return "accepted"
    except InvalidToken:
        return "refused"

print(verdict(OLD), verdict(open(KEY_FILE).read().strip()), settings.SECRET_KEY == open(KEY_FILE).read().strip())
"""


def run_settings(tmp_path: Path, code: str, **env: str) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "JWT_SIGNING_KEY", "DJANGO_ENV"}}
    base.update(DJANGO_SETTINGS_MODULE="saas.settings.base", SECRET_KEY_FILE=str(tmp_path / "secret_key"), **env)
    return subprocess.run([sys.executable, "-c", code], env=base, cwd=ROOT, capture_output=True, text=True,
                          timeout=60)


def test_the_key_is_made_once_private_and_then_read_back(tmp_path):
    path = tmp_path / "data" / "secret_key"
    first = local_secret_key(path)
    assert local_secret_key(path) == first
    assert len(first) >= 50
    assert path.stat().st_mode & 0o777 == 0o600
    assert local_secret_key(tmp_path / "other") != first
    # A key file opened up by hand is closed again.
    path.chmod(0o644)
    assert local_secret_key(path) == first
    assert path.stat().st_mode & 0o777 == 0o600


def test_a_token_forged_with_the_old_default_key_is_refused(tmp_path):
    code = f"OLD = {OLD_PUBLIC_DEFAULT!r}\nKEY_FILE = {str(tmp_path / 'secret_key')!r}\n" + CHECK_TOKENS
    res = run_settings(tmp_path, code)
    assert res.returncode == 0, res.stderr
    assert res.stdout.split() == ["refused", "accepted", "True"]


def test_production_without_a_key_fails_fast(tmp_path):
    res = run_settings(tmp_path, "import django; django.setup()", DJANGO_ENV="production")
    assert res.returncode != 0
    assert "SECRET_KEY must be set when DJANGO_ENV=production" in res.stderr
    assert not (tmp_path / "secret_key").exists()
