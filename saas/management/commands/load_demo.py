"""Demo data, loaded once: a platform admin, a merchant and two live shops, one stocked with
real products from the UCI Online Retail data set (storefront/demo_data)."""
from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django_tenants.utils import schema_context

from saas.accounts.models import Role, User
from storefront.demo import ATTRIBUTION
from storefront.demo.riverside import pictures_load, riverside_load
from storefront.models import Product, ShippingRate, ShippingZone, ShopSettings, TaxRate
from storefront.services import product_create
from tenants.models import Plan, Shop
from tenants.plans import shop_plan_set
from tenants.selectors import shop_url
from tenants.services import shop_create, shop_footer_note_set

ADMIN = ("admin@example.com", "demo-admin-pass-123")
MERCHANT = ("merchant@example.com", "demo-merchant-pass-123")
SHOPPER = ("shopper@example.com", "demo-shopper-pass-123")
KNITS = [
    ("Fair Isle wool jumper", "89.00", 12), ("Merino beanie", "24.00", 40), ("Lopi cardigan", "129.00", 5),
    ("Chunky rib scarf", "39.00", 25), ("Sheepskin mittens", "45.00", 0), ("Cable knit socks, 3 pairs", "19.50", 60),
]


# EU and EEA members (and Switzerland), for the demo shops' Europe zones.
EUROPE = ["AT", "BE", "BG", "CH", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IS", "IT",
          "LI", "LT", "LU", "LV", "MT", "NL", "NO", "PL", "PT", "RO", "SE", "SI", "SK"]


def shipping_and_tax(*, home: str, rates: dict[str, list[tuple[str, str, str | None]]],
                     tax: dict[str, str], default_tax: str, label: str) -> None:
    """Zones for home, Europe and the rest of the world, each with (name, price, free over);
    tax by country, the default covering everywhere else."""
    ShippingRate.objects.all().delete()
    ShippingZone.objects.exclude(rest_of_world=True).delete()
    zones = {"home": ShippingZone.objects.create(name="Domestic", countries=[home], position=0),
             "europe": ShippingZone.objects.create(name="Europe", countries=[c for c in EUROPE if c != home],
                                                   position=1),
             "world": ShippingZone.objects.get_or_create(rest_of_world=True, defaults={"name": "Rest of world"})[0]}
    for zone, zone_rates in rates.items():
        for position, (name, price, free_over) in enumerate(zone_rates):
            ShippingRate.objects.create(zone=zones[zone], name=name, price=Decimal(price), position=position,
                                        free_over=Decimal(free_over) if free_over else None)
    ShopSettings.objects.update_or_create(pk=1, defaults={"tax_rate": Decimal(default_tax), "tax_label": label,
                                                          "prices_include_tax": True})
    for country, rate in tax.items():
        TaxRate.objects.update_or_create(country=country, defaults={"rate": Decimal(rate)})


