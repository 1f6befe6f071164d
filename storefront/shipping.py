"""Where a shop delivers, at what price, and which tax applies there.

A destination country belongs to the zone naming it, else to the rest-of-world zone (if the
shop has one; without it, the shop does not deliver there). Its tax is its own TaxRate, else the
shop's default rate."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Q, Subquery

from saas.kernel.errors import AppError, ErrorCode
from storefront.errors import StorefrontErrorCode
from storefront.models import ShippingRate, ShippingZone, ShopSettings, TaxRate
from storefront.validation import country_name


@dataclass(frozen=True)
class Tax:
    rate: Decimal
    label: str
    included: bool


def _zones_for(country: str):
    # zones naming the country sort before the rest-of-world zone (Meta.ordering)
    return ShippingZone.objects.filter(Q(countries__contains=[country.upper()]) | Q(rest_of_world=True))


def zone_for(country: str) -> ShippingZone | None:
    return _zones_for(country).first()


def rates_for(country: str = ""):
    """The active rates offered to a country; every active rate when no country is chosen yet."""
    rates = ShippingRate.objects.filter(active=True).select_related("zone")
    if not country:
        return rates
    zone = zone_for(country)
    return rates.filter(zone=zone) if zone is not None else rates.none()


def rate_for(*, rate_id, country: str = "") -> ShippingRate:
    """The chosen rate, refused when the shop does not offer it to the destination (one query:
    the destination's zone rides along as a column)."""
    rates = ShippingRate.objects.filter(pk=rate_id, active=True)
    if country:
        rates = rates.annotate(destination_zone=Subquery(_zones_for(country).values("pk")[:1]))
    rate = rates.first() if str(rate_id).isdigit() else None
    if rate is None:
        raise AppError(ErrorCode.VALIDATION_ERROR, "Choose a shipping method.",
                       fields={"shipping_rate_id": ["Choose one of the shop's shipping methods."]})
    if country and rate.zone_id != rate.destination_zone:  # type: ignore[attr-defined]
        message = f"{rate.name} is not offered for delivery to {country_name(country)}."
        raise AppError(StorefrontErrorCode.SHIPPING_UNAVAILABLE, message, fields={"shipping_rate_id": [message]})
    return rate


def shop_terms(country: str = "") -> tuple[ShopSettings, Tax]:
    """The shop's settings and the tax of a destination, in one query (the country's own rate
    rides along as columns)."""
    own = TaxRate.objects.filter(country=country.upper())
    found = (ShopSettings.objects.filter(pk=1).annotate(own_rate=Subquery(own.values("rate")[:1]),
                                                        own_label=Subquery(own.values("label")[:1])).first()
             if country else None)
    if found is None:
        return _terms(ShopSettings.load(), country)
    return found, _tax(found, found.own_rate, found.own_label)


def tax_for(country: str = "", shop_settings: ShopSettings | None = None) -> Tax:
    return shop_terms(country)[1] if shop_settings is None else _terms(shop_settings, country)[1]


def _terms(shop_settings: ShopSettings, country: str) -> tuple[ShopSettings, Tax]:
    own = TaxRate.objects.filter(country=country.upper()).first() if country else None
    return shop_settings, _tax(shop_settings, own.rate if own else None, own.label if own else "")


def _tax(shop_settings: ShopSettings, own_rate: Decimal | None, own_label: str) -> Tax:
    if own_rate is None:
        return Tax(shop_settings.tax_rate, shop_settings.tax_label, shop_settings.prices_include_tax)
    return Tax(own_rate, own_label or shop_settings.tax_label, shop_settings.prices_include_tax)


def rest_of_world_zone() -> ShippingZone:
    with transaction.atomic():
        zone, _ = ShippingZone.objects.get_or_create(rest_of_world=True,
                                                     defaults={"name": "Rest of world", "position": 1000})
    return zone
