"""Social sign-in (Google, Facebook) through one callback on the root domain.

A shop's host and the root domain share no cookies, so allauth's session state cannot carry the
shop across. The hand-off is ours:

1. `social_start` (on the shop or the platform) signs {schema, host, path started from, hash of a
   nonce} and answers the root-domain address to open plus the nonce, which the browser keeps.
2. The root domain checks the signature and that the host is a domain of that active shop
   (`handoff_verify`), then lets allauth redirect to the provider: allauth keeps its own state,
   PKCE verifier and our hand-off in the root domain's (Redis) session.
3. allauth's callback checks state and exchanges the code; our adapter then calls
   `social_callback_complete`, which signs in or links the person in that shop's schema and
   writes a one-time, short-lived hand-back code there.
4. The shop exchanges the code and the nonce for its own JWT pair (`handback_redeem`).
"""
from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tenants.utils import get_tenant_domain_model, get_tenant_model, schema_context, tenant_context
from rest_framework import status

from saas.accounts import services
from saas.accounts.errors import AccountErrorCode
from saas.accounts.models import Role, SocialHandback, SocialLink, User
from saas.kernel.errors import AppError, ErrorCode
from saas.kernel.tenancy import current_schema, on_commit_here, shop_base_url

STATE_SALT = "saas.accounts.social.start"
PUBLIC = "public"
# A path on the same host: "/x", never "//host" or "/\host" (which browsers read as another host).
SAFE_PATH = re.compile(r"^/(?![/\\])[^\s\\]*$")
PROVIDER_NAMES = {"google": "Google", "facebook": "Facebook"}


def enabled_providers() -> list[str]:
    """The providers whose client id and secret are configured (the others' buttons are hidden)."""
    return [name for name, app in settings.SOCIAL_PROVIDER_APPS.items() if app.get("client_id") and app.get("secret")]


def _hash(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def _provider_checked(provider: str) -> str:
    if provider not in enabled_providers():
        raise AppError(AccountErrorCode.PROVIDER_UNAVAILABLE, "This sign-in method is not available.",
                       fields={"provider": ["Choose one of: " + (", ".join(enabled_providers()) or "none")]})
    return provider


def _safe_path(path: str) -> str:
    if not SAFE_PATH.match(path) or len(path) > 500:
        raise AppError(AccountErrorCode.INVALID_PATH, "The page to come back to must be a path on this site.",
                       fields={"from_path": ["Give a path that starts with a single /."]})
    return path


def social_start(*, provider: str, host: str, from_path: str) -> dict[str, str]:
    """The root-domain address that starts a sign-in with `provider` for the current schema,
    and the nonce the starting browser must present with the hand-back code."""
    _provider_checked(provider)
    nonce = secrets.token_urlsafe(24)
    state = signing.dumps({"s": current_schema(), "h": host.lower(), "f": _safe_path(from_path),
                           "n": _hash(nonce), "p": provider}, salt=STATE_SALT, compress=True)
    url = f"{settings.ROOT_URL}/api/platform/social/begin/?{urlencode({'state': state})}"
    return {"url": url, "nonce": nonce}


@dataclass(frozen=True)
class Handoff:
    schema: str
    host: str
    from_path: str
    nonce_hash: str
    provider: str

    def as_dict(self) -> dict[str, str]:
        return {"s": self.schema, "h": self.host, "f": self.from_path, "n": self.nonce_hash, "p": self.provider}


def state_error() -> AppError:
    return AppError(AccountErrorCode.SOCIAL_STATE_INVALID,
                    "This sign-in link is invalid or has expired. Go back to the shop "
                    "and choose the sign-in button again.", status_code=status.HTTP_400_BAD_REQUEST)


def _active_shop(schema: str, host: str):
    """The shop of `schema` if it is active and `host` is one of its domains; None on the platform."""
    if schema == PUBLIC:
        if host not in settings.PLATFORM_HOSTS:
            raise state_error()
        return None
    with schema_context(PUBLIC):
        shop = get_tenant_model().objects.filter(schema_name=schema).first()
        if (shop is None or shop.status != "active"
                or not get_tenant_domain_model().objects.filter(tenant=shop, domain=host).exists()):
            raise state_error()
    return shop


def handoff_verify(*, state: str) -> Handoff:
    """Reads a signed start state on the root domain; refuses a tampered or stale one, and one
    whose host is not (or no longer) a domain of an active shop."""
    try:
        raw = signing.loads(state, salt=STATE_SALT, max_age=settings.SOCIAL_STATE_MAX_AGE)
        handoff = Handoff(schema=raw["s"], host=raw["h"], from_path=_safe_path(raw["f"]),
                          nonce_hash=raw["n"], provider=raw["p"])
    except (signing.BadSignature, KeyError, TypeError, AppError) as exc:
        raise state_error() from exc
    _provider_checked(handoff.provider)
    _active_shop(handoff.schema, handoff.host)
    return handoff


def handoff_from_dict(raw: dict) -> Handoff:
    return Handoff(schema=raw["s"], host=raw["h"], from_path=raw["f"], nonce_hash=raw["n"], provider=raw["p"])


def _base_url(handoff: Handoff) -> str:
    if handoff.schema == PUBLIC:
        return str(settings.ROOT_URL).rstrip("/")
    return shop_base_url("", handoff.host)


def error_url(handoff: Handoff, code: str) -> str:
    sep = "&" if "?" in handoff.from_path else "?"
    query = urlencode({"social_error": code, "social_provider": handoff.provider})
    return f"{_base_url(handoff)}{handoff.from_path}{sep}{query}"


@dataclass(frozen=True)
class ProviderIdentity:
    provider: str
    uid: str
    email: str
    email_verified: bool
    full_name: str = ""


def social_callback_complete(*, handoff: Handoff, identity: ProviderIdentity) -> str:
    """Signs the person in (or links, or creates) in the schema the sign-in started from, and
    answers the address that hands them back there with a one-time code. Errors a person can act
    on come back to the page they started from."""
    try:
        shop = _active_shop(handoff.schema, handoff.host)
    except AppError:
        return error_url(handoff, "shop_unavailable")
    try:
        if shop is None:
            with schema_context(PUBLIC):
                code = _signin_and_handback(handoff, identity, role=Role.MERCHANT)
        else:
            with tenant_context(shop):
                code = _signin_and_handback(handoff, identity, role=Role.CUSTOMER)
    except AppError as exc:
        return error_url(handoff, exc.code)
    return f"{_base_url(handoff)}/auth/social#{urlencode({'code': code})}"


def _signin_and_handback(handoff: Handoff, identity: ProviderIdentity, *, role: Role) -> str:
    for attempt in (1, 2):
        try:
            with transaction.atomic():
                user = social_signin(identity=identity, new_role=role)
                return handback_create(user=user, nonce_hash=handoff.nonce_hash)
        except IntegrityError:
            # a concurrent first sign-in of the same person made the account or link first:
            # the second attempt finds it
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def social_signin(*, identity: ProviderIdentity, new_role: Role) -> User:
    """The account of this provider identity in the current schema. An identity seen before signs
    in to its account; otherwise a provider-verified e-mail of an existing account links to it, an
    unverified one never does; otherwise a new account is made."""
    now = timezone.now()
    link = (SocialLink.objects.select_for_update().select_related("user")
            .filter(provider=identity.provider, uid=identity.uid).first())
    if link is not None:
        if not link.user.is_active:
            raise AppError(AccountErrorCode.ACCOUNT_INACTIVE, "This account is closed.", status_code=403)
        link.last_used_at = now
        link.save(update_fields=["last_used_at"])
        return link.user
    email = User.objects.normalize_email(identity.email or "").strip().lower()
    if not email:
        raise AppError(AccountErrorCode.EMAIL_MISSING, "The provider did not share an e-mail address.")
    user = User.objects.select_for_update().filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email, None, full_name=identity.full_name[:120], role=new_role,
                                        email_verified=identity.email_verified)
        user_id = user.pk
        from saas.accounts.tasks import send_welcome_email

        on_commit_here(lambda: send_welcome_email.delay(user_id))
    else:
        if not identity.email_verified:
            raise AppError(AccountErrorCode.EMAIL_UNVERIFIED,
                           "An account with this e-mail already exists and the provider "
                           "did not confirm that the address is yours. Sign in with your password instead.")
        if not user.is_active:
            raise AppError(AccountErrorCode.ACCOUNT_INACTIVE, "This account is closed.", status_code=403)
        if user.role == Role.PLATFORM_ADMIN:
            raise AppError(AccountErrorCode.SOCIAL_NOT_ALLOWED, "Platform administrators sign in with their password.")
        if not user.email_verified:
            # The address was never confirmed, so whoever set this password may not be the
            # address's owner (who has just proven it): the password and its sessions go.
            user.email_verified = True
            user.set_unusable_password()
            user.save(update_fields=["email_verified", "password"])
            services.sessions_revoke_all(user=user)
    SocialLink.objects.create(user=user, provider=identity.provider, uid=identity.uid, email=email)
    return user