class Command(BaseCommand):
    help = "Loads the demo accounts and shops (once) and prints how to sign in."

    def add_arguments(self, parser):
        parser.add_argument("--print", action="store_true", dest="print_only", help="only print the credentials")
        parser.add_argument("--quiet", action="store_true", help="load without printing")
        parser.add_argument("--products", type=int, default=None,
                            help="stock riverside with only the first N products (quick runs)")

    def handle(self, *args, print_only: bool = False, quiet: bool = False, products: int | None = None, **options):
        self.limit, self.verbosity = products, options.get("verbosity", 1)
        if not print_only:
            self.load()
        if not quiet:
            self.report()

    @transaction.atomic
    def load(self) -> None:
        if not User.objects.filter(email=ADMIN[0]).exists():
            User.objects.create_user(ADMIN[0], ADMIN[1], full_name="Platform Admin", role=Role.PLATFORM_ADMIN)
        merchant = User.objects.filter(email=MERCHANT[0]).first() or User.objects.create_user(
            MERCHANT[0], MERCHANT[1], full_name="Demo Merchant", role=Role.MERCHANT)
        pro = Plan.objects.get(code="pro")  # the demo shows every feature: recommendations, no limits
        riverside = Shop.objects.filter(subdomain="riverside").first() or shop_create(
            owner=merchant, name="Riverside Gifts", subdomain="riverside", currency="GBP", plan=pro)
        shop_plan_set(shop=riverside, plan=pro)
        with schema_context(riverside.schema_name):
            if not ShippingZone.objects.filter(rest_of_world=False).exists():
                # a UK shop: VAT on domestic sales, exports zero-rated
                shipping_and_tax(home="GB", default_tax="0", label="VAT", tax={"GB": "20"}, rates={
                    "home": [("Standard", "3.95", "50.00"), ("Express", "9.95", None)],
                    "europe": [("Europe tracked", "8.50", "120.00")],
                    "world": [("Worldwide tracked", "14.95", None)]})
            if not User.objects.filter(email=SHOPPER[0]).exists():
                User.objects.create_user(SHOPPER[0], SHOPPER[1], full_name="Demo Shopper", role=Role.CUSTOMER)
            # each step does only what is missing: a second run changes nothing
            loaded = riverside_load(limit=self.limit, shopper_email=SHOPPER[0])
        if self.verbosity >= 2:
            timings = ", ".join(f"{step} {seconds:.1f} s" for step, seconds in loaded.seconds.items())
            self.stdout.write(f"riverside: {loaded.products} products, {loaded.pictures} pictures, "
                              f"{loaded.orders} orders ({timings})")
        if riverside.footer_note != ATTRIBUTION:
            shop_footer_note_set(shop=riverside, note=ATTRIBUTION)
        if not Shop.objects.filter(subdomain="nordic").exists():
            shop = shop_create(owner=merchant, name="Nordic Knits", subdomain="nordic", currency="EUR", plan=pro)
            with schema_context(shop.schema_name):
                # a Finnish shop: the buyer's country's VAT inside the EU (OSS), exports outside it zero-rated
                shipping_and_tax(home="FI", default_tax="0", label="VAT", rates={
                    "home": [("Posti parcel", "5.90", "60.00"), ("Express", "12.90", None)],
                    "europe": [("Europe parcel", "11.90", "150.00")],
                    "world": [("Worldwide parcel", "24.00", None)]},
                    tax={"FI": "25.5", "SE": "25", "DK": "25", "DE": "19", "FR": "20", "NL": "21", "IT": "22",
                         "ES": "21", "AT": "20", "BE": "21", "IE": "23", "PL": "23", "PT": "23", "EE": "24"})
                for n, (title, price, stock) in enumerate(KNITS):
                    product_create(title=title, description="Knitted in small batches.", variants=[
                        {"sku": f"NK-{n}-{size}", "options": {"Size": size}, "price": Decimal(price), "stock": stock}
                        for size in ("S", "M", "L")])
        with schema_context(Shop.objects.get(subdomain="nordic").schema_name):
            pictures_load(products=Product.objects.filter(title__in=[title for title, _, _ in KNITS]))

    def report(self) -> None:
        shops = Shop.objects.filter(subdomain__in=["riverside", "nordic"]).order_by("subdomain")
        lines = [
            "",
            f"  Platform:        {settings.ROOT_URL}/",
            f"  Platform admin:  {ADMIN[0]} / {ADMIN[1]}",
            f"  Merchant:        {MERCHANT[0]} / {MERCHANT[1]}  (owns the demo shops)",
        ]
        for shop in shops:
            lines.append(f"  Shop:            {shop_url(shop)}/  ({shop.name})")
        lines.append("  Dashboards:      sign in on the platform as the merchant, then My shops > Open dashboard")
        lines.append(f"  Shopper:         {SHOPPER[0]} / {SHOPPER[1]}  (on riverside)")
        lines.append(f"  API docs:        {settings.ROOT_URL}/api/docs/  (and on every shop's host)")
        lines.append(f"  E-mails:         written to files under {settings.EMAIL_FILE_PATH}"
                     if "filebased" in settings.EMAIL_BACKEND else "  E-mails:         printed by the Celery worker")
        self.stdout.write("\n".join(lines) + "\n")
