"""Usage counters, read from every shop's schema in one query per page: the one definition of
each count, used by the admin console (many shops) and the shop's dashboard (its own).

`tenants` imports no commerce app: each app registers the counters over its own tables
(storefront registers products, orders and revenue) from its AppConfig.ready(). Meanings:
products = not archived (active and drafts); customers = shopper accounts; staff = every shop
role (owner, manager, staff, support)."""
from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.db import connection
from psycopg import sql

# name -> (SQL expression over a schema, with {schema} standing for the quoted schema name, python type)
_COUNTERS: dict[str, tuple[str, type]] = {}


def register(name: str, expression: str, kind: type = int) -> None:
    _COUNTERS[name] = (expression, kind)


def register_defaults() -> None:
    from saas.accounts.models import STAFF_ROLES, Role

    staff = ", ".join(f"'{role.value}'" for role in STAFF_ROLES)
    register("customers", f"(SELECT count(*) FROM {{schema}}.accounts_user WHERE role = '{Role.CUSTOMER.value}')")
    # every active member of the staff, the owner included: the seats a plan counts
    register("staff", f"(SELECT count(*) FROM {{schema}}.accounts_user WHERE is_active AND role IN ({staff}))")


def count(name: str, schema: str) -> int:
    """One counter for one schema: the same definition the admin console shows."""
    connection.ensure_connection()
    quoted = sql.Identifier(schema).as_string(connection.connection)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {_COUNTERS[name][0].format(schema=quoted)}")
        return int(cursor.fetchone()[0] or 0)


def usage_for(schemas: Iterable[str]) -> dict[str, dict[str, object]]:
    schemas = list(schemas)
    if not schemas or not _COUNTERS:
        return {s: {} for s in schemas}
    names = list(_COUNTERS)
    connection.ensure_connection()
    parts = []
    for schema in schemas:
        quoted = sql.Identifier(schema).as_string(connection.connection)
        columns = ", ".join(f"{_COUNTERS[n][0].format(schema=quoted)} AS {n}" for n in names)
        parts.append(f"SELECT %s AS schema_name, {columns}")
    query = " UNION ALL ".join(parts)
    with connection.cursor() as cursor:
        cursor.execute(query, schemas)
        rows = cursor.fetchall()
    result: dict[str, dict[str, object]] = {}
    for row in rows:
        values: dict[str, object] = {}
        for name, value in zip(names, row[1:], strict=True):
            kind = _COUNTERS[name][1]
            values[name] = f"{Decimal(value or 0):.2f}" if kind is Decimal else int(value or 0)
        result[row[0]] = values
    return result
