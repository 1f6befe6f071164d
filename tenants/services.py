"""Writes on shops: provisioning by cloning the template schema, suspension, handoff codes."""
from __future__ import annotations

import hashlib
import re
import secrets
import shutil
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django_tenants.clone import CloneSchema
from django_tenants.utils import schema_context, schema_exists

from saas.accounts.models import Role, User
from saas.kernel.errors import AppError, ErrorCode
from saas.kernel.events import publish
from saas.kernel.tenancy import cache_forget_schema, media_prefix, tenant_connection
from tenants import events, limits
from tenants.errors import TenantErrorCode
from tenants.models import DashboardHandoff, Domain, Plan, Shop, ShopStatus
from tenants.rules import domain_for_subdomain, schema_for_subdomain, subdomain_problem
from tenants.selectors import forget_hosts, forget_shop_hosts

HANDOFF_TTL = timedelta(seconds=120)
_clone_function_ready = False


def clone_function_install(*, force: bool = False) -> None:
    """Installs the schema-cloning SQL function once, rather than on every shop creation
    (where concurrent CREATE OR REPLACE FUNCTION calls would also collide)."""
    global _clone_function_ready
    if _clone_function_ready and not force:
        return
    with schema_context("public"), connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
                       "WHERE n.nspname = 'public' AND p.proname = 'clone_schema'")
        if force or cursor.fetchone() is None:
            CloneSchema()._create_clone_schema_function()
    _clone_function_ready = True


def _clone_template(schema_name: str) -> None:
    base = settings.TENANT_BASE_SCHEMA
    if not schema_exists(base):
        raise RuntimeError(f"The template schema {base!r} is missing: run `manage.py migrate_schemas`.")
    clone_function_install()
    with connection.cursor() as cursor:
        # DATA mode copies django_migrations too, so the clone needs no (slow) faked migrate run.
        cursor.execute("SELECT public.clone_schema(%s, %s, 'DATA')", [base, schema_name])


def _name_error(name: str) -> None:
    if not name:
        raise AppError(ErrorCode.VALIDATION_ERROR,
                       "Give the shop a name.", fields={"name": ["This field may not be blank."]})
    if len(name) > 80:
        raise AppError(ErrorCode.VALIDATION_ERROR, "The name is too long.",
                       fields={"name": ["Ensure this field has no more than 80 characters."]})


SUBDOMAIN_TAKEN_MESSAGE = "This subdomain is already taken."


def subdomain_taken(*, subdomain: str) -> bool:
    return (Shop.objects.filter(subdomain=subdomain).exists()
            or Domain.objects.filter(domain=domain_for_subdomain(subdomain)).exists())


def shop_create(*, owner: User, name: str, subdomain: str, plan: Plan | None = None,
                currency: str = "GBP") -> Shop:
    """Creates the shop's rows and schema in one transaction: on any failure nothing remains."""
    name = name.strip()
    subdomain = subdomain.strip().lower()
    _name_error(name)
    problem = subdomain_problem(subdomain)
    if problem:
        raise AppError(TenantErrorCode(f"subdomain_{problem[0]}"), problem[1], fields={"subdomain": [problem[1]]})
    taken = AppError(TenantErrorCode.SUBDOMAIN_TAKEN, SUBDOMAIN_TAKEN_MESSAGE,
                     fields={"subdomain": [SUBDOMAIN_TAKEN_MESSAGE]})
    domain = domain_for_subdomain(subdomain)
    schema_name = schema_for_subdomain(subdomain)
    if subdomain_taken(subdomain=subdomain):
        raise taken
    plan = plan or Plan.objects.filter(is_default=True).first() or Plan.objects.first()
    if plan is None:
        raise RuntimeError("No plan exists: run migrations first.")
    try:
        with transaction.atomic():
            shop = Shop(schema_name=schema_name, name=name, subdomain=subdomain, owner=owner, plan=plan,
                        currency=currency)
            shop.save()
            _clone_template(schema_name)
            Domain.objects.create(domain=domain, tenant=shop, is_primary=True)
            with schema_context(schema_name):
                User.objects.create_user(owner.email, None, full_name=owner.full_name, role=Role.OWNER)
    except IntegrityError as exc:  # a concurrent request took the same subdomain first
        raise taken from exc
    finally:
        tenant_connection().set_schema_to_public()
    publish(events.ShopCreated(schema_name="public", shop_id=shop.pk, shop_schema=shop.schema_name,
                               subdomain=shop.subdomain, owner_id=shop.owner_id))
    return shop


def _set_status(shop: Shop, status: str, reason: str = "") -> Shop:
    shop.status = status
    shop.suspended_reason = reason
    shop.suspended_at = timezone.now() if status != ShopStatus.ACTIVE else None
    shop.save(update_fields=["status", "suspended_reason", "suspended_at"])
    forget_shop_hosts(shop)
    publish(events.ShopStatusChanged(schema_name="public", shop_id=shop.pk, shop_schema=shop.schema_name,
                                     status=status, reason=shop.suspended_reason))
    return shop


def shop_footer_note_set(*, shop: Shop, note: str) -> Shop:
    shop.footer_note = note.strip()[:300]
    shop.save(update_fields=["footer_note"])
    forget_shop_hosts(shop)
    return shop


