"""The riverside demo: products with pictures, descriptions and variants from the Online Retail
data, its real invoices as an order history that ends today, loaded twice without change and
without a single e-mail or order event: the catalogue is announced once, as one imported batch."""
from __future__ import annotations

import gzip
import re
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db.models import Count, Max, Min
from django.utils import timezone
from django_tenants.utils import schema_context

from conftest import client_for
from saas.accounts.models import User
from saas.kernel.events import captured
from storefront.demo import ATTRIBUTION
from storefront.demo.riverside import catalog_load, pictures_load, riverside_load
from storefront.models import Order, OrderEvent, OrderLine, OrderStatus, Payment, Product, ProductImage, ProductVariant
from storefront.payments import AttemptStatus
from tenants.models import Shop

pytestmark = pytest.mark.django_db
LIMIT = 12  # the first products of the catalogue: quick, and still thousands of real invoices


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def signals_sent():
    with captured() as box:
        yield box


def test_products_get_pictures_descriptions_and_pack_variants(world, media):
    with schema_context(world.shop_a.schema_name):
        assert catalog_load(limit=LIMIT) == pictures_load(products=Product.objects.all()) == LIMIT
        products = list(Product.objects.select_related("category").prefetch_related("images", "variants"))
        assert len(products) == LIMIT
        for product in products:
            image = product.images.get()
            assert image.width == image.height == 480
            assert image.alt == product.title
            assert (media / image.image.name).stat().st_size > 1000
            assert (media / image.thumbnail.name).read_bytes()[8:12] == b"WEBP"
            assert product.category is not None
            assert "UCI" not in product.description
            assert "£" in product.description
            assert product.sold_count > 0
        hearts = next(p for p in products if p.title == "White hanging heart t-light holder")
        assert hearts.description.startswith("Holds a standard tea light")
        # priced from the data set: £2.95 each, and its trade price break (32 at £2.55)
        packs = {v.options["Pack"]: (v.price, v.compare_at_price) for v in hearts.variants.all()}
        assert packs["Single"][0] == hearts.min_price == Decimal("2.95")
        assert packs["Box of 32"] == (Decimal("81.60"), Decimal("94.40"))
        assert hearts.option_names == ["Pack"]
        assert sum(len(p.variants.all()) > 1 for p in products) >= 3
        # titles stay the data set's own (the search relevance set is built on them)
        assert any(p.title == "Jumbo bag red retrospot" for p in products)


def test_order_history_is_the_real_invoices_ending_today(world, media):
    now = timezone.now()
    with schema_context(world.shop_a.schema_name):
        riverside_load(limit=LIMIT, shopper_email=world.customer_a.email)
        orders = Order.objects.all()
        span = orders.aggregate(first=Min("created_at"), last=Max("created_at"))
        assert span["last"].date() == timezone.localdate()
        assert now - span["last"] < timedelta(minutes=5)
        assert span["last"] - span["first"] > timedelta(days=300)  # a year of trading
        assert orders.count() > 1000
        statuses = dict(orders.values_list("status").annotate(n=Count("id")))
        assert set(statuses) <= {OrderStatus.PAID, OrderStatus.PROCESSING, OrderStatus.SHIPPED, OrderStatus.DELIVERED}
        assert orders.order_by("-created_at").first().status == OrderStatus.PAID
        assert orders.filter(created_at__lt=now - timedelta(days=6)).exclude(status=OrderStatus.DELIVERED).count() == 0
        assert not orders.filter(status=OrderStatus.SHIPPED, tracking_number="").exists()
        order = orders.filter(status=OrderStatus.DELIVERED).order_by("?").first()
        assert list(order.events.values_list("status", flat=True)) == ["placed", "paid", "processing", "shipped",
                                                                        "delivered"]
        assert order.total == order.subtotal + order.shipping_total  # prices include VAT here
        assert order.subtotal == sum(line.line_total for line in order.lines.all())
        demo_skus = set(ProductVariant.objects.values_list("sku", flat=True))
        assert set(OrderLine.objects.values_list("sku", flat=True)) <= demo_skus
        # customers are pseudonyms; a customer's repeat orders stay together
        emails = set(orders.values_list("email", flat=True))
        pattern = re.compile(r"^(customer-[0-9a-f]{10}|guest-\d{6})@example\.com$")
        assert all(pattern.match(e) for e in emails - {world.customer_a.email})
        repeat = User.objects.filter(email__startswith="customer-").annotate(n=Count("orders")).filter(n__gt=1)
        assert repeat.exists()
        assert not User.objects.get(email=repeat.first().email).has_usable_password()
        assert world.customer_a.orders.count() >= 3
        # each order was paid once: the order page says "Payment received", never "Payment failed"
        payments = Payment.objects.all()
        assert payments.count() == orders.count()
        assert set(payments.values_list("kind", "status", "succeeded")) == {("charge", AttemptStatus.SUCCEEDED, True)}
        # a history loaded before the status was written is put right by the next load_demo
        payments.update(status=AttemptStatus.FAILED)
        riverside_load(limit=LIMIT, shopper_email=world.customer_a.email)
        assert not Payment.objects.exclude(status=AttemptStatus.SUCCEEDED).exists()


