"""migrate_schemas skips up-to-date schemas and still migrates the ones that need it."""
from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from saas.kernel.tenancy import tenant_connection
from tenants.management.commands.migrate_schemas import pending_schemas

pytestmark = pytest.mark.django_db


def recorded(schema: str, app: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT count(*) FROM "{schema}".django_migrations WHERE app = %s', [app])
        return cursor.fetchone()[0]


def test_nothing_pending_after_setup(world):
    schemas = [world.shop_a.schema_name, world.shop_b.schema_name, world.shop_c.schema_name]
    assert pending_schemas(["shop_template", *schemas]) == []


def test_only_the_schema_missing_a_migration_is_migrated(world):
    alpha, bravo = world.shop_a.schema_name, world.shop_b.schema_name
    with connection.cursor() as cursor:
        # tenants is a shared app: in a shop schema its migrations are recorded but run nothing
        cursor.execute(f"DELETE FROM {bravo}.django_migrations WHERE app = 'tenants'")
    assert pending_schemas(["shop_template", alpha, bravo]) == [bravo]
    out = StringIO()
    call_command("migrate_schemas", "--noinput", stdout=out)
    assert "1 of" in out.getvalue()
    assert recorded(bravo, "tenants") == recorded(alpha, "tenants") > 0
    tenant_connection().set_schema_to_public()
    assert pending_schemas([alpha, bravo]) == []
