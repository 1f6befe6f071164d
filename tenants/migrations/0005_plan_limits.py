from decimal import Decimal

from django.db import migrations, models

# code, name, price, products, staff seats, API requests/min, recommendations, custom domains, order
PLANS = [
    ("free", "Free", Decimal("0.00"), 50, 2, 60, False, 0, 0),
    ("growth", "Growth", Decimal("29.00"), 2000, 5, 300, True, 1, 1),
    ("pro", "Pro", Decimal("99.00"), None, None, 1200, True, 10, 2),
]


def default_plans(apps, schema_editor):
    Plan = apps.get_model("tenants", "Plan")
    Plan.objects.filter(code="basic").update(code="growth")  # the old middle plan, shops and all
    for code, name, price, products, staff, rpm, recs, domains, order in PLANS:
        Plan.objects.update_or_create(code=code, defaults={
            "name": name, "monthly_price": price, "currency": "USD", "max_products": products, "max_staff": staff,
            "max_api_requests_per_minute": rpm, "recommendations_included": recs, "max_custom_domains": domains,
            "is_default": code == "free", "sort_order": order})


class Migration(migrations.Migration):
    dependencies = [("tenants", "0004_shop_footer_note")]

    operations = [
        migrations.AddField(
            model_name="plan", name="max_api_requests_per_minute",
            field=models.PositiveIntegerField(blank=True, help_text="Empty: unlimited", null=True)),
        migrations.AddField(
            model_name="plan", name="recommendations_included", field=models.BooleanField(default=False)),
        migrations.AddField(
            model_name="plan", name="max_custom_domains",
            field=models.PositiveIntegerField(blank=True, default=0, help_text="0: none included; empty: unlimited",
                                              null=True)),
        migrations.AddField(
            model_name="plan", name="stripe_plan_id", field=models.CharField(blank=True, max_length=255)),
        migrations.AlterField(
            model_name="shop", name="status",
            field=models.CharField(choices=[("active", "Active"), ("suspended", "Suspended"),
                                            ("unpaid", "Closed for non-payment")], default="active", max_length=16)),
        migrations.RunPython(default_plans, migrations.RunPython.noop),
    ]
