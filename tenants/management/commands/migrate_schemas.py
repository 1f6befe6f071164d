"""migrate_schemas that (1) keeps the template schema new shops are cloned from migrated, and
(2) skips schemas with nothing to apply.

The library runs Django's whole migrate command per schema, about a quarter of a second each
even when nothing is pending: hours for thousands of shops. Here one MigrationLoader is built
once, each schema's django_migrations rows are read (one query per schema), and the full
migrate runs only where something is missing."""
from __future__ import annotations

import time

from django.conf import settings
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django_tenants.management.commands.migrate_schemas import MigrateSchemasCommand
from django_tenants.utils import get_public_schema_name, get_tenant_model, schema_exists
from psycopg import sql

from saas.kernel.tenancy import tenant_connection


def required_migrations() -> set[tuple[str, str]]:
    loader = MigrationLoader(None, ignore_no_migrations=True)
    required = set(loader.graph.nodes)
    for key, migration in loader.disk_migrations.items():  # a squash stands in for what it replaces
        if migration.replaces:
            required -= set(migration.replaces)
            required.add(key)
    return required


def pending_schemas(schemas: list[str], chunk: int = 200) -> list[str]:
    """The schemas among `schemas` whose django_migrations lacks a migration on disk."""
    required = required_migrations()
    applied: dict[str, set[tuple[str, str]]] = {s: set() for s in schemas}
    tenant_connection().set_schema_to_public()
    existing = [s for s in schemas if schema_exists(s)]
    with connection.cursor() as cursor:
        cursor.execute("SELECT table_schema FROM information_schema.tables "
                       "WHERE table_name = 'django_migrations' AND table_schema = ANY(%s)", [existing])
        with_table = {row[0] for row in cursor.fetchall()}
        names = [s for s in existing if s in with_table]
        for start in range(0, len(names), chunk):
            part = names[start:start + chunk]
            query = sql.SQL(" UNION ALL ").join(
                sql.SQL("SELECT {} AS s, app, name FROM {}.django_migrations").format(
                    sql.Literal(s), sql.Identifier(s)) for s in part)
            cursor.execute(query.as_string(cursor.connection))
            for schema, app, name in cursor.fetchall():
                applied[schema].add((app, name))
    return [s for s in schemas if not required <= applied[s]]


class Command(MigrateSchemasCommand):
    help = MigrateSchemasCommand.help + " Skips up-to-date schemas and keeps the template schema migrated."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--all", action="store_true", dest="migrate_all",
                            help="Run the full migrate on every schema, even those with nothing to apply.")

    def handle(self, *args, **options):
        # Only a plain "bring every shop up to date" run is optimised; a named schema, app,
        # target migration, --fake or --plan goes through the library untouched.
        plain = not any(options.get(k) for k in ("schema_name", "app_label", "migration_name", "fake",
                                                  "fake_initial", "plan", "check_unapplied", "prune",
                                                  "migrate_all"))
        if not plain:
            return super().handle(*args, **options)
        started = time.monotonic()
        verbosity = int(options.get("verbosity", 1))
        if not options.get("tenant"):
            super().handle(*args, **{**options, "shared": True, "tenant": False})
        if options.get("shared"):
            return None
        from tenants.services import clone_function_install

        template = settings.TENANT_BASE_SCHEMA
        if not schema_exists(template):
            with connection.cursor() as cursor:
                cursor.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(template)).as_string(
                    cursor.connection))
        clone_function_install(force=True)
        shops = list(get_tenant_model().objects.exclude(schema_name=get_public_schema_name())
                     .values_list("schema_name", flat=True))
        pending = pending_schemas([template, *shops])
        for schema in pending:
            super().handle(*args, **{**options, "shared": False, "tenant": True, "schema_name": schema})
        if verbosity >= 1:
            self.stdout.write(f"migrate_schemas: {len(pending)} of {len(shops) + 1} tenant schemas "
                              f"(template included) needed migrations; {time.monotonic() - started:.2f} s")
        return None
