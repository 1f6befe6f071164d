"""Dashboard handoff and the platform admin console."""
from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from conftest import client_for
from tenants.models import DashboardHandoff

pytestmark = pytest.mark.django_db


def handoff_code(world, shop=None, merchant=None):
    shop = shop or world.shop_a
    res = client_for(None, merchant or world.merchant_a).post(f"/api/platform/shops/{shop.pk}/dashboard-handoff/")
    assert res.status_code == 201, res.content
    return res.json()


def test_handoff_signs_the_owner_into_that_shops_dashboard_once(world):
    issued = handoff_code(world)
    assert issued["url"].startswith("http://alpha.localhost:8000/dashboard/handoff#code=")
    shop = client_for(world.shop_a)
    res = shop.post("/api/auth/handoff/", {"code": issued["code"]}, format="json")
    assert res.status_code == 200, res.content
    body = res.json()
    assert body["user"]["role"] == "owner"
    assert body["user"]["email"] == world.merchant_a.email
    overview = client_for(world.shop_a)
    overview.credentials(HTTP_AUTHORIZATION=f"Bearer {body['access']}")
    assert overview.get("/api/dashboard/overview/").json()["shop"]["subdomain"] == "alpha"
    # the code is spent
    again = shop.post("/api/auth/handoff/", {"code": issued["code"]}, format="json")
    assert again.status_code == 401
    assert again.json()["error"]["code"] == "handoff_invalid"


def test_handoff_code_is_refused_by_another_shop(world):
    issued = handoff_code(world)
    res = client_for(world.shop_b).post("/api/auth/handoff/", {"code": issued["code"]}, format="json")
    assert res.status_code == 401
    # and still works where it belongs
    assert client_for(world.shop_a).post("/api/auth/handoff/", {"code": issued["code"]},
                                         format="json").status_code == 200


def test_expired_or_garbage_handoff_code_is_refused(world):
    issued = handoff_code(world)
    DashboardHandoff.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    shop = client_for(world.shop_a)
    assert shop.post("/api/auth/handoff/", {"code": issued["code"]}, format="json").status_code == 401
    assert shop.post("/api/auth/handoff/", {"code": "x" * 40}, format="json").status_code == 401
    assert shop.post("/api/auth/handoff/", {}, format="json").status_code == 400


def test_only_the_owner_may_ask_for_a_handoff(world):
    res = client_for(None, world.merchant_b).post(f"/api/platform/shops/{world.shop_a.pk}/dashboard-handoff/")
    assert res.status_code == 404
    assert not DashboardHandoff.objects.filter(shop=world.shop_a).exists()


def test_customer_is_refused_by_the_dashboard(world):
    res = client_for(world.shop_a, world.customer_a).get("/api/dashboard/overview/")
    assert res.status_code == 403
    assert res.json()["error"]["code"] == "permission_denied"
    staff = client_for(world.shop_a, world.owner_a).get("/api/dashboard/staff/").json()
    assert [u["email"] for u in staff["results"]] == [world.merchant_a.email]


def test_admin_lists_every_shop_with_usage_in_few_queries(world, count_queries):
    client = client_for(None, world.admin)
    with count_queries() as counter:
        res = client.get("/api/platform/admin/shops/")
    assert counter.count <= 4, counter.queries  # user, count, page, usage of every shop on it
    assert res.status_code == 200
    rows = {r["subdomain"]: r for r in res.json()["results"]}
    assert set(rows) >= {"alpha", "bravo", "charlie"}
    assert rows["alpha"]["usage"] == {"customers": 1, "staff": 1, "products": 0, "orders": 0, "revenue": "0.00"}
    assert rows["alpha"]["owner_email"] == world.merchant_a.email
    assert rows["charlie"]["status"] == "suspended"
    assert rows["charlie"]["suspended_reason"] == "Unpaid invoices"
    assert [r["subdomain"] for r in client.get("/api/platform/admin/shops/?search=brav").json()["results"]] == [
        "bravo"]


def test_admin_query_count_does_not_grow_with_page_size(world, count_queries):
    from tenants.services import shop_create

    for i in range(4):
        shop_create(owner=world.merchant_a, name=f"Extra {i}", subdomain=f"extra-{i}")
    client = client_for(None, world.admin)
    with count_queries() as small:
        assert len(client.get("/api/platform/admin/shops/?page_size=2").json()["results"]) == 2
    with count_queries() as large:
        assert len(client.get("/api/platform/admin/shops/?page_size=7").json()["results"]) == 7
    assert small.count == large.count


def test_admin_suspends_and_reactivates(world):
    client = client_for(None, world.admin)
    res = client.post(f"/api/platform/admin/shops/{world.shop_b.pk}/suspend/", {"reason": "Chargebacks"},
                      format="json")
    assert res.status_code == 200
    assert res.json()["status"] == "suspended"
    blocked = client_for(world.shop_b).get("/api/shop/")
    assert blocked.status_code == 403
    assert "suspended" in blocked.json()["error"]["message"]
    assert client.post(f"/api/platform/admin/shops/{world.shop_b.pk}/reactivate/").json()["status"] == "active"
    assert client_for(world.shop_b).get("/api/shop/").status_code == 200


def test_merchant_is_not_an_admin(world):
    client = client_for(None, world.merchant_a)
    assert client.get("/api/platform/admin/shops/").status_code == 403
    assert client.post(f"/api/platform/admin/shops/{world.shop_b.pk}/suspend/").status_code == 403
    assert client_for(None, world.admin).post("/api/platform/admin/shops/99999/suspend/").status_code == 404
