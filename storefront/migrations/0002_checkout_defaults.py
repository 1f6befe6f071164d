from decimal import Decimal

from django.db import migrations


def defaults(apps, schema_editor):
    """Every new shop is cloned from the template schema, so it starts with these."""
    ShopSettings = apps.get_model("storefront", "ShopSettings")
    ShippingRate = apps.get_model("storefront", "ShippingRate")
    ShopSettings.objects.get_or_create(pk=1)
    if not ShippingRate.objects.exists():
        ShippingRate.objects.create(name="Standard", price=Decimal("3.95"), free_over=Decimal("50.00"), position=0)
        ShippingRate.objects.create(name="Express", price=Decimal("9.95"), position=1)


class Migration(migrations.Migration):
    dependencies = [("storefront", "0001_initial")]
    operations = [migrations.RunPython(defaults, migrations.RunPython.noop)]