def test_second_run_changes_nothing_and_no_mail_or_signal_goes_out(world, media, signals_sent, mailoutbox,
                                                                      django_capture_on_commit_callbacks):
    with schema_context(world.shop_a.schema_name), django_capture_on_commit_callbacks(execute=True):
        riverside_load(limit=LIMIT, shopper_email=world.customer_a.email)

        def state():
            return (list(Product.objects.order_by("id").values_list("id", "updated_at", "description")),
                    ProductImage.objects.count(), Order.objects.count(), OrderEvent.objects.count(),
                    User.objects.count(), Order.objects.aggregate(Max("updated_at")))

        before = state()
        again = riverside_load(limit=LIMIT, shopper_email=world.customer_a.email)
        assert (again.products, again.pictures, again.orders) == (0, 0, 0)
        assert state() == before
    assert mailoutbox == []
    # the first run's catalogue, through the bulk write: one batch, one event; nothing else
    assert [e.name for e in signals_sent] == ["product.imported"]
    assert len(signals_sent[0].product_ids) == LIMIT


def test_load_demo_puts_the_attribution_in_the_riverside_footer(world, media, mailoutbox):
    call_command("load_demo", "--quiet", "--products", "3")
    call_command("load_demo", "--quiet", "--products", "3")
    riverside = Shop.objects.get(subdomain="riverside")
    assert riverside.footer_note == ATTRIBUTION
    assert client_for(riverside).get("/api/shop/").json()["footer_note"] == ATTRIBUTION
    assert Shop.objects.get(subdomain="nordic").footer_note == ""
    with schema_context(riverside.schema_name):
        assert Product.objects.count() == ProductImage.objects.count() == 3
        assert User.objects.get(email="shopper@example.com").orders.exists()
    assert mailoutbox == []


def test_converter_keeps_invoices_of_demo_products_and_pseudonymises_customers(tmp_path: Path):
    source = tmp_path / "online_retail.csv"
    source.write_text(
        "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
        "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26,2.55,17850,United Kingdom\n"
        "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,2,2010-12-01 08:26,2.55,17850,United Kingdom\n"
        "536365,POST,POSTAGE,1,2010-12-01 08:26,18.00,17850,United Kingdom\n"
        "536366,99999Z,NOT IN THE DEMO,1,2010-12-01 09:00,1.00,17850,United Kingdom\n"
        "C536379,22423,REGENCY CAKESTAND 3 TIER,-1,2010-12-01 09:41,12.75,14527,Germany\n"
        "536380,22423,REGENCY CAKESTAND 3 TIER,1,2010-12-02 08:26,12.75,,Germany\n")
    call_command("demo_retail_extract", str(source), "--share", "1", "--out", str(tmp_path))
    with gzip.open(tmp_path / "online_retail_invoices.csv.gz", "rt") as f:
        rows = f.read().splitlines()
    assert rows[0] == "invoice,minutes_before_end,customer,country,stock_code,quantity,unit_price,postage"
    first, guest = rows[1].split(","), rows[2].split(",")
    assert first[:2] == ["536365", str(24 * 60)]
    assert re.fullmatch(r"[0-9a-f]{10}", first[2])
    assert first[3:] == ["GB", "85123A", "8", "2.55", "18.00"]  # two lines of one product, one order line
    assert guest == ["536380", "0", "", "DE", "22423", "1", "12.75", ""]
    assert len(rows) == 3  # the cancellation and the product outside the demo are left out
    assert "17850" not in "".join(rows)
    facts = (tmp_path / "online_retail_facts.csv").read_text().splitlines()
    assert len(facts) == 401


def test_a_shop_stocked_by_the_old_loader_gets_descriptions_pictures_and_history(world, media):
    from storefront.demo.riverside import OLD_DESCRIPTION
    from storefront.services import product_create

    with schema_context(world.shop_a.schema_name):
        old = product_create(title="White hanging heart t-light holder",
                             slug="85123a-white-hanging-heart-t-light-holder", description=OLD_DESCRIPTION,
                             variants=[{"sku": "85123A", "price": Decimal("2.95"), "stock": 5}])
        report = riverside_load(limit=2)
        assert (report.products, report.pictures) == (2, 2)
        assert report.orders > 0
        old.refresh_from_db()
        assert old.description.startswith("Holds a standard tea light")
        assert old.variants.count() == 3
        assert Product.objects.count() == 2


def test_a_merchants_own_product_gets_no_drawn_picture(world, media):
    from storefront.services import product_create

    with schema_context(world.shop_a.schema_name):
        riverside_load(limit=2)
        own = product_create(title="My own mug", variants=[{"sku": "OWN-1", "price": Decimal("5.00"), "stock": 1}])
        assert riverside_load(limit=2).pictures == 0
        assert not own.images.exists()
