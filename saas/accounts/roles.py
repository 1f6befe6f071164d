"""What each shop role may use in the dashboard, in one table. Views name their area
(`dashboard_area`); a view that names none is for the owner and managers only."""
from __future__ import annotations

from enum import StrEnum

from saas.accounts.models import Role


class Area(StrEnum):
    OVERVIEW = "overview"
    CATALOG = "catalog"
    ORDERS = "orders"
    CUSTOMERS = "customers"
    SETTINGS = "settings"
    STAFF = "staff"
    ANALYTICS = "analytics"
    RECS = "recs"
    SUPPORT = "support"
    BILLING = "billing"
    DEVELOPERS = "developers"


READ, WRITE = "read", "write"

ROLE_AREAS: dict[str, dict[Area, str]] = {
    Role.OWNER: dict.fromkeys(Area, WRITE),
    Role.MANAGER: {**{area: WRITE for area in Area if area not in (Area.BILLING, Area.DEVELOPERS)},
                   Area.BILLING: READ},
    Role.STAFF: {Area.OVERVIEW: READ, Area.CATALOG: WRITE, Area.ORDERS: WRITE, Area.CUSTOMERS: READ,
                 Area.SETTINGS: READ, Area.STAFF: READ, Area.ANALYTICS: READ, Area.RECS: READ},
    # the support inbox (chats with shoppers): owners, managers and the support role only
    Role.SUPPORT: {Area.OVERVIEW: READ, Area.ORDERS: READ, Area.CUSTOMERS: READ, Area.SUPPORT: WRITE},
}


def role_allows(role: str, area: str | None, *, write: bool) -> bool:
    if area is None:
        return role in (Role.OWNER, Role.MANAGER)
    granted = ROLE_AREAS.get(role, {}).get(Area(area))
    return granted == WRITE or (granted == READ and not write)


def role_permissions(role: str) -> dict[str, str]:
    """What the dashboard shows a role: area -> "read" | "write"."""
    return {str(area): level for area, level in ROLE_AREAS.get(role, {}).items()}
