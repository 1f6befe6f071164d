"""Writes on accounts, in whatever schema the connection is set to (platform or one shop)."""
from __future__ import annotations

import hashlib
import time
import uuid
from datetime import UTC, datetime

from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.password_validation import validate_password
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from rest_framework import status
from rest_framework.exceptions import AuthenticationFailed, Throttled
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.tokens import BlacklistMixin, RefreshToken

from saas.accounts import events
from saas.accounts.authentication import SHOP_CLAIM, check_token_shop
from saas.accounts.errors import AccountErrorCode
from saas.accounts.models import RefreshSession, Role, User
from saas.kernel.errors import AppError, ErrorCode
from saas.kernel.events import publish
from saas.kernel.tenancy import current_schema

FAMILY_CLAIM = "fam"


class SessionRefreshToken(RefreshToken):
    """A refresh token whose validity is kept in RefreshSession rows (rotation, reuse
    detection, revocation) rather than in simplejwt's blacklist tables."""

    def check_blacklist(self) -> None:
        return None

    @classmethod
    def for_user(cls, user):
        # skips BlacklistMixin.for_user, which would write an OutstandingToken row per token
        return super(BlacklistMixin, cls).for_user(user)


def tokens_for_user(*, user: User, family: uuid.UUID | None = None) -> dict[str, str]:
    """A new access/refresh pair, bound to the current schema, recorded as one refresh session."""
    refresh = SessionRefreshToken.for_user(user)
    family = family or uuid.uuid4()
    refresh[SHOP_CLAIM] = current_schema()
    refresh["role"] = user.role
    refresh[FAMILY_CLAIM] = str(family)
    RefreshSession.objects.create(
        jti=refresh["jti"], family=family, user=user,
        expires_at=datetime.fromtimestamp(refresh["exp"], tz=UTC))
    return {"access": str(refresh.access_token), "refresh": str(refresh)}


EMAIL_TAKEN_MESSAGE = "An account with this email already exists."


def email_normalise(email: str) -> str:
    return User.objects.normalize_email(email).strip().lower()


def email_taken(*, email: str) -> bool:
    return User.objects.filter(email=email_normalise(email)).exists()


def password_problems(*, password: str, email: str = "", full_name: str = "") -> list[str]:
    """Every reason Django's validators give against this password (empty when it is fine)."""
    try:
        validate_password(password, user=User(email=email_normalise(email), full_name=full_name))
    except ValidationError as exc:
        return list(exc.messages)
    return []


def user_signup(*, email: str, password: str, full_name: str = "", role: Role) -> User:
    """Every problem is reported at once (a taken e-mail and a weak password in one answer), so
    a person fixes the form in one pass rather than one field per submit."""
    email = email_normalise(email)
    fields: dict[str, list[str]] = {}
    if email_taken(email=email):
        fields["email"] = [EMAIL_TAKEN_MESSAGE]
    if weak := password_problems(password=password, email=email, full_name=full_name):
        fields["password"] = weak
    if list(fields) == ["email"]:
        raise AppError(AccountErrorCode.EMAIL_TAKEN, EMAIL_TAKEN_MESSAGE, fields=fields)
    if list(fields) == ["password"]:
        raise AppError(AccountErrorCode.WEAK_PASSWORD, "Choose a stronger password.", fields=fields)
    if fields:
        raise AppError(ErrorCode.VALIDATION_ERROR, "Some fields are not valid.", fields=fields)
    try:
        with transaction.atomic():
            user = User.objects.create_user(email, password, full_name=full_name.strip(), role=role)
            if role == Role.CUSTOMER:
                publish(events.CustomerCreated(schema_name=current_schema(), user_id=user.pk, email=user.email))
    except IntegrityError as exc:  # a concurrent sign-up with the same email won the race
        raise AppError(AccountErrorCode.EMAIL_TAKEN, EMAIL_TAKEN_MESSAGE,
                       fields={"email": [EMAIL_TAKEN_MESSAGE]}) from exc
    return user


def _login_failure_key(email: str) -> tuple[str, int]:
    """A fixed window per account: the key and the seconds left in it."""
    window = settings.LOGIN_FAILURE_WINDOW_SECONDS
    now = int(time.time())
    digest = hashlib.sha256(email.encode()).hexdigest()[:32]
    return f"login-failures:{digest}:{now // window}", window - now % window


