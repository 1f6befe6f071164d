import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """Apart from 0003: PostgreSQL refuses to alter a table with row updates pending in the same
    transaction."""

    dependencies = [("storefront", "0003_shipping_zones_and_tax_rates")]

    operations = [
        migrations.AlterField(
            model_name="shippingrate",
            name="zone",
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="rates",
                                    to="storefront.shippingzone"),
        ),
    ]