def handback_create(*, user: User, nonce_hash: str) -> str:
    code = secrets.token_urlsafe(32)
    SocialHandback.objects.create(code_hash=_hash(code), nonce_hash=nonce_hash, user=user,
                                  expires_at=timezone.now() + timedelta(seconds=settings.SOCIAL_HANDBACK_SECONDS))
    return code


def handback_redeem(*, code: str, nonce: str) -> User:
    """Exchanges a hand-back code, once, in the schema it was written to, and only from the
    browser that started the sign-in (its nonce). A wrong nonce spends the code as well."""
    now = timezone.now()
    record = (SocialHandback.objects.select_related("user")
              .filter(code_hash=_hash(code), used_at__isnull=True, expires_at__gt=now).first())
    claimed = record is not None and SocialHandback.objects.filter(
        pk=record.pk, used_at__isnull=True).update(used_at=now) == 1
    if (not claimed or record is None or not hmac.compare_digest(record.nonce_hash, _hash(nonce))
            or not record.user.is_active):
        raise AppError(AccountErrorCode.HANDBACK_INVALID,
                       "This sign-in has expired or was already used. Choose the sign-in "
                       "button again.", status_code=status.HTTP_401_UNAUTHORIZED)
    return record.user


def social_link_remove(*, user: User, link_id: int) -> None:
    """Unlinks a provider, unless it is the account's last way to sign in."""
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        link = SocialLink.objects.filter(pk=link_id, user=locked).first()
        if link is None:
            raise AppError(ErrorCode.NOT_FOUND, "No such linked sign-in.", status_code=404)
        if not locked.has_usable_password() and not SocialLink.objects.filter(user=locked).exclude(pk=link.pk).exists():
            raise AppError(AccountErrorCode.LAST_SIGN_IN_METHOD,
                           "This is your only way to sign in. Set a password first "
                           "(\"Forgot password\" sends a link), then remove it.", status_code=409)
        link.delete()
