"""Training a shop on hand-made orders where the right answers are known, then serving from
the stored model: the new version takes over without a restart, a worse one is kept but not
promoted, and another shop with the same product ids never uses it."""
from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tenants.utils import schema_context

from conftest import client_for
from recs import store
from recs.models import ModelVersion, TrainingStatus
from recs.training import model_train
from storefront.models import Order, OrderLine
from storefront.services import category_create
from storefront.tests.factories import make_product

pytestmark = pytest.mark.django_db


def _orders(baskets: list[tuple[str, list[int], int]]) -> None:
    """(customer email, product ids, days ago) -> one order each."""
    now = timezone.now()
    for n, (email, pids, days) in enumerate(baskets):
        order = Order.objects.create(number=f"T{n}", email=email, currency="EUR", subtotal=Decimal("1"),
                                     total=Decimal("1"))
        Order.objects.filter(pk=order.pk).update(created_at=now - timedelta(days=days))
        OrderLine.objects.bulk_create(OrderLine(order=order, product_id=pid, product_slug="s", product_title="t",
                                                sku="s", unit_price=Decimal("1"), quantity=1,
                                                line_total=Decimal("1")) for pid in pids)


@pytest.fixture
def shop(world):
    """Tea people buy teapot + cups, garden people buy a spade + gloves; filler products for width."""
    with schema_context(world.shop_a.schema_name):
        kitchen, garden = category_create(name="Kitchen"), category_create(name="Garden")
        ids = {t: make_product(t, "5.00", 50, category=c, description=d).pk for t, c, d in [
            ("Teapot", kitchen, "A round teapot for loose tea"), ("Tea cups", kitchen, "Two cups for tea"),
            ("Spade", garden, "A steel spade for digging"), ("Gloves", garden, "Garden gloves for digging"),
            ("Kettle", kitchen, "A kettle for water"), ("Rake", garden, "A rake for leaves")]}
        baskets = []
        for n in range(30):
            baskets.append((f"tea{n}@x.test", [ids["Teapot"], ids["Tea cups"]], 60 - n))
            baskets.append((f"garden{n}@x.test", [ids["Spade"], ids["Gloves"]], 60 - n))
            # each comes back within the last four weeks (the validation window)
            baskets.append((f"tea{n}@x.test", [ids["Kettle"]], 25 - n // 2))
            baskets.append((f"garden{n}@x.test", [ids["Rake"]], 25 - n // 2))
        for n in range(5):  # a few bought these before the window, so the window can test them
            baskets.append((f"early{n}@x.test", [ids["Kettle"], ids["Rake"]], 45))
        _orders(baskets)
    store.models.clear()
    return ids


@pytest.fixture
def train(django_capture_on_commit_callbacks):
    """Trains in-process; what training does after commit (telling processes of the new current
    version) runs as it would outside the test's transaction."""
    def run(shop_schema: str, trigger: str = "manual") -> ModelVersion:
        with django_capture_on_commit_callbacks(execute=True), schema_context(shop_schema):
            return model_train(version=ModelVersion.objects.create(trigger=trigger))
    return run


def titles(res) -> list[str]:
    assert res.status_code == 200, res.content
    return [c["title"] for c in res.json()["items"]]


def test_a_trained_model_serves_the_known_answers_and_records_its_figures(world, shop, train):
    version = train(world.shop_a.schema_name)
    assert version.status == TrainingStatus.DONE, version.error
    assert (version.is_current, version.promoted) == (True, True)
    assert version.products_count == 6
    assert version.events_count == 190
    assert version.users_count == 65
    assert version.nbytes > 0
    assert version.fit_seconds is not None

    client = client_for(world.shop_a)
    together = client.get("/api/recs/products/teapot/bought-together/")
    assert titles(together)[0] == "Tea cups"
    body = together.json()
    assert (body["strategy"], body["fallback"], body["model_version"]) == ("co_purchase", None, version.pk)
    assert body["items"][0]["reason"]["text"] == "Often bought with Teapot"
    assert titles(client.get("/api/recs/products/spade/bought-together/"))[0] == "Gloves"
    assert titles(client.get("/api/recs/products/spade/similar/"))[0] in {"Gloves", "Rake"}

    panel = client_for(world.shop_a, world.owner_a).get("/api/dashboard/recs/").json()
    assert panel["model"]["id"] == version.pk
    assert panel["model"]["events_count"] == 190


def test_a_new_version_takes_over_without_a_restart_and_a_worse_one_is_kept_unpromoted(world, shop, train):
    first = train(world.shop_a.schema_name)
    client = client_for(world.shop_a)
    assert client.get("/api/recs/products/teapot/bought-together/").json()["model_version"] == first.pk
    second = train(world.shop_a.schema_name)
    assert second.is_current, second.not_promoted_reason
    with schema_context(world.shop_a.schema_name):
        assert list(ModelVersion.objects.filter(is_current=True).values_list("pk", flat=True)) == [second.pk]
    store._local_versions.clear()  # other processes re-read the version within RECS_VERSION_LOCAL_TTL
    assert client.get("/api/recs/products/teapot/bought-together/").json()["model_version"] == second.pk

    with schema_context(world.shop_a.schema_name):
        # the model in use: a score no retrain can reach (NDCG is at most 1)
        ModelVersion.objects.filter(pk=second.pk).update(score=1.5)
    third = train(world.shop_a.schema_name)
    assert third.status == TrainingStatus.DONE
    assert third.score is not None, "the engine scored the validation window"
    assert (third.is_current, third.promoted) == (False, False)
    assert "below the model in use" in third.not_promoted_reason
    with schema_context(world.shop_a.schema_name):
        assert ModelVersion.objects.get(is_current=True).pk == second.pk
        assert ModelVersion.objects.get(pk=third.pk).data  # kept


def test_another_shop_with_the_same_ids_never_uses_this_shops_model(world, shop, train):
    train(world.shop_a.schema_name)
    with schema_context(world.shop_b.schema_name):
        from django.db import connection

        with connection.cursor() as cursor:  # B's teapot gets the very id of A's teapot
            cursor.execute("SELECT setval(pg_get_serial_sequence('storefront_product', 'id'), %s)",
                           [shop["Teapot"] - 1])
        kitchen = category_create(name="Kitchen")
        b_ids = [make_product(t, "5.00", 5, category=kitchen).pk for t in ("Teapot", "Tea cups", "Mug")]
    assert b_ids[:2] == [shop["Teapot"], shop["Tea cups"]], "the shops share product ids"
    b = client_for(world.shop_b)
    together = b.get("/api/recs/products/teapot/bought-together/").json()
    assert (together["items"], together["model_version"]) == ([], None)
    assert b.get("/api/recs/trending/").json()["fallback"] == "no_model"
    assert client_for(world.shop_b, world.owner_b).get("/api/dashboard/recs/").json()["model"] is None


def test_the_holdout_sees_popularity_even_when_a_model_exists(world, shop, train):
    from recs.holdout import in_holdout

    train(world.shop_a.schema_name)
    held = next(f"visitor-{i:04d}" for i in range(1000) if in_holdout(f"visitor-{i:04d}", 0.1))
    body = client_for(world.shop_a).get("/api/recs/products/teapot/similar/", HTTP_X_VISITOR_ID=held).json()
    assert (body["arm"], body["strategy"], body["model_version"]) == ("holdout", "popularity", None)


def test_the_command_trains_one_shop_or_all(world, shop, capsys):
    call_command("train_recs", "--schema", world.shop_a.schema_name)
    out = capsys.readouterr().out
    assert f"{world.shop_a.schema_name}: version" in out
    assert "190 events" in out
    with pytest.raises(Exception, match="No shop"):
        call_command("train_recs", "--schema", "s_nowhere")


def test_buy_again_offers_what_the_shopper_rebuys_and_is_due(world, shop, train):
    with schema_context(world.shop_a.schema_name):
        now = timezone.now()
        for n, days in enumerate((40, 30, 20, 10)):
            lines = [shop["Kettle"]] + ([shop["Teapot"]] if days == 40 else [])
            order = Order.objects.create(number=f"K{n}", user=world.customer_a, email="c@x.test", currency="EUR",
                                         subtotal=Decimal("1"), total=Decimal("1"))
            Order.objects.filter(pk=order.pk).update(created_at=now - timedelta(days=days))
            OrderLine.objects.bulk_create(OrderLine(order=order, product_id=pid, product_slug="s", product_title="t",
                                                    sku="s", unit_price=Decimal("1"), quantity=1,
                                                    line_total=Decimal("1")) for pid in lines)
    train(world.shop_a.schema_name)
    client = client_for(world.shop_a, world.customer_a)
    again = client.get("/api/recs/buy-again/").json()
    assert [c["title"] for c in again["items"]] == ["Kettle"]  # the teapot was bought once: not a habit
    assert (again["strategy"], again["items"][0]["reason"]["kind"]) == ("repeat_intervals", "due_again")
    elsewhere = {c["title"] for w in ("for-you", "trending") for c in client.get(f"/api/recs/{w}/").json()["items"]}
    assert not elsewhere & {"Kettle", "Teapot"}


def test_for_you_follows_this_visits_views_with_the_model(world, shop, train):
    train(world.shop_a.schema_name)
    client = client_for(world.shop_a)
    visitor = "visitor-garden-01"
    assert client.post("/api/recs/events/", {"visitor_id": visitor, "events": [
        {"kind": "view", "product_id": shop["Spade"]}]}, format="json").status_code == 202
    body = client.get("/api/recs/for-you/", HTTP_X_VISITOR_ID=visitor).json()
    assert body["model_version"] is not None
    assert body["items"][0]["title"] in {"Gloves", "Rake"}
    assert body["items"][0]["reason"]["text"] == "Because you viewed Spade"


def test_a_shop_with_products_but_no_behaviour_yet_trains_and_missing_skips_it_after(world, capsys):
    """A brand-new shop: products, no views, no orders (the demo's small shop, make run's first start)."""
    with schema_context(world.shop_b.schema_name):
        make_product(title="Lonely teapot", price=Decimal("12.00"))
    call_command("train_recs", "--missing")
    out = capsys.readouterr().out
    assert world.shop_b.schema_name in out
    with schema_context(world.shop_b.schema_name):
        assert ModelVersion.objects.filter(is_current=True, status=TrainingStatus.DONE).exists()
    call_command("train_recs", "--missing")  # every active shop has a model now: nothing to do
    assert world.shop_b.schema_name not in capsys.readouterr().out
