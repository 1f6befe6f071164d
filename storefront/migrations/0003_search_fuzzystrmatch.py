from django.db import migrations


class Migration(migrations.Migration):
    """Edit distance for typo matching on word boundaries (storefront.selectors.product_search).
    Extensions are per database: created once, in public, which every shop's search_path holds."""

    dependencies = [("storefront", "0002_checkout_defaults")]
    operations = [migrations.RunSQL("CREATE EXTENSION IF NOT EXISTS fuzzystrmatch SCHEMA public",
                                    migrations.RunSQL.noop)]
