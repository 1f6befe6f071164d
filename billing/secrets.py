"""Encryption of the shops' Stripe secrets at rest (Fernet: AES-128-CBC with an HMAC).

The key is STRIPE_SECRETS_KEY (a Fernet key) when set, otherwise derived from SECRET_KEY with
HKDF, so rotating SECRET_KEY without setting STRIPE_SECRETS_KEY first makes the stored
secrets unreadable (the owner enters them again)."""
from __future__ import annotations

import base64
from functools import cache

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings


@cache
def _fernet(secret_key: str, dedicated: str) -> Fernet:
    if dedicated:
        return Fernet(dedicated.encode())
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                   info=b"shopyard stripe secrets").derive(secret_key.encode())
    return Fernet(base64.urlsafe_b64encode(derived))


def fernet() -> Fernet:
    return _fernet(settings.SECRET_KEY, getattr(settings, "STRIPE_SECRETS_KEY", ""))


def secret_encrypt(value: str) -> str:
    return fernet().encrypt(value.encode()).decode()


def secret_decrypt(token: str) -> str:
    """The plain secret, or "" if it cannot be read (a changed key): then it counts as unset."""
    if not token:
        return ""
    try:
        return fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        return ""
