"""Input meant to break things gets a 4xx JSON error, never a 500."""
from __future__ import annotations

import pytest

from conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("body", ["[" * 1000 + "]" * 1000, '{"a":' * 40 + "1" + "}" * 40,
                                  '{"email": "a\\u0000b@x.io", "password": "x"}'])
def test_deep_or_nul_json_is_400(world, body):
    for shop, path in [(world.shop_a, "/api/auth/login/"), (None, "/api/platform/auth/login/")]:
        res = client_for(shop).post(path, data=body, content_type="application/json")
        assert res.status_code == 400, res.content
        assert res.json()["error"]["code"] in {"malformed_json", "malformed_request"}


@pytest.mark.parametrize("path", ["/api/catalog/products/?search=%00", "/api/catalog/products/?sort=a%00b"])
def test_nul_in_query_is_400(world, path):
    res = client_for(world.shop_a).get(path)
    assert res.status_code == 400
    assert res.json()["error"]["code"] == "bad_request"


def test_admin_search_with_nul_is_400(world):
    res = client_for(None, world.admin).get("/api/platform/admin/shops/?search=a%00b")
    assert res.status_code == 400


def test_missing_trailing_slash_is_a_json_404_with_a_hint(world):
    res = client_for(world.shop_a).post("/api/auth/login", {}, format="json")
    assert res.status_code == 404
    assert "/api/auth/login/" in res.json()["error"]["message"]
    assert client_for(world.shop_a).get("/api").status_code == 404


def test_pages_only_answer_get_and_head(world):
    assert client_for(world.shop_a).post("/", {}).status_code == 405
    assert client_for(world.shop_a).generic("TRACE", "/").status_code == 405


def test_unknown_host_shows_a_page_to_browsers(world):
    res = client_for(None).get("/", HTTP_HOST="nope.localhost", HTTP_ACCEPT="text/html")
    assert res.status_code == 404
    assert b"There is no shop at this address" in res.content


def test_failed_logins_answer_alike_whoever_the_account_is(world):
    """The owner (a handoff-only account), a customer with a wrong password and an unknown
    e-mail get the same answer: nobody learns who has an account here."""
    client = client_for(world.shop_a)
    answers = []
    for email in [world.merchant_a.email, "customer@alpha.test", "nobody-here@alpha.test"]:
        res = client.post("/api/auth/login/", {"email": email, "password": "whatever-it-is"}, format="json")
        answers.append((res.status_code, res.json()))
    assert answers[0] == answers[1] == answers[2]
    assert answers[0][0] == 401
    assert answers[0][1]["error"]["code"] == "invalid_credentials"


def test_shop_currency_is_checked(world):
    client = client_for(None, world.merchant_a)
    res = client.post("/api/platform/shops/", {"name": "Zed", "subdomain": "zed-shop", "currency": "ZZZ"},
                      format="json")
    assert res.status_code == 400
    assert "currency" in res.json()["error"]["fields"]
    ok = client.post("/api/platform/shops/", {"name": "Euro", "subdomain": "euro-shop", "currency": "EUR"},
                     format="json")
    assert ok.json()["currency"] == "EUR"


LONE_SURROGATE = '"\\ud800"'


@pytest.mark.parametrize(("who", "method", "path", "body"), [
    ("anon", "post", "/api/auth/login/", '{"email": %s, "password": "x"}'),
    ("anon", "post", "/api/cart/lines/", '{"variant_id": 1, "quantity": 1, "note": %s}'),
    ("anon", "post", "/api/checkout/quote/", '{"shipping_rate_id": 1, "discount_code": %s}'),
    ("staff", "post", "/api/dashboard/products/", '{"title": "Mug", "status": %s}'),
    ("staff", "post", "/api/dashboard/discounts/", '{"code": "X", "kind": %s, "value": "1"}'),
    ("staff", "put", "/api/dashboard/settings/", '{"tax_rate": "20", "tax_label": %s}'),
    ("platform", "post", "/api/platform/shops/", '{"name": %s, "subdomain": "surrogate"}'),
])
def test_lone_surrogate_in_any_json_field_is_400(world, who, method, path, body):
    shop = None if who == "platform" else world.shop_a
    user = {"anon": None, "staff": world.owner_a, "platform": world.merchant_a}[who]
    res = getattr(client_for(shop, user), method)(path, data=body % LONE_SURROGATE, content_type="application/json")
    assert res.status_code == 400, res.content
    assert res.json()["error"]["code"] == "malformed_request"


def test_a_paired_surrogate_escape_is_a_real_character(world):
    res = client_for(world.shop_a, world.owner_a).post(
        "/api/dashboard/categories/", data='{"name": "Cups \\ud83d\\ude00"}', content_type="application/json")
    assert res.status_code == 201, res.content
    assert res.json()["name"] == "Cups \U0001F600"
