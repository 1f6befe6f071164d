"""Writes of the staff dashboard: discount codes, shipping zones and rates, tax rates, the shop's
checkout settings and CSV import jobs. The API's serializers check the shape of a request; the
rules (a code used once, a percentage up to 100, dates in order, a country in one zone) are here,
so a task or a script that writes goes through the same door. Each write announces itself
(`DiscountChanged`, `SettingsChanged`) after it commits."""
from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from saas.kernel.errors import AppError, ErrorCode
from saas.kernel.events import publish
from saas.kernel.tenancy import current_schema
from storefront.events import DiscountChanged, SettingsChanged
from storefront.models import DiscountCode, ImportJob, ShippingRate, ShippingZone, ShopSettings, TaxRate
from storefront.shipping import rest_of_world_zone

MAX_IMPORT_BYTES = 50 * 1024 * 1024


def _invalid(field: str, message: str) -> AppError:
    # the shape DRF's field errors had before these rules moved out of the serializers
    return AppError(ErrorCode.VALIDATION_ERROR, "Some fields are not valid.", fields={field: [message]})


def _apply(item: Any, fields: dict[str, Any], allowed: frozenset[str]) -> None:
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"{type(item).__name__} has no writable fields {sorted(unknown)}")
    for key, value in fields.items():
        setattr(item, key, value)


# discount codes -----------------------------------------------------------------------------

DISCOUNT_FIELDS = frozenset({"code", "kind", "value", "min_subtotal", "starts_at", "ends_at", "usage_limit",
                             "active"})


def _discount_check(discount: DiscountCode, *, new: bool) -> None:
    discount.code = discount.code.strip().upper()
    if DiscountCode.objects.filter(code=discount.code).exclude(pk=discount.pk).exists():
        raise _invalid("code", "This code already exists.")
    if discount.kind == "percent" and discount.value is not None and discount.value > 100:
        raise _invalid("value", "A percentage cannot exceed 100.")
    if discount.starts_at and discount.ends_at and discount.ends_at <= discount.starts_at:
        raise _invalid("ends_at", "The end must be after the start.")
    if new and discount.ends_at and discount.ends_at <= timezone.now():
        raise _invalid("ends_at", "This date has passed: a new code must end in the future.")


def _discount_save(discount: DiscountCode, action: str) -> DiscountCode:
    try:
        with transaction.atomic():
            discount.save()
    except IntegrityError as exc:  # a concurrent request took the code first
        raise _invalid("code", "This code already exists.") from exc
    publish(DiscountChanged(schema_name=current_schema(), discount_id=discount.pk, code=discount.code,
                            action=action))
    return discount


@transaction.atomic
def discount_create(*, code: str, kind: str, value, **fields: Any) -> DiscountCode:
    discount = DiscountCode(code=code, kind=kind, value=value)
    _apply(discount, fields, DISCOUNT_FIELDS)
    _discount_check(discount, new=True)
    return _discount_save(discount, "created")


@transaction.atomic
def discount_update(*, discount: DiscountCode, **fields: Any) -> DiscountCode:
    discount = DiscountCode.objects.select_for_update().get(pk=discount.pk)
    _apply(discount, fields, DISCOUNT_FIELDS)
    _discount_check(discount, new=False)
    return _discount_save(discount, "updated")


@transaction.atomic
def discount_delete(*, discount: DiscountCode) -> None:
    discount_id, code = discount.pk, discount.code
    discount.delete()
    publish(DiscountChanged(schema_name=current_schema(), discount_id=discount_id, code=code, action="deleted"))


# shipping zones and rates, tax rates, checkout settings ------------------------------------

def _settings_changed(section: str) -> None:
    publish(SettingsChanged(schema_name=current_schema(), section=section))


ZONE_FIELDS = frozenset({"name", "countries", "rest_of_world", "position"})


def _zone_check(zone: ShippingZone) -> None:
    if zone.rest_of_world:
        if ShippingZone.objects.filter(rest_of_world=True).exclude(pk=zone.pk).exists():
            raise _invalid("rest_of_world", "The shop already has a rest-of-world zone.")
        zone.countries = []
        return
    zone.countries = sorted({code.strip().upper() for code in zone.countries})
    if not zone.countries:
        raise _invalid("countries", "Add at least one country.")
    for other in ShippingZone.objects.filter(countries__overlap=zone.countries).exclude(pk=zone.pk):
        both = sorted(set(other.countries) & set(zone.countries))
        raise _invalid("countries", f"{', '.join(both)} already in the zone {other.name}.")


