"""Shop creation: a cloned schema, live at its subdomain at once, and nothing half-created."""
from __future__ import annotations

import pytest
from django.db import connection
from django_tenants.utils import schema_context, schema_exists

from conftest import client_for
from saas.accounts.models import Role, User
from tenants.models import Domain, Shop

pytestmark = pytest.mark.django_db


def create(client, name="Acme", subdomain="acme"):
    return client.post("/api/platform/shops/", {"name": name, "subdomain": subdomain}, format="json")


def test_merchant_creates_a_shop_that_is_live_at_once(world):
    res = create(client_for(None, world.merchant_a), "Acme Goods", "acme")
    assert res.status_code == 201, res.content
    body = res.json()
    assert body["subdomain"] == "acme"
    assert body["url"] == "http://acme.localhost:8000"
    assert body["status"] == "active"
    assert body["plan"]["code"] == "free"

    shop = Shop.objects.get(subdomain="acme")
    assert shop.schema_name.startswith("s_acme_")
    assert schema_exists(shop.schema_name)
    assert Domain.objects.get(tenant=shop).domain == "acme.localhost"
    with schema_context(shop.schema_name):
        # a clone of the template: every migration recorded, the owner's staff account in place
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM django_migrations")
            assert cursor.fetchone()[0] > 10
        owner = User.objects.get()
        assert (owner.email, owner.role, owner.has_usable_password()) == (world.merchant_a.email, Role.OWNER, False)

    info = client_for(shop).get("/api/shop/")
    assert info.status_code == 200
    assert info.json() == {"name": "Acme Goods", "subdomain": "acme", "currency": "GBP", "status": "active",
                           "footer_note": ""}

    mine = client_for(None, world.merchant_a).get("/api/platform/shops/").json()
    assert [s["subdomain"] for s in mine["results"]][:1] == ["acme"]
    assert "acme" not in [s["subdomain"] for s in client_for(None, world.merchant_b).get(
        "/api/platform/shops/").json()["results"]]


@pytest.mark.parametrize(("sub", "code"), [
    ("ab", "subdomain_invalid"), ("www", "subdomain_reserved"), ("alpha", "subdomain_taken"),
    ("Bad_Name", "subdomain_invalid"), ("x" * 64, "validation_error"),
])
def test_bad_subdomains_are_refused(world, sub, code):
    res = create(client_for(None, world.merchant_a), "Shop", sub)
    assert res.status_code == 400
    assert res.json()["error"]["code"] == code
    assert "subdomain" in res.json()["error"]["fields"]


def test_uppercase_subdomain_is_normalised(world):
    res = create(client_for(None, world.merchant_a), "Loud", "LOUD-shop")
    assert res.status_code == 201
    assert res.json()["subdomain"] == "loud-shop"


def test_missing_name_is_a_field_error(world):
    res = client_for(None, world.merchant_a).post("/api/platform/shops/", {"subdomain": "nameless"}, format="json")
    assert res.status_code == 400
    assert "name" in res.json()["error"]["fields"]
    res = create(client_for(None, world.merchant_a), "   ", "blank-name")
    assert res.status_code == 400
    assert not Shop.objects.filter(subdomain="blank-name").exists()


def test_failed_creation_leaves_no_schema_row_or_domain(world, monkeypatch):
    from tenants import services

    def explode(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services.Domain.objects, "create", explode)
    with pytest.raises(RuntimeError):
        services.shop_create(owner=world.merchant_a, name="Doomed", subdomain="doomed")
    assert not Shop.objects.filter(subdomain="doomed").exists()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_namespace WHERE nspname LIKE 's_doomed%%'")
        assert cursor.fetchone()[0] == 0
    assert not Domain.objects.filter(domain="doomed.localhost").exists()


def test_subdomain_check_says_why(world):
    client = client_for(None)
    assert client.get("/api/platform/subdomains/fresh-name/").json() == {
        "subdomain": "fresh-name", "available": True, "code": None, "message": "fresh-name.localhost is available."}
    for sub, code in [("alpha", "taken"), ("admin", "reserved"), ("a", "invalid"), ("no_underscores", "invalid")]:
        body = client.get(f"/api/platform/subdomains/{sub}/").json()
        assert (body["available"], body["code"]) == (False, code), sub


def test_a_custom_domain_routes_to_the_same_shop(world):
    from tenants.services import domain_add

    domain_add(shop=world.shop_a, domain="shop.alpha-goods.example")
    res = client_for(None).get("/api/shop/", HTTP_HOST="shop.alpha-goods.example:8443")
    assert res.status_code == 200
    assert res.json()["subdomain"] == "alpha"


def test_owner_adds_a_custom_domain_that_routes_to_the_shop(world, django_capture_on_commit_callbacks):
    client = client_for(None, world.merchant_a)
    url = f"/api/platform/shops/{world.shop_a.pk}/domains/"
    res = client.post(url, {"domain": "Shop.Alpha-Goods.example."}, format="json")
    assert res.status_code == 201, res.content
    assert res.json()["domain"] == "shop.alpha-goods.example"
    assert client_for(None).get("/api/shop/", HTTP_HOST="shop.alpha-goods.example").json()["subdomain"] == "alpha"
    assert [d["domain"] for d in client.get(url).json()] == ["alpha.localhost", "shop.alpha-goods.example"]
    for bad, code in [("shop.alpha-goods.example", "domain_taken"), ("bravo.localhost", "invalid_domain"),
                      ("localhost", "invalid_domain"), ("not a domain", "invalid_domain"), ("x" * 300, None)]:
        again = client.post(url, {"domain": bad}, format="json")
        assert again.status_code == 400, bad
        if code:
            assert again.json()["error"]["code"] == code
    # only the owner
    assert client_for(None, world.merchant_b).post(url, {"domain": "steal.example"}, format="json").status_code == 404
    primary, custom = client.get(url).json()
    assert client.delete(f"{url}{primary['id']}/").status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        assert client.delete(f"{url}{custom['id']}/").status_code == 204
    assert client_for(None).get("/api/shop/", HTTP_HOST="shop.alpha-goods.example").status_code == 404


def test_a_blank_name_and_a_reserved_subdomain_are_reported_together(world):
    res = create(client_for(None, world.merchant_a), "   ", "admin")
    assert res.status_code == 400
    error = res.json()["error"]
    assert error["code"] == "validation_error"
    assert set(error["fields"]) == {"name", "subdomain"}
    assert error["fields"]["subdomain"] == ["This name is reserved."]
    alone = create(client_for(None, world.merchant_a), "Fine", "admin").json()["error"]
    assert (alone["code"], list(alone["fields"])) == ("subdomain_reserved", ["subdomain"])
    assert not Shop.objects.filter(subdomain="admin").exists()
