"""Plan limits: one check per limit, read from the cached shop snapshot, refused with an error
that names the limit and the plan that lifts it, wherever the limit applies."""
from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.cache import cache
from django_tenants.utils import schema_context

from conftest import PASSWORD, client_for
from merchant_dashboard.tests.test_catalog_admin import PRODUCT, media, run_import  # noqa: F401
from saas.accounts.models import Role, User
from saas.kernel.tenancy import tenant_connection
from tenants import limits
from tenants.models import Plan, Shop
from tenants.plans import plan_change_check, plan_update, shop_plan_set
from tenants.selectors import shop_for_host

pytestmark = pytest.mark.django_db


def tiny_plan(**fields) -> Plan:
    defaults = {"code": "tiny", "name": "Tiny", "monthly_price": Decimal("1.00"), "max_products": 1, "max_staff": 1,
                "max_api_requests_per_minute": 10, "recommendations_included": False, "max_custom_domains": 0,
                "sort_order": 9}
    return Plan.objects.create(currency="USD", **{**defaults, **fields})


@pytest.fixture
def on_tiny(world):
    plan = tiny_plan()
    shop_plan_set(shop=world.shop_a, plan=plan)
    cache.clear()
    yield plan
    world.shop_a.plan = Plan.objects.get(code="pro")


def product(title: str, sku: str) -> dict:
    return {**PRODUCT, "title": title, "variants": [{"sku": sku, "price": "5.00", "stock": 1}]}


def test_default_plans_carry_every_limit():
    plans = {p.code: p for p in Plan.objects.all()}
    assert list(plans) == ["free", "growth", "pro"]
    free, growth, pro = plans["free"], plans["growth"], plans["pro"]
    assert (free.max_products, free.max_staff, free.recommendations_included, free.max_custom_domains) == (
        50, 2, False, 0)
    assert (growth.max_products, growth.max_staff, growth.recommendations_included, growth.max_custom_domains) == (
        2000, 5, True, 1)
    assert pro.max_products is None
    assert pro.max_staff is None
    assert pro.max_api_requests_per_minute == 1200
    assert free.monthly_price < growth.monthly_price < pro.monthly_price


def test_the_plan_rides_in_the_host_snapshot_so_a_check_reads_no_plan_row(world, on_tiny, count_queries):
    shop_for_host("alpha.localhost")  # warms Redis
    snapshot = shop_for_host("alpha.localhost")
    assert snapshot.plan_limits.code == "tiny"
    with count_queries() as counted:
        assert limits.limits_for(snapshot).max_products == 1
        assert limits.api_requests_per_minute(snapshot) == 10
        with pytest.raises(limits.PlanLimitError):
            limits.recommendations_check(snapshot)
    assert not [q for q in counted.queries if "tenants_plan" in q and "monthly_price" not in q], counted.queries


def test_dashboard_product_create_stops_at_the_limit_and_names_the_plan_that_lifts_it(world, on_tiny):
    owner = client_for(world.shop_a, world.owner_a)
    assert owner.post("/api/dashboard/products/", product("One", "ONE-1"), format="json").status_code == 201
    res = owner.post("/api/dashboard/products/", product("Two", "TWO-1"), format="json")
    assert res.status_code == 403, res.content
    error = res.json()["error"]
    assert error["code"] == "plan_limit_reached"
    assert error["fields"] == {"limit": ["products"], "plan": ["tiny"], "upgrade_to": ["free"]}
    assert "The Tiny plan allows 1 products; this shop has 1." in error["message"]
    assert "Upgrade to the Free plan" in error["message"]
    with schema_context(world.shop_a.schema_name):
        from storefront.models import Product

        assert list(Product.objects.values_list("title", flat=True)) == ["One"]


def test_an_archived_product_frees_its_place_and_unarchiving_takes_it_again(world, on_tiny):
    owner = client_for(world.shop_a, world.owner_a)
    first = owner.post("/api/dashboard/products/", product("One", "ONE-1"), format="json").json()
    assert owner.delete(f"/api/dashboard/products/{first['id']}/").status_code == 204  # archives
    assert owner.post("/api/dashboard/products/", product("Two", "TWO-1"), format="json").status_code == 201
    res = owner.patch(f"/api/dashboard/products/{first['id']}/", {"status": "active"}, format="json")
    assert res.status_code == 403
    assert res.json()["error"]["fields"]["limit"] == ["products"]


def test_csv_import_over_the_limit_fails_with_the_reason(world, on_tiny, media):  # noqa: F811
    text = ("handle,title,description,status,category,sku,option1_name,option1_value,option2_name,option2_value,"
            "price,compare_at_price,stock,image_url\n"
            "cup,Cup,,active,,CUP-1,,,,,2.00,,1,\n"
            "bowl,Bowl,,active,,BOWL-1,,,,,3.00,,1,\n")
    job = run_import(world, text, media)
    assert job.status == "failed"
    reason = job.errors[0]["message"]
    assert "The Tiny plan allows 1 products" in reason
    assert "Upgrade to the Free plan" in reason
    with schema_context(world.shop_a.schema_name):
        from storefront.models import Product

        assert not Product.objects.exists()


