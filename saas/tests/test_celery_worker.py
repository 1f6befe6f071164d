"""A task queued from a shop runs in that shop's schema on a real Celery worker over Redis."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from saas.accounts.tasks import send_welcome_email
from saas.kernel.tenancy import tenant_connection

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def worker(django_db_setup, tmp_path_factory):
    mail_dir = tmp_path_factory.mktemp("mail")
    db = settings.DATABASES["default"]
    env = dict(os.environ,
               DJANGO_SETTINGS_MODULE="saas.settings.test",
               DATABASE_URL=f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
               EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
               EMAIL_FILE_PATH=str(mail_dir))
    proc = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "saas", "worker", "--pool", "solo", "-l", "warning",
         "--without-gossip", "--without-mingle", "--without-heartbeat", "-Q", "celery"],
        env=env, cwd=settings.BASE_DIR, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    yield mail_dir
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def test_task_runs_in_the_schema_of_the_shop_that_queued_it(world, worker: Path):
    # customer ids are equal in both shops; only the schema tells which customer is meant
    assert world.customer_a.pk == world.customer_b.pk
    results = {}
    for shop in (world.shop_a, world.shop_b):
        tenant_connection().set_tenant(shop)
        results[shop.subdomain] = send_welcome_email.delay(world.customer_a.pk)
        tenant_connection().set_schema_to_public()
    assert results["alpha"].get(timeout=60) == {"to": "customer@alpha.test", "schema": world.shop_a.schema_name}
    assert results["bravo"].get(timeout=60) == {"to": "customer@bravo.test", "schema": world.shop_b.schema_name}

    deadline = time.monotonic() + 10
    mails = ""
    while time.monotonic() < deadline and "Welcome to Bravo" not in mails:
        mails = "".join(p.read_text() for p in worker.iterdir())
        time.sleep(0.1)
    assert "Subject: Welcome to Alpha" in mails
    assert "To: customer@alpha.test" in mails
    assert "Subject: Welcome to Bravo" in mails
    assert "To: customer@bravo.test" in mails


def test_csv_import_runs_on_the_worker_in_the_shops_schema(world, worker: Path):
    """The import job is committed from another connection (the test's own transaction is
    invisible to the worker), queued from shop A, and polled until the worker finishes it."""
    from concurrent.futures import ThreadPoolExecutor

    from django.core.files.base import ContentFile
    from django_tenants.utils import schema_context

    from storefront.models import ImportJob, Product
    from storefront.tasks import run_import

    csv_text = "handle,title,sku,price,stock\nworker-mug,Worker mug,WM-1,4.00,3\nbad,Bad row,,1.00,1\n"

    def on_own_connection(fn):
        def call():
            try:
                with schema_context(world.shop_a.schema_name):
                    return fn()
            finally:
                connection.close()

        with ThreadPoolExecutor(max_workers=1) as pool:
            return pool.submit(call).result()

    def create_job():
        job = ImportJob()
        job.file.save("worker.csv", ContentFile(csv_text.encode()), save=False)
        job.save()
        return job.pk

    job_id = on_own_connection(create_job)
    tenant_connection().set_tenant(world.shop_a)
    result = run_import.delay(job_id)
    tenant_connection().set_schema_to_public()
    assert result.get(timeout=60) == {"status": "done", "processed": 2, "errors": 1}
    try:
        titles = on_own_connection(
            lambda: list(Product.objects.filter(slug="worker-mug").values_list("title", flat=True)))
        assert titles == ["Worker mug"]
        with schema_context(world.shop_b.schema_name):
            assert not Product.objects.filter(slug="worker-mug").exists()
    finally:
        on_own_connection(lambda: (Product.objects.filter(slug="worker-mug").delete(),
                                   ImportJob.objects.filter(pk=job_id).delete()))


def read_mails(folder: Path) -> list:
    """The file backend writes messages one after another, each followed by a line of dashes."""
    import email
    from email import policy

    chunks = "".join(p.read_text() for p in folder.iterdir()).split("\n" + "-" * 79 + "\n")
    return [email.message_from_string(chunk.lstrip("\n"), policy=policy.default) for chunk in chunks if chunk.strip()]


def test_an_order_email_is_sent_by_the_worker_from_the_shop(world, worker: Path):
    """The order is committed on its own connection, the task queued from shop B, and the
    worker writes the e-mail (file backend) with shop B's name as the sender."""
    from concurrent.futures import ThreadPoolExecutor
    from decimal import Decimal

    from django_tenants.utils import schema_context

    from storefront.models import Order
    from storefront.tasks import send_order_email

    def on_own_connection(fn):
        def call():
            try:
                with schema_context(world.shop_b.schema_name):
                    return fn()
            finally:
                connection.close()

        with ThreadPoolExecutor(max_workers=1) as pool:
            return pool.submit(call).result()

    def create_order():
        order = Order.objects.create(email="guest@bravo.test", currency="GBP", subtotal=Decimal("9.00"),
                                     total=Decimal("9.00"), status="shipped", payment_status="paid",
                                     tracking_number="WORKER-TRK-7")
        Order.objects.filter(pk=order.pk).update(number=str(5000 + order.pk))
        return order.pk

    order_id = on_own_connection(create_order)
    try:
        tenant_connection().set_tenant(world.shop_b)
        result = send_order_email.delay(order_id, "shipped")
        tenant_connection().set_schema_to_public()
        assert result.get(timeout=60) == {"sent": True, "to": "guest@bravo.test", "kind": "shipped"}
        mail = next(m for m in read_mails(worker) if m["To"] == "guest@bravo.test")
        assert mail["Subject"] == f"Order #{5000 + order_id} has shipped · Bravo"
        assert mail["From"] == "Bravo <no-reply@localhost>"
        text = mail.get_body(preferencelist=("plain",)).get_content()
        html = mail.get_body(preferencelist=("html",)).get_content()
        assert "Tracking number: WORKER-TRK-7" in text
        assert "WORKER-TRK-7" in html
        assert f"/orders/{order_id}?token=" in text
        # delivered again (acks_late, a worker restart): not sent twice
        tenant_connection().set_tenant(world.shop_b)
        again = send_order_email.delay(order_id, "shipped")
        tenant_connection().set_schema_to_public()
        assert again.get(timeout=60)["sent"] is False
    finally:
        on_own_connection(lambda: Order.objects.filter(pk=order_id).delete())
