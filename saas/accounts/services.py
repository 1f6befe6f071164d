"""Writes on accounts, in whatever schema the connection is set to (platform or one shop)."""
from __future__ import annotations

from django.contrib.auth import authenticate
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from rest_framework import status
from rest_framework.exceptions import AuthenticationFailed
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.tokens import RefreshToken

from saas.accounts.authentication import SHOP_CLAIM, check_token_shop
from saas.accounts.models import Role, User
from saas.errors import AppError
from saas.tenancy import current_schema


def tokens_for_user(*, user: User) -> dict[str, str]:
    refresh = RefreshToken.for_user(user)
    refresh[SHOP_CLAIM] = current_schema()
    refresh["role"] = user.role
    return {"access": str(refresh.access_token), "refresh": str(refresh)}


def user_signup(*, email: str, password: str, full_name: str = "", role: Role) -> User:
    email = User.objects.normalize_email(email).strip().lower()
    if User.objects.filter(email=email).exists():
        raise AppError("email_taken", "An account with this email already exists.",
                       fields={"email": ["An account with this email already exists."]})
    try:
        validate_password(password, user=User(email=email, full_name=full_name))
    except ValidationError as exc:
        raise AppError("weak_password", "Choose a stronger password.", fields={"password": exc.messages}) from exc
    try:
        with transaction.atomic():
            user = User.objects.create_user(email, password, full_name=full_name.strip(), role=role)
    except IntegrityError as exc:  # a concurrent sign-up with the same email won the race
        raise AppError("email_taken", "An account with this email already exists.",
                       fields={"email": ["An account with this email already exists."]}) from exc
    return user


def user_login(*, email: str, password: str, roles: tuple[Role, ...] | None = None) -> User:
    user = authenticate(email=email.strip().lower(), password=password)
    if user is None:
        handoff_only = User.objects.filter(email=email.strip().lower(), role=Role.OWNER, password__startswith="!")
        if handoff_only.exists():
            raise AppError("use_platform_sign_in", "The shop's owner signs in through the platform: open the "
                           "dashboard from My shops.", status_code=status.HTTP_401_UNAUTHORIZED)
    if user is None or (roles is not None and user.role not in roles):
        raise AppError("invalid_credentials", "Email or password is not correct.",
                       status_code=status.HTTP_401_UNAUTHORIZED)
    return user


def _refresh_token(raw: str) -> RefreshToken:
    try:
        token = RefreshToken(raw)  # type: ignore[arg-type]  # the stubs miss that a str is accepted
    except TokenError as exc:
        raise AppError("token_not_valid", "The refresh token is not valid or has expired.",
                       status_code=status.HTTP_401_UNAUTHORIZED) from exc
    try:
        check_token_shop(token)
    except AuthenticationFailed as exc:  # these views authenticate nobody, so raise a plain 401
        raise AppError("token_wrong_shop", str(exc.detail), status_code=status.HTTP_401_UNAUTHORIZED) from exc
    return token


def session_refresh(*, refresh: str) -> dict[str, str]:
    """Rotates: the old refresh token is blacklisted and a new pair is returned."""
    token = _refresh_token(refresh)
    try:
        user = User.objects.get(pk=token["user_id"], is_active=True)
    except User.DoesNotExist as exc:
        raise AppError("token_not_valid", "The account no longer exists.", status_code=401) from exc
    try:
        token.blacklist()
    except TokenError as exc:
        raise AppError("token_not_valid", "The refresh token was already used.", status_code=401) from exc
    return tokens_for_user(user=user)


def session_logout(*, refresh: str) -> None:
    token = _refresh_token(refresh)
    token.blacklist()
