"""The dashboard's writes as functions: the rules hold without the API, and each write announces
itself once it has committed."""
from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django_tenants.utils import schema_context

from merchant_dashboard import services
from saas.kernel.errors import AppError
from saas.kernel.events import captured
from storefront.models import DiscountCode, ImportJob, ShippingZone, ShopSettings, TaxRate
from storefront.tests.factories import DiscountCodeFactory, ShippingZoneFactory, TaxRateFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def shop(world):
    with schema_context(world.shop_a.schema_name):
        yield world.shop_a


def refused(call, **kwargs) -> dict:
    with pytest.raises(AppError) as error:
        call(**kwargs)
    assert error.value.code == "validation_error"
    return error.value.fields


def test_a_code_is_stored_upper_case_once_and_a_percentage_is_at_most_100(shop):
    made = services.discount_create(code=" spring ", kind="percent", value=Decimal("15"))
    assert made.code == "SPRING"
    assert refused(services.discount_create, code="Spring", kind="fixed", value=Decimal("1")) == {
        "code": ["This code already exists."]}
    assert "value" in refused(services.discount_create, code="HUGE", kind="percent", value=Decimal("101"))
    # the cap holds for an edit that changes only the kind
    fixed = services.discount_create(code="BIG", kind="fixed", value=Decimal("150"))
    assert "value" in refused(services.discount_update, discount=fixed, kind="percent")
    assert DiscountCode.objects.get(pk=fixed.pk).kind == "fixed"


def test_dates_are_checked_against_what_is_stored(shop):
    now = timezone.now()
    assert "ends_at" in refused(services.discount_create, code="OLD", kind="fixed", value=Decimal("1"),
                                ends_at=now - timedelta(days=1))
    later = services.discount_create(code="LATER", kind="fixed", value=Decimal("1"), starts_at=now + timedelta(days=3))
    assert "ends_at" in refused(services.discount_update, discount=later, ends_at=now + timedelta(days=1))
    # an existing code may be ended now
    running = DiscountCodeFactory(code="RUNNING")
    ended = services.discount_update(discount=running, ends_at=now - timedelta(seconds=1))
    assert ended.state(timezone.now()) == "expired"


def test_discount_writes_announce_themselves_after_commit(shop, django_capture_on_commit_callbacks):
    with captured() as sent, django_capture_on_commit_callbacks(execute=True):
        made = services.discount_create(code="TELL", kind="fixed", value=Decimal("3"))
        made_id = made.pk
        services.discount_update(discount=made, value=Decimal("4"))
        services.discount_delete(discount=made)
    assert [(e.code, e.action, e.discount_id) for e in sent] == [
        ("TELL", "created", made_id), ("TELL", "updated", made_id), ("TELL", "deleted", made_id)]
    assert not DiscountCode.objects.filter(code="TELL").exists()


def test_a_refused_write_announces_nothing(shop, django_capture_on_commit_callbacks):
    DiscountCodeFactory(code="TAKEN")
    TaxRateFactory(country="DE")
    with captured() as sent, django_capture_on_commit_callbacks(execute=True):
        refused(services.discount_create, code="taken", kind="fixed", value=Decimal("1"))
        refused(services.tax_rate_create, country="DE", rate=Decimal("5"))
    assert sent == []


def test_a_country_is_in_one_zone_and_has_one_tax_rate(shop):
    ShippingZoneFactory(name="Home", countries=["GB"])
    assert refused(services.shipping_zone_create, name="Islands", countries=["gb", "ie"]) == {
        "countries": ["GB already in the zone Home."]}
    assert "countries" in refused(services.shipping_zone_create, name="Nowhere", countries=[])
    assert "rest_of_world" in refused(services.shipping_zone_create, name="Elsewhere", rest_of_world=True)
    rest = ShippingZone.objects.get(rest_of_world=True)
    assert services.shipping_zone_update(zone=rest, countries=["FR"]).countries == []  # it names no country
    TaxRateFactory(country="FR", rate=Decimal("20"))
    assert refused(services.tax_rate_create, country=" fr ", rate=Decimal("5.5")) == {
        "country": ["This country already has a rate."]}
    assert services.tax_rate_create(country="es", rate=Decimal("21")).country == "ES"
    assert TaxRate.objects.filter(country="ES").exists()


def test_a_rate_without_a_zone_goes_to_the_rest_of_the_world(shop, django_capture_on_commit_callbacks):
    with captured() as sent, django_capture_on_commit_callbacks(execute=True):
        rate = services.shipping_rate_create(name="Courier", price=Decimal("6.00"))
        services.shipping_rate_update(rate=rate, active=False)
    assert rate.zone.rest_of_world
    assert [(e.name, e.section) for e in sent] == [("settings.changed", "shipping")] * 2


def test_settings_are_written_and_announced(shop, django_capture_on_commit_callbacks):
    with captured() as sent, django_capture_on_commit_callbacks(execute=True):
        services.shop_settings_update(tax_rate=Decimal("7.50"), prices_include_tax=False, low_stock_threshold=2)
    current = ShopSettings.load()
    assert (current.tax_rate, current.prices_include_tax, current.low_stock_threshold) == (Decimal("7.50"), False, 2)
    assert [(e.name, e.section) for e in sent] == [("settings.changed", "checkout")]
    with pytest.raises(TypeError):
        services.shop_settings_update(currency="EUR")  # not a setting of this row


def test_an_import_job_is_queued_only_once_it_is_stored(shop, settings, tmp_path, monkeypatch,
                                                        django_capture_on_commit_callbacks):
    from storefront import tasks

    settings.MEDIA_ROOT = tmp_path
    queued: list[int] = []
    monkeypatch.setattr(tasks.run_import, "delay", queued.append)
    assert refused(services.import_job_create, upload=None) == {"file": ["Choose a CSV file."]}
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = services.import_job_create(upload=SimpleUploadedFile("c.csv", b"handle,title,sku,price\n"))
        assert queued == []  # not before the commit: a worker would not find the row
    for callback in callbacks:
        callback()
    assert queued == [job.pk]
    assert ImportJob.objects.get(pk=job.pk).status == "queued"
