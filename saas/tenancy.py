"""Typed access to the tenancy state django-tenants keeps on the database connection."""
from __future__ import annotations

from typing import Any, cast

from django.db import connection


def tenant_connection() -> Any:
    """The default connection, with django-tenants' schema attributes and methods."""
    return cast(Any, connection)


def current_schema() -> str:
    return str(tenant_connection().schema_name)
