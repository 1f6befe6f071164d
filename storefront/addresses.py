"""A signed-in shopper's address book: at most MAX_ADDRESSES each, exactly one default once
there is any (the first address; setting another unsets it; deleting it promotes the oldest)."""
from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet

from saas.accounts.models import User
from saas.kernel.errors import AppError, ErrorCode, NotFound
from storefront.errors import StorefrontErrorCode
from storefront.models import Address

FIELDS = ("label", "full_name", "line1", "line2", "city", "postcode", "country", "phone")


def addresses_of(*, user) -> QuerySet[Address]:
    return Address.objects.filter(user=user).order_by("-is_default", "created_at", "id")


def address_get(*, user, address_id: int) -> Address:
    address = Address.objects.filter(user=user, pk=address_id).first()
    if address is None:
        raise NotFound("No such address.")
    return address


def _lock_book(user) -> None:
    User.objects.select_for_update().filter(pk=user.pk).first()  # serialises changes to one book


def _make_default(address: Address) -> None:
    Address.objects.filter(user_id=address.user_id, is_default=True).exclude(pk=address.pk).update(is_default=False)
    address.is_default = True


@transaction.atomic
def address_create(*, user, is_default: bool = False, **fields) -> Address:
    _lock_book(user)
    count = Address.objects.filter(user=user).count()
    if count >= settings.MAX_ADDRESSES:
        raise AppError(StorefrontErrorCode.TOO_MANY_ADDRESSES,
                       f"An address book holds at most {settings.MAX_ADDRESSES} addresses. "
                       "Delete one first.", status_code=400)
    address = Address(user=user, **{k: v for k, v in fields.items() if k in FIELDS})
    if is_default or count == 0:
        _make_default(address)
    address.save()
    return address


@transaction.atomic
def address_update(*, address: Address, is_default: bool | None = None, **fields) -> Address:
    _lock_book(address.user)
    address = Address.objects.select_for_update().get(pk=address.pk)
    for key, value in fields.items():
        if key in FIELDS:
            setattr(address, key, value)
    if is_default:
        _make_default(address)
    elif is_default is False and address.is_default:
        raise AppError(ErrorCode.VALIDATION_ERROR, "Choose another address as the default instead.",
                       fields={"is_default": ["One address stays the default; make another one the default."]})
    address.save()
    return address


@transaction.atomic
def address_delete(*, address: Address) -> None:
    _lock_book(address.user)
    was_default = Address.objects.filter(pk=address.pk, is_default=True).exists()
    Address.objects.filter(pk=address.pk).delete()
    if was_default:
        successor = Address.objects.filter(user_id=address.user_id).order_by("created_at", "id").first()
        if successor is not None:
            Address.objects.filter(pk=successor.pk).update(is_default=True)


def address_save_from_checkout(*, user, shipping_address: dict) -> Address | None:
    """Checkout's `save_address`: adds the address unless the book already has it or is full
    (the order is placed either way)."""
    same = {k: shipping_address.get(k, "") for k in ("full_name", "line1", "line2", "city", "postcode", "country")}
    if Address.objects.filter(user=user, **same).exists():
        return None
    try:
        return address_create(user=user, **same, phone=shipping_address.get("phone", "") or "")
    except AppError:
        return None
