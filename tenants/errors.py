"""Error codes of the platform's tenancy: shops, subdomains, domains, the dashboard handoff."""
from __future__ import annotations

from enum import StrEnum

from saas.kernel.errors import app_field_codes


class TenantErrorCode(StrEnum):
    SUBDOMAIN_INVALID = "subdomain_invalid"
    SUBDOMAIN_RESERVED = "subdomain_reserved"
    SUBDOMAIN_TAKEN = "subdomain_taken"
    INVALID_DOMAIN = "invalid_domain"
    DOMAIN_TAKEN = "domain_taken"
    PRIMARY_DOMAIN = "primary_domain"
    NOT_OWNER = "not_owner"
    HANDOFF_INVALID = "handoff_invalid"
    UNKNOWN_SHOP = "unknown_shop"
    SHOP_SUSPENDED = "shop_suspended"
    SHOP_UNPAID = "shop_unpaid"
    PLAN_LIMIT_REACHED = "plan_limit_reached"
    PLAN_EXISTS = "plan_exists"
    DOWNGRADE_BLOCKED = "downgrade_blocked"


app_field_codes(TenantErrorCode.SUBDOMAIN_INVALID, TenantErrorCode.SUBDOMAIN_RESERVED, TenantErrorCode.SUBDOMAIN_TAKEN)