@transaction.atomic
def shipping_zone_create(*, name: str, **fields: Any) -> ShippingZone:
    zone = ShippingZone(name=name)
    _apply(zone, fields, ZONE_FIELDS)
    _zone_check(zone)
    zone.save()
    _settings_changed("shipping")
    return zone


@transaction.atomic
def shipping_zone_update(*, zone: ShippingZone, **fields: Any) -> ShippingZone:
    zone = ShippingZone.objects.select_for_update().get(pk=zone.pk)
    _apply(zone, fields, ZONE_FIELDS)
    _zone_check(zone)
    zone.save()
    _settings_changed("shipping")
    return zone


@transaction.atomic
def shipping_zone_delete(*, zone: ShippingZone) -> None:
    zone.delete()
    _settings_changed("shipping")


RATE_FIELDS = frozenset({"zone", "name", "price", "free_over", "active", "position"})


@transaction.atomic
def shipping_rate_create(*, name: str, price, zone: ShippingZone | None = None, **fields: Any) -> ShippingRate:
    rate = ShippingRate(name=name, price=price, zone=zone or rest_of_world_zone())
    _apply(rate, fields, RATE_FIELDS)
    rate.save()
    _settings_changed("shipping")
    return rate


@transaction.atomic
def shipping_rate_update(*, rate: ShippingRate, **fields: Any) -> ShippingRate:
    _apply(rate, fields, RATE_FIELDS)
    rate.save()
    _settings_changed("shipping")
    return rate


@transaction.atomic
def shipping_rate_delete(*, rate: ShippingRate) -> None:
    rate.delete()
    _settings_changed("shipping")


TAX_RATE_FIELDS = frozenset({"country", "rate", "label"})


def _tax_rate_save(tax_rate: TaxRate) -> TaxRate:
    tax_rate.country = tax_rate.country.strip().upper()
    if TaxRate.objects.filter(country=tax_rate.country).exclude(pk=tax_rate.pk).exists():
        raise _invalid("country", "This country already has a rate.")
    try:
        with transaction.atomic():
            tax_rate.save()
    except IntegrityError as exc:
        raise _invalid("country", "This country already has a rate.") from exc
    _settings_changed("tax")
    return tax_rate


@transaction.atomic
def tax_rate_create(*, country: str, rate, **fields: Any) -> TaxRate:
    tax_rate = TaxRate(country=country, rate=rate)
    _apply(tax_rate, fields, TAX_RATE_FIELDS)
    return _tax_rate_save(tax_rate)


@transaction.atomic
def tax_rate_update(*, tax_rate: TaxRate, **fields: Any) -> TaxRate:
    _apply(tax_rate, fields, TAX_RATE_FIELDS)
    return _tax_rate_save(tax_rate)


@transaction.atomic
def tax_rate_delete(*, tax_rate: TaxRate) -> None:
    tax_rate.delete()
    _settings_changed("tax")


SETTINGS_FIELDS = frozenset({"tax_rate", "prices_include_tax", "tax_label", "contact_email", "low_stock_threshold"})


@transaction.atomic
def shop_settings_update(**fields: Any) -> ShopSettings:
    current = ShopSettings.load()
    current = ShopSettings.objects.select_for_update().get(pk=current.pk)
    _apply(current, fields, SETTINGS_FIELDS)
    current.save()
    _settings_changed("checkout")
    return current


# CSV import ----------------------------------------------------------------------------------

@transaction.atomic
def import_job_create(*, upload: UploadedFile | None) -> ImportJob:
    """Stores the file and queues its import once the job's row has committed (a worker that
    started earlier would not find it)."""
    from storefront.tasks import run_import

    if upload is None:
        raise AppError(ErrorCode.VALIDATION_ERROR, "Choose a CSV file.", fields={"file": ["Choose a CSV file."]})
    if upload.size is not None and upload.size > MAX_IMPORT_BYTES:
        raise AppError(ErrorCode.VALIDATION_ERROR, "The file is larger than 50 MB.", fields={"file": ["Too large."]})
    job = ImportJob(total=0)
    job.file.save("import.csv", upload, save=False)
    job.save()
    job_id = job.pk
    transaction.on_commit(lambda: run_import.delay(job_id))
    return job
