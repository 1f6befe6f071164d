from decimal import Decimal

from django.db import migrations

PLANS = [
    ("free", "Free", Decimal("0.00"), 50, 2, True, 0),
    ("basic", "Basic", Decimal("29.00"), 2000, 5, False, 1),
    ("pro", "Pro", Decimal("99.00"), None, None, False, 2),
]


def create_plans(apps, schema_editor):
    Plan = apps.get_model("tenants", "Plan")
    for code, name, price, max_products, max_staff, is_default, order in PLANS:
        Plan.objects.update_or_create(code=code, defaults={
            "name": name, "monthly_price": price, "currency": "USD", "max_products": max_products,
            "max_staff": max_staff, "is_default": is_default, "sort_order": order})


class Migration(migrations.Migration):
    dependencies = [("tenants", "0001_initial")]
    operations = [migrations.RunPython(create_plans, migrations.RunPython.noop)]
