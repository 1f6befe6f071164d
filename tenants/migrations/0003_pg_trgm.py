from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


class Migration(migrations.Migration):
    """pg_trgm lives in the public schema, reachable from every shop's search path
    (typo-tolerant catalog search)."""

    dependencies = [("tenants", "0002_default_plans")]
    operations = [TrigramExtension()]