def test_staff_seats_are_checked_at_invitation_and_at_acceptance(world, on_tiny, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    owner = client_for(world.shop_a, world.owner_a)
    res = owner.post("/api/dashboard/staff/invitations/", {"email": "helper@example.com", "role": "staff"},
                     format="json")
    assert res.status_code == 403, res.content
    assert res.json()["error"]["fields"]["limit"] == ["staff"]
    assert "staff seats" in res.json()["error"]["message"]

    plan_update(plan=on_tiny, max_staff=2)
    cache.clear()
    from saas.accounts.staff import staff_invite

    with schema_context(world.shop_a.schema_name):
        _, first = staff_invite(actor=world.owner_a, email="first@example.com", role="staff")
        _, second = staff_invite(actor=world.owner_a, email="second@example.com", role="staff")
    anon = client_for(world.shop_a)
    accept = {"password": "a-sturdy-passphrase-42"}
    assert anon.post("/api/auth/invitations/accept/", {**accept, "token": first}, format="json").status_code == 201
    refused = anon.post("/api/auth/invitations/accept/", {**accept, "token": second}, format="json")
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "plan_limit_reached"
    with schema_context(world.shop_a.schema_name):
        assert not User.objects.filter(email="second@example.com").exists()


def test_custom_domains_need_a_plan_that_includes_them(world, on_tiny):
    merchant = client_for(None, world.merchant_a)
    res = merchant.post(f"/api/platform/shops/{world.shop_a.pk}/domains/", {"domain": "shop.example.com"},
                        format="json")
    assert res.status_code == 403
    assert res.json()["error"]["fields"] == {"limit": ["custom_domains"], "plan": ["tiny"], "upgrade_to": ["growth"]}
    assert "includes no custom domains" in res.json()["error"]["message"]
    plan_update(plan=on_tiny, max_custom_domains=1)
    assert merchant.post(f"/api/platform/shops/{world.shop_a.pk}/domains/", {"domain": "shop.example.com"},
                         format="json").status_code == 201
    assert merchant.post(f"/api/platform/shops/{world.shop_a.pk}/domains/", {"domain": "two.example.com"},
                         format="json").status_code == 403


def test_recommendations_only_on_plans_that_include_them(world, on_tiny):
    res = client_for(world.shop_a).get("/api/recs/trending/")
    assert res.status_code == 403
    assert res.json()["error"]["fields"]["limit"] == ["recommendations"]
    assert res.json()["error"]["fields"]["upgrade_to"] == ["growth"]
    assert client_for(world.shop_a, world.owner_a).get("/api/dashboard/recs/").status_code == 403
    plan_update(plan=on_tiny, recommendations_included=True)
    cache.clear()
    assert client_for(world.shop_a).get("/api/recs/trending/").status_code == 200


def test_an_admin_edit_reaches_the_shops_on_the_plan_at_their_next_request(world, on_tiny,
                                                                          django_capture_on_commit_callbacks):
    shop_for_host("alpha.localhost")
    with django_capture_on_commit_callbacks(execute=True):
        plan_update(plan=on_tiny, max_products=7)
    assert shop_for_host("alpha.localhost").plan_limits.max_products == 7


def test_a_downgrade_the_usage_exceeds_says_what_must_go_first(world, on_tiny):
    plan_update(plan=on_tiny, max_products=5, max_staff=5)
    with schema_context(world.shop_a.schema_name):
        tenant_connection().set_tenant(Shop.objects.get(pk=world.shop_a.pk))
        from storefront.services import product_create

        for i in range(3):
            product_create(title=f"P{i}", variants=[{"sku": f"P{i}", "price": "1.00", "stock": 1}])
        User.objects.create_user("helper@alpha.test", PASSWORD, role=Role.STAFF)
    smaller = tiny_plan(code="smaller", name="Smaller", max_products=1, max_staff=1)
    with pytest.raises(limits.AppError) as caught:
        plan_change_check(shop=world.shop_a, plan=smaller)
    assert caught.value.status_code == 409
    assert set(caught.value.fields) == {"products", "staff"}
    assert "archive or delete 2" in caught.value.fields["products"][0]
    assert "remove 1" in caught.value.fields["staff"][0]
    plan_change_check(shop=world.shop_a, plan=Plan.objects.get(code="pro"))  # an upgrade is always fine



def test_the_platform_admin_edits_and_adds_plans_and_nobody_else_can(world):
    admin = client_for(None, world.admin)
    plans = admin.get("/api/platform/admin/plans/").json()
    growth = next(p for p in plans if p["code"] == "growth")
    res = admin.patch(f"/api/platform/admin/plans/{growth['id']}/", {"max_products": 2500,
                                                                     "recommendations_included": False}, format="json")
    assert res.status_code == 200, res.content
    assert (res.json()["max_products"], res.json()["recommendations_included"]) == (2500, False)
    assert admin.patch(f"/api/platform/admin/plans/{growth['id']}/", {"max_staff": -1},
                       format="json").status_code == 400
    created = admin.post("/api/platform/admin/plans/", {
        "code": "scale", "name": "Scale", "monthly_price": "249.00", "max_products": None, "max_staff": 50,
        "max_api_requests_per_minute": 6000, "recommendations_included": True, "max_custom_domains": None,
        "sort_order": 3}, format="json")
    assert created.status_code == 201, created.content
    assert [p["code"] for p in client_for(None).get("/api/platform/plans/").json()] == [
        "free", "growth", "pro", "scale"]
    merchant = client_for(None, world.merchant_a)
    assert merchant.patch(f"/api/platform/admin/plans/{growth['id']}/", {"max_products": 1},
                          format="json").status_code == 403
    assert client_for(None).get("/api/platform/admin/plans/").status_code == 401
