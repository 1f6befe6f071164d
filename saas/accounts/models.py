"""People. The same table exists in every schema: the public schema holds merchants and
platform admins, each shop's schema holds that shop's customers and staff."""
from __future__ import annotations

from typing import ClassVar

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.utils import timezone


class Role(models.TextChoices):
    MERCHANT = "merchant", "Merchant"
    PLATFORM_ADMIN = "admin", "Platform admin"
    CUSTOMER = "customer", "Customer"
    STAFF = "staff", "Staff"
    OWNER = "owner", "Owner"
    # Shop roles are never called "admin": that word is the platform admin's, in the same table.
    MANAGER = "manager", "Manager"
    SUPPORT = "support", "Support"


STAFF_ROLES = (Role.OWNER, Role.MANAGER, Role.STAFF, Role.SUPPORT)
# Roles an invitation can give; ownership is never handed out by invitation.
INVITABLE_ROLES = (Role.MANAGER, Role.STAFF, Role.SUPPORT)
INVITABLE_ROLE_CHOICES = [(role.value, role.label) for role in INVITABLE_ROLES]


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra) -> User:
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra) -> User:
        extra.setdefault("role", Role.PLATFORM_ADMIN)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(unique=True, max_length=254)
    full_name = models.CharField(max_length=120, blank=True)
    role = models.CharField(max_length=16, choices=Role.choices, db_index=True)
    is_active = models.BooleanField(default=True)
    email_verified = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.email

    @property
    def is_staff(self) -> bool:  # Django's admin flag; this project has no Django admin.
        return False

    @property
    def is_shop_staff(self) -> bool:
        return self.role in STAFF_ROLES

    @property
    def is_platform_admin(self) -> bool:
        return self.role == Role.PLATFORM_ADMIN


class RefreshSession(models.Model):
    """One refresh token of a sign-in. Tokens minted by rotation share their sign-in's
    `family`, so a reused (stolen) token can revoke the whole chain at once."""

    jti = models.CharField(max_length=64, unique=True)
    family = models.UUIDField(db_index=True)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="refresh_sessions")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    rotated_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["user", "revoked_at"])]

    def __str__(self) -> str:
        return f"{self.user_id}:{self.jti}"


class StaffInvitation(models.Model):
    """An e-mailed invitation to a shop's staff. Only a hash of the token is kept."""

    email = models.EmailField(max_length=254)
    role = models.CharField(max_length=16, choices=Role.choices)
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} as {self.role}"

    @property
    def state(self) -> str:
        if self.accepted_at:
            return "accepted"
        if self.revoked_at:
            return "revoked"
        return "expired" if self.expires_at <= timezone.now() else "pending"


class SocialLink(models.Model):
    """A Google or Facebook identity that signs in to this account (in this schema only)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="social_links")
    provider = models.CharField(max_length=32)
    uid = models.CharField(max_length=191)
    email = models.EmailField(max_length=254, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["provider", "id"]
        constraints = [models.UniqueConstraint(fields=["provider", "uid"], name="social_link_unique_identity")]

    def __str__(self) -> str:
        return f"{self.provider}:{self.uid} -> {self.user_id}"


class SocialHandback(models.Model):
    """The one-time code the root-domain callback hands back to the shop (or platform) the
    sign-in started from. It lives in that schema, so no other shop can find it; only hashes
    of the code and of the starting browser's nonce are kept."""

    code_hash = models.CharField(max_length=64, unique=True)
    nonce_hash = models.CharField(max_length=64)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"handback for {self.user_id}"
