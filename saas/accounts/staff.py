"""A shop's staff: invitations by e-mail, roles, removal. The rules, each enforced here:
the owner cannot be removed or demoted by anyone, and stays the one owner; managers manage
staff and support but not other managers; nobody changes their own role; a removed member
is signed out everywhere at once (refresh tokens revoked, sockets closed)."""
from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from urllib.parse import urlencode

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from saas.accounts.errors import AccountErrorCode
from saas.accounts.models import INVITABLE_ROLES, STAFF_ROLES, Role, StaffInvitation, User
from saas.accounts.services import sessions_revoke_all
from saas.kernel.errors import AppError, ErrorCode, NotFound
from saas.kernel.tenancy import site_url
from tenants.limits import staff_seat_check

INVITATION_TTL = timedelta(days=7)
MAX_PENDING_INVITATIONS = 50


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _may_manage(actor: User, role: str) -> bool:
    if actor.role == Role.OWNER:
        return role in INVITABLE_ROLES
    if actor.role == Role.MANAGER:
        return role in (Role.STAFF, Role.SUPPORT)
    return False


def _forbidden(message: str) -> AppError:
    return AppError(AccountErrorCode.ROLE_FORBIDDEN, message, status_code=403)


def _bad_role(role: str) -> AppError:
    return AppError(ErrorCode.VALIDATION_ERROR, "Choose manager, staff or support.",
                    fields={"role": [f"{role!r} cannot be given by invitation."]})


def invitation_link(token: str) -> str:
    return f"{site_url()}/accept-invitation?{urlencode({'token': token})}"


def staff_invite(*, actor: User, email: str, role: str) -> tuple[StaffInvitation, str]:
    """Returns the invitation and its token (to be e-mailed; only its hash is stored)."""
    email = User.objects.normalize_email(email).strip().lower()
    if role not in INVITABLE_ROLES:
        raise _bad_role(role)
    if not _may_manage(actor, role):
        raise _forbidden(f"A {actor.get_role_display().lower()} cannot invite a {role}.")
    if User.objects.filter(email=email, role__in=STAFF_ROLES, is_active=True).exists():
        raise AppError(AccountErrorCode.ALREADY_STAFF, "This person is already on the staff.",
                       fields={"email": ["This person is already on the staff."]})
    now = timezone.now()
    pending = StaffInvitation.objects.filter(accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=now)
    if pending.count() >= MAX_PENDING_INVITATIONS:
        raise AppError(AccountErrorCode.TOO_MANY_INVITATIONS,
                       "Too many open invitations: revoke some first.", status_code=429)
    with transaction.atomic():
        staff_seat_check()
    pending.filter(email=email).update(revoked_at=now)  # the newest invitation is the one that counts
    token = secrets.token_urlsafe(32)
    invitation = StaffInvitation.objects.create(email=email, role=role, token_hash=_hash(token), invited_by=actor,
                                                expires_at=now + INVITATION_TTL)
    return invitation, token


def _open_invitation(token: str, *, lock: bool = False) -> StaffInvitation:
    qs = StaffInvitation.objects.filter(token_hash=_hash(token), accepted_at__isnull=True, revoked_at__isnull=True,
                                        expires_at__gt=timezone.now())
    invitation = (qs.select_for_update() if lock else qs).first()
    if invitation is None:
        raise AppError(AccountErrorCode.INVITATION_INVALID,
                       "This invitation is invalid, used or expired. Ask the shop for a "
                       "new one.", status_code=400)
    return invitation


def invitation_preview(*, token: str) -> StaffInvitation:
    return _open_invitation(token)


def staff_invitation_accept(*, token: str, password: str, full_name: str = "") -> User:
    """The link proves the mailbox: the account is created (or an existing customer account
    of that e-mail becomes staff, with this password), verified, with the invited role."""
    with transaction.atomic():
        invitation = _open_invitation(token, lock=True)
        user = User.objects.select_for_update().filter(email=invitation.email).first()
        if user is None or not (user.is_active and user.role in STAFF_ROLES):
            staff_seat_check()
        try:
            validate_password(password, user=user or User(email=invitation.email, full_name=full_name))
        except ValidationError as exc:
            raise AppError(AccountErrorCode.WEAK_PASSWORD,
                           "Choose a stronger password.", fields={"password": exc.messages}) from exc
        if user is None:
            try:
                with transaction.atomic():
                    user = User.objects.create_user(invitation.email, password, full_name=full_name.strip(),
                                                    role=invitation.role, email_verified=True)
            except IntegrityError as exc:
                raise AppError(AccountErrorCode.INVITATION_INVALID, "Try the link again.", status_code=409) from exc
        else:
            if user.role == Role.OWNER:
                raise _forbidden("The owner's account cannot be changed by an invitation.")
            user.role, user.is_active, user.email_verified = invitation.role, True, True
            if full_name.strip():
                user.full_name = full_name.strip()
            user.set_password(password)
            user.save()
            sessions_revoke_all(user=user)  # sessions opened as a customer end
        invitation.accepted_at = timezone.now()
        invitation.save(update_fields=["accepted_at"])
    return user


def staff_invitation_revoke(*, actor: User, invitation: StaffInvitation) -> None:
    if not _may_manage(actor, invitation.role):
        raise _forbidden("You cannot revoke this invitation.")
    if invitation.accepted_at is None and invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])


def _member_for_change(actor: User, member_id: int) -> User:
    member = User.objects.select_for_update().filter(pk=member_id, role__in=STAFF_ROLES).first()
    if member is None:
        raise NotFound("No such staff member.")
    if member.pk == actor.pk:
        raise _forbidden("You cannot change your own role or remove yourself.")
    if member.role == Role.OWNER:
        raise _forbidden("The shop's owner cannot be demoted or removed.")
    if not _may_manage(actor, member.role):
        raise _forbidden(f"A {actor.get_role_display().lower()} cannot change a {member.role}.")
    return member


@transaction.atomic
def staff_role_change(*, actor: User, member_id: int, role: str) -> User:
    if role not in INVITABLE_ROLES:
        raise _bad_role(role)
    member = _member_for_change(actor, member_id)
    if not _may_manage(actor, role):
        raise _forbidden(f"A {actor.get_role_display().lower()} cannot make someone a {role}.")
    member.role = role
    member.save(update_fields=["role"])
    return member


@transaction.atomic
def staff_remove(*, actor: User, member_id: int) -> User:
    """The person stays a customer of the shop (their orders are theirs), without staff access,
    signed out everywhere."""
    member = _member_for_change(actor, member_id)
    member.role = Role.CUSTOMER
    member.save(update_fields=["role"])
    sessions_revoke_all(user=member)
    return member
