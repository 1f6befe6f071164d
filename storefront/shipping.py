"""Where a shop delivers, at what price, and which tax applies there.

A destination country belongs to the zone naming it, else to the rest-of-world zone (if the
shop has one; without it, the shop does not deliver there). Its tax is its own TaxRate, else the
shop's default rate."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Q

from saas.kernel.errors import AppError, ErrorCode
from storefront.errors import StorefrontErrorCode
from storefront.models import ShippingRate, ShippingZone, ShopSettings, TaxRate
from storefront.validation import country_name


@dataclass(frozen=True)
class Tax:
    rate: Decimal
    label: str
    included: bool


def zone_for(country: str) -> ShippingZone | None:
    country = country.upper()
    # one query: zones naming the country sort before the rest-of-world zone (Meta.ordering)
    return ShippingZone.objects.filter(Q(countries__contains=[country]) | Q(rest_of_world=True)).first()


def rates_for(country: str = ""):
    """The active rates offered to a country; every active rate when no country is chosen yet."""
    rates = ShippingRate.objects.filter(active=True).select_related("zone")
    if not country:
        return rates
    zone = zone_for(country)
    return rates.filter(zone=zone) if zone is not None else rates.none()


def rate_for(*, rate_id, country: str = "") -> ShippingRate:
    """The chosen rate, refused when the shop does not offer it to the destination."""
    rate = ShippingRate.objects.filter(pk=rate_id, active=True).first() if str(rate_id).isdigit() else None
    if rate is None:
        raise AppError(ErrorCode.VALIDATION_ERROR, "Choose a shipping method.",
                       fields={"shipping_rate_id": ["Choose one of the shop's shipping methods."]})
    if country:
        zone = zone_for(country)
        if zone is None or rate.zone_id != zone.pk:  # (rates_for(country), without a query of its own)
            message = f"{rate.name} is not offered for delivery to {country_name(country)}."
            raise AppError(StorefrontErrorCode.SHIPPING_UNAVAILABLE, message, fields={"shipping_rate_id": [message]})
    return rate


def tax_for(country: str = "", shop_settings: ShopSettings | None = None) -> Tax:
    shop_settings = shop_settings or ShopSettings.load()
    own = TaxRate.objects.filter(country=country.upper()).first() if country else None
    if own is None:
        return Tax(shop_settings.tax_rate, shop_settings.tax_label, shop_settings.prices_include_tax)
    return Tax(own.rate, own.label or shop_settings.tax_label, shop_settings.prices_include_tax)


def rest_of_world_zone() -> ShippingZone:
    with transaction.atomic():
        zone, _ = ShippingZone.objects.get_or_create(rest_of_world=True,
                                                     defaults={"name": "Rest of world", "position": 1000})
    return zone
