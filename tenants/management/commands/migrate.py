from tenants.management.commands.migrate_schemas import Command  # noqa: F401  (migrate == migrate_schemas)
