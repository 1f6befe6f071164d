"""Promotions: who they reach (all, buyers of a category, lapsed), the bulk fan-out, the
merchant's counts, e-mail for those who asked, and who may send them."""
from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from django_tenants.utils import schema_context

from conftest import PASSWORD, client_for
from realtime.notifications import promotions
from realtime.notifications.models import Notification, Promotion
from saas.accounts.models import Role, User
from storefront.models import Category, DiscountCode, Order, OrderLine
from storefront.preferences import email_preferences_update
from storefront.tests.factories import make_product

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent_tasks(monkeypatch):
    queued = []
    monkeypatch.setattr(promotions, "_queue", lambda schema, pk: queued.append((schema, pk)))
    return queued


@pytest.fixture
def shoppers(world):
    """Four customers in alpha: one bought a mug (Kitchen) yesterday, one bought a scarf
    (Clothing) 100 days ago, one never ordered (joined 200 days ago), and customer_a."""
    with schema_context(world.shop_a.schema_name):
        kitchen = Category.objects.create(name="Kitchen", slug="kitchen")
        cups = Category.objects.create(name="Cups", slug="cups", parent=kitchen)
        clothing = Category.objects.create(name="Clothing", slug="clothing")
        mug, scarf = make_product("Mug", category=cups), make_product("Scarf", category=clothing)
        people = {}
        for name in ("recent", "old", "never"):
            people[name] = User.objects.create_user(f"{name}@alpha.test", PASSWORD, role=Role.CUSTOMER,
                                                    date_joined=timezone.now() - timedelta(days=200))
        for who, product, days in (("recent", mug, 1), ("old", scarf, 100)):
            order = Order.objects.create(user=people[who], email=people[who].email, currency="EUR", subtotal=10,
                                         total=10, number=f"N-{who}")
            Order.objects.filter(pk=order.pk).update(created_at=timezone.now() - timedelta(days=days))
            variant = product.variants.first()
            OrderLine.objects.create(order=order, product=product, variant=variant, product_slug=product.slug,
                                     product_title=product.title, sku=variant.sku, unit_price=10, quantity=1,
                                     line_total=10)
        DiscountCode.objects.create(code="SPRING10", kind="percent", value=10)
        return {"kitchen": kitchen, **people}


def send(world, payload, user=None):
    return client_for(world.shop_a, user or world.owner_a).post("/api/dashboard/promotions/", payload, format="json")


def recipients(promotion_id: int) -> set[str]:
    return set(Notification.objects.filter(promotion_id=promotion_id).values_list("recipient__email", flat=True))


def test_a_promotion_to_buyers_of_a_category_reaches_only_them(world, shoppers, sent_tasks,
                                                               django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        res = send(world, {"title": "Cups week", "text": "All cups 10 % off", "audience": "category",
                           "category_id": shoppers["kitchen"].pk, "discount_code": "spring10",
                           "link": "/?category=cups"})
    assert res.status_code == 201, res.content
    assert sent_tasks == [(world.shop_a.schema_name, res.json()["id"])]
    with schema_context(world.shop_a.schema_name):
        promotions.promotion_deliver(promotion_id=res.json()["id"])
        assert recipients(res.json()["id"]) == {"recent@alpha.test"}  # bought from a child of Kitchen
        n = Notification.objects.get(promotion_id=res.json()["id"])
        assert (n.kind, n.link) == ("promotion", "/?category=cups")
        assert "SPRING10" in n.body


def test_lapsed_audience_is_who_has_not_ordered_for_n_days(world, shoppers, sent_tasks):
    res = send(world, {"title": "We miss you", "text": "Come back", "audience": "lapsed", "inactive_days": 30})
    assert res.status_code == 201
    with schema_context(world.shop_a.schema_name):
        promotions.promotion_deliver(promotion_id=res.json()["id"])
        # customer_a joined today: not lapsed yet
        assert recipients(res.json()["id"]) == {"old@alpha.test", "never@alpha.test"}


def test_all_shoppers_in_bulk_once_with_counts_and_emails_for_those_who_asked(
        world, shoppers, sent_tasks, django_assert_max_num_queries):
    with schema_context(world.shop_a.schema_name):
        extra = User.objects.bulk_create([User(email=f"bulk{i}@alpha.test", role=Role.CUSTOMER) for i in range(1200)])
        email_preferences_update(user_id=shoppers["old"].pk, changes={"promotion": True})
    res = send(world, {"title": "Sale", "text": "Everything half price", "audience": "all", "is_public": True})
    pid = res.json()["id"]
    with schema_context(world.shop_a.schema_name):
        with django_assert_max_num_queries(40):  # chunks of 500, not a query per shopper
            promotions.promotion_deliver(promotion_id=pid)
        promotions.promotion_deliver(promotion_id=pid)  # a task delivered twice stores nothing twice
        assert Notification.objects.filter(promotion_id=pid).count() == 1200 + 4
        Notification.objects.filter(promotion_id=pid, recipient__in=extra[:10]).update(delivered_at=timezone.now())
        Notification.objects.filter(promotion_id=pid, recipient__in=extra[:3]).update(read_at=timezone.now())
    assert [m.to for m in mail.outbox] == [["old@alpha.test"]]
    listed = client_for(world.shop_a, world.owner_a).get(f"/api/dashboard/promotions/{pid}/").json()
    assert (listed["status"], listed["recipients"], listed["reached"], listed["opened"]) == ("sent", 1204, 10, 3)


def test_bad_promotions_are_refused_with_the_fields_to_fix(world, shoppers, sent_tasks):
    res = send(world, {"title": "x", "text": "y", "audience": "lapsed", "link": "javascript:alert(1)",
                       "discount_code": "NOPE", "is_public": True})
    assert res.status_code == 400
    assert set(res.json()["error"]["fields"]) == {"link", "discount_code", "inactive_days", "is_public"}
    assert send(world, {"title": "x", "text": "y", "audience": "category"}).json()["error"]["fields"]["category_id"]
    assert sent_tasks == []
    with schema_context(world.shop_a.schema_name):
        assert not Promotion.objects.exists()


def test_only_owner_and_managers_send_promotions_support_may_read(world, shoppers, sent_tasks):
    with schema_context(world.shop_a.schema_name):
        support = User.objects.create_user("help@alpha.test", PASSWORD, role=Role.SUPPORT)
    assert send(world, {"title": "x", "text": "y", "audience": "all"}, user=support).status_code == 403
    assert client_for(world.shop_a, support).get("/api/dashboard/promotions/").status_code == 200
    assert send(world, {"title": "x", "text": "y", "audience": "all"}, user=world.customer_a).status_code == 403