def user_login(*, email: str, password: str, roles: tuple[Role, ...] | None = None) -> User:
    """Every failed login answers alike, whether or not the account exists (the password
    hasher runs either way). Failures are counted per account in Redis, shared by all
    processes: past LOGIN_FAILURES_PER_ACCOUNT in a window even the right password waits."""
    email = email.strip().lower()
    key, seconds_left = _login_failure_key(email)
    if (cache.get(key) or 0) >= settings.LOGIN_FAILURES_PER_ACCOUNT:
        raise Throttled(wait=seconds_left, detail="Too many failed sign-ins for this account. Try again later.")
    user = authenticate(email=email, password=password)
    if user is None or (roles is not None and user.role not in roles):
        if not cache.add(key, 1, timeout=seconds_left + 1):
            try:
                cache.incr(key)
            except ValueError:  # the window ended between the two calls
                cache.add(key, 1, timeout=seconds_left + 1)
        raise AppError(AccountErrorCode.INVALID_CREDENTIALS, "Email or password is not correct.",
                       status_code=status.HTTP_401_UNAUTHORIZED)
    return user


def _not_valid(message: str = "The refresh token is not valid or has expired.",
               code: AccountErrorCode = AccountErrorCode.TOKEN_NOT_VALID):
    return AppError(code, message, status_code=status.HTTP_401_UNAUTHORIZED)


def _refresh_token(raw: str) -> SessionRefreshToken:
    try:
        token = SessionRefreshToken(raw)  # type: ignore[arg-type]  # the stubs miss that a str is accepted
    except TokenError as exc:
        raise _not_valid() from exc
    try:
        check_token_shop(token)
    except AuthenticationFailed as exc:  # these views authenticate nobody, so raise a plain 401
        raise AppError(AccountErrorCode.TOKEN_WRONG_SHOP,
                       str(exc.detail), status_code=status.HTTP_401_UNAUTHORIZED) from exc
    return token


def _grace_key(jti: str) -> str:
    return f"refresh-grace:{jti}"


def session_refresh(*, refresh: str) -> dict[str, str]:
    """Rotates the refresh token. Of concurrent refreshes with one token, one rotates and the
    others wait on its row lock; within JWT_REFRESH_GRACE_SECONDS a repeated refresh (a retried
    request, a racing tab) gets the same new pair. After that a rotated token is treated as
    stolen and its whole family is revoked."""
    token = _refresh_token(refresh)
    outcome = _rotate(jti=token["jti"])
    if isinstance(outcome, AppError):  # raised only now, so that a revocation has committed
        raise outcome
    return outcome


@transaction.atomic
def _rotate(*, jti: str) -> dict[str, str] | AppError:
    now = timezone.now()
    grace = settings.JWT_REFRESH_GRACE_SECONDS
    record = RefreshSession.objects.select_for_update().select_related("user").filter(jti=jti).first()
    if record is None or record.revoked_at is not None:
        return _not_valid("This session has ended: sign in again.")
    if record.rotated_at is not None:
        replay = cache.get(_grace_key(jti))
        if replay is not None and (now - record.rotated_at).total_seconds() <= grace:
            return replay
        RefreshSession.objects.filter(family=record.family, revoked_at__isnull=True).update(revoked_at=now)
        return _not_valid("This refresh token was already used, so every session of this sign-in has been "
                          "ended. Sign in again.", AccountErrorCode.TOKEN_REUSED)
    if not record.user.is_active:
        return _not_valid("The account no longer exists.")
    pair = tokens_for_user(user=record.user, family=record.family)
    record.rotated_at = now
    record.save(update_fields=["rotated_at"])
    # written before the row lock is released, so a copy of this request waiting on it finds it
    cache.set(_grace_key(jti), pair, timeout=max(1, int(grace)))
    return pair


def session_logout(*, refresh: str) -> None:
    """Ends this sign-in: every refresh token of its family stops working."""
    token = _refresh_token(refresh)
    RefreshSession.objects.filter(family=token.get(FAMILY_CLAIM), revoked_at__isnull=True).update(
        revoked_at=timezone.now())


def sessions_revoke_all(*, user: User) -> int:
    """Signs the account out everywhere: every refresh token of every sign-in, and (after
    commit, through the signal) its open sockets."""
    ended = RefreshSession.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())
    publish(events.SessionsRevoked(schema_name=current_schema(), user_id=user.pk))
    return ended
