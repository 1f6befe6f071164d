"""Password reset and e-mail verification, on the platform and on every shop.

Links are built from the configured address of the platform or the shop (saas.kernel.tenancy.site_url),
never from the request's Host header. Reset tokens are Django's (single use: they stop
working once the password changes; expiring after PASSWORD_RESET_TIMEOUT) with the schema
mixed in, so a link made by one shop means nothing to another."""
from __future__ import annotations

import secrets
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode

from saas.accounts.errors import AccountErrorCode
from saas.accounts.models import User
from saas.kernel.errors import AppError
from saas.kernel.tenancy import current_schema, site_url


class ShopPasswordResetTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "saas.accounts.recovery.ShopPasswordResetTokenGenerator"

    def _make_hash_value(self, user, timestamp):
        return f"{current_schema()}:{super()._make_hash_value(user, timestamp)}"


reset_tokens = ShopPasswordResetTokenGenerator()
VERIFY_MAX_AGE = 3 * 24 * 3600


def _verify_salt() -> str:
    return f"verify-email:{current_schema()}"


def password_reset_link(*, user: User) -> str:
    query = urlencode({"uid": urlsafe_base64_encode(force_bytes(user.pk)), "token": reset_tokens.make_token(user)})
    return f"{site_url()}/reset-password?{query}"


def password_reset_request(*, email: str) -> int | None:
    """Returns the id of the account to e-mail, or None. The caller answers the same either
    way; a password hash is computed either way, so timing does not tell either."""
    make_password(secrets.token_hex(8))
    user = User.objects.filter(email=email.strip().lower(), is_active=True).first()
    return user.pk if user is not None else None


def password_reset_confirm(*, uid: str, token: str, password: str) -> User:
    from saas.accounts.services import sessions_revoke_all

    invalid = AppError(AccountErrorCode.RESET_LINK_INVALID,
                       "This reset link is invalid, used or expired. Ask for a new one.")
    try:
        user_id = int(force_str(urlsafe_base64_decode(uid)))
    except (ValueError, TypeError, OverflowError, UnicodeDecodeError) as exc:
        raise invalid from exc
    with transaction.atomic():
        user = User.objects.select_for_update().filter(pk=user_id, is_active=True).first()
        if user is None or not reset_tokens.check_token(user, token):
            raise invalid
        try:
            validate_password(password, user=user)
        except ValidationError as exc:
            raise AppError(AccountErrorCode.WEAK_PASSWORD,
                           "Choose a stronger password.", fields={"password": exc.messages}) from exc
        user.set_password(password)
        user.email_verified = True  # the link reached that mailbox
        user.save(update_fields=["password", "email_verified"])
        sessions_revoke_all(user=user)
    return user


def email_verification_link(*, user: User) -> str:
    token = signing.dumps({"u": user.pk, "e": user.email}, salt=_verify_salt(), compress=True)
    return f"{site_url()}/verify-email?{urlencode({'token': token})}"


def email_verify(*, token: str) -> User:
    invalid = AppError(AccountErrorCode.VERIFICATION_LINK_INVALID, "This verification link is invalid or expired. "
                       "Sign in and ask for a new one.")
    try:
        data = signing.loads(token, salt=_verify_salt(), max_age=VERIFY_MAX_AGE)
    except signing.BadSignature as exc:
        raise invalid from exc
    user = User.objects.filter(pk=data.get("u"), email=data.get("e"), is_active=True).first()
    if user is None:
        raise invalid
    if not user.email_verified:
        user.email_verified = True
        user.save(update_fields=["email_verified"])
    return user


def reset_timeout_minutes() -> int:
    return int(settings.PASSWORD_RESET_TIMEOUT) // 60