def shop_suspend(*, shop: Shop, reason: str = "", for_nonpayment: bool = False) -> Shop:
    """An admin's suspension, or (for_nonpayment) the closing after a failed renewal's grace
    period, which never replaces an admin's suspension and which paying lifts."""
    if for_nonpayment:
        if shop.status != ShopStatus.ACTIVE:
            return shop
        return _set_status(shop, ShopStatus.UNPAID, reason.strip()[:500])
    return _set_status(shop, ShopStatus.SUSPENDED, reason.strip()[:500])


def shop_reopen_after_payment(*, shop: Shop) -> Shop:
    """Paying reopens a shop closed for non-payment, and nothing else (an admin's suspension stays)."""
    return _set_status(shop, ShopStatus.ACTIVE) if shop.status == ShopStatus.UNPAID else shop


def shop_reactivate(*, shop: Shop) -> Shop:
    return _set_status(shop, ShopStatus.ACTIVE)


def shop_delete(*, shop: Shop) -> None:
    """Deletes the shop for good: its schema (every table in it), its rows and domains, then,
    after commit, its host snapshots, cache entries and media, and its open sockets."""
    schema_name, shop_id = shop.schema_name, shop.pk
    hosts = list(Domain.objects.filter(tenant=shop).values_list("domain", flat=True))
    with transaction.atomic():
        Shop.objects.select_for_update().filter(pk=shop.pk).first()
        with connection.cursor() as cursor:
            # deferred foreign-key checks of rows written earlier in an enclosing transaction
            # would otherwise refuse the DROP ("pending trigger events")
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        Domain.objects.filter(tenant=shop).delete()
        shop.delete(force_drop=True)  # DROP SCHEMA ... CASCADE, inside this transaction

    def after_commit() -> None:
        forget_hosts(hosts)
        cache_forget_schema(schema_name)
        media_root = Path(settings.MEDIA_ROOT) / media_prefix(schema_name)
        shutil.rmtree(media_root, ignore_errors=True)

    transaction.on_commit(after_commit)
    publish(events.ShopDeleted(schema_name="public", shop_id=shop_id, shop_schema=schema_name, hosts=tuple(hosts)))


HOSTNAME_RE = re.compile(r"^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")


def _domain_error(message: str, code: TenantErrorCode = TenantErrorCode.INVALID_DOMAIN) -> AppError:
    return AppError(code, message, fields={"domain": [message]})


def domain_add(*, shop: Shop, domain: str) -> Domain:
    """A custom domain besides the subdomain; routed exactly like it (the shop's owner points
    its DNS at the platform)."""
    domain = domain.strip().lower().rstrip(".")
    if not HOSTNAME_RE.match(domain):
        raise _domain_error("Enter a domain name such as shop.example.com.")
    root = settings.ROOT_DOMAIN
    if domain in settings.PLATFORM_HOSTS or domain == root or domain.endswith("." + root):
        raise _domain_error(f"Addresses under {root} are given out by the platform.")
    with transaction.atomic():
        limits.custom_domain_check(shop=shop)
        if Domain.objects.select_for_update().filter(domain=domain).exists():
            raise _domain_error("This domain is already in use.", TenantErrorCode.DOMAIN_TAKEN)
        try:
            created = Domain.objects.create(domain=domain, tenant=shop, is_primary=False)
        except IntegrityError as exc:
            raise _domain_error("This domain is already in use.", TenantErrorCode.DOMAIN_TAKEN) from exc
    return created


def domain_remove(*, shop: Shop, domain: Domain) -> None:
    if domain.is_primary:
        raise _domain_error("The shop's own subdomain cannot be removed.", TenantErrorCode.PRIMARY_DOMAIN)
    host = domain.domain
    domain.delete()
    # after commit: a request in between would otherwise cache the host again
    transaction.on_commit(lambda: forget_hosts([host]))


def _hash(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()


def handoff_create(*, shop: Shop, user: User) -> tuple[str, DashboardHandoff]:
    if shop.owner_id != user.pk:
        raise AppError(TenantErrorCode.NOT_OWNER,
                       "Only the shop's owner can open its dashboard from here.", status_code=403)
    code = secrets.token_urlsafe(32)
    handoff = DashboardHandoff.objects.create(code_hash=_hash(code), shop=shop, user=user,
                                              expires_at=timezone.now() + HANDOFF_TTL)
    return code, handoff


def handoff_redeem(*, shop: Shop, code: str) -> User:
    """Exchanges a handoff code on the shop's own host for that shop's owner account.
    The conditional UPDATE makes a code usable once, even under concurrent attempts."""
    now = timezone.now()
    with schema_context("public"):
        handoff = (DashboardHandoff.objects.select_related("user")
                   .filter(code_hash=_hash(code), shop_id=shop.pk, used_at__isnull=True, expires_at__gt=now)
                   .first())
        claimed = handoff is not None and DashboardHandoff.objects.filter(
            pk=handoff.pk, used_at__isnull=True).update(used_at=now) == 1
    if not claimed:
        raise AppError(TenantErrorCode.HANDOFF_INVALID,
                       "This sign-in link is invalid, used or expired. Open the dashboard "
                       "again from your shops on the platform.", status_code=401)
    assert handoff is not None  # claimed implies found
    merchant = handoff.user
    owner, created = User.objects.get_or_create(
        email=merchant.email, defaults={"full_name": merchant.full_name, "role": Role.OWNER})
    if created:
        owner.set_unusable_password()
        owner.save(update_fields=["password"])
    elif owner.role != Role.OWNER or not owner.is_active:
        owner.role, owner.is_active = Role.OWNER, True
        owner.save(update_fields=["role", "is_active"])
    return owner
