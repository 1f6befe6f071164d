"""Sign-up, log-in, refresh rotation and log-out, on the platform and on a shop."""
from __future__ import annotations

import json

import pytest
from django.core.cache import cache

from conftest import PASSWORD, client_for
from saas.accounts.models import Role, User
from saas.kernel.tenancy import current_schema, tenant_connection

pytestmark = pytest.mark.django_db

STRONG = "a-sturdy-passphrase-42"


def hosts(world):
    return [pytest.param(None, id="platform"), pytest.param(world.shop_a, id="shop")]


@pytest.fixture(params=["platform", "shop"])
def place(request, world):
    """(shop or None, auth prefix, role a sign-up gets)"""
    if request.param == "platform":
        return None, "/api/platform/auth/", Role.MERCHANT
    return world.shop_a, "/api/auth/", Role.CUSTOMER


def test_signup_returns_tokens_and_creates_user_in_that_schema_only(place, world, django_capture_on_commit_callbacks):
    shop, prefix, role = place
    with django_capture_on_commit_callbacks(execute=False):
        res = client_for(shop).post(f"{prefix}signup/", {"email": "New@Example.com", "password": STRONG},
                                    format="json")
    assert res.status_code == 201, res.content
    body = res.json()
    assert body["access"]
    assert body["refresh"]
    assert body["user"]["email"] == "new@example.com"
    assert body["user"]["role"] == role
    me = client_for(shop).get(f"{prefix}me/", HTTP_AUTHORIZATION=f"Bearer {body['access']}")
    assert me.status_code == 200
    assert me.json()["email"] == "new@example.com"
    # the account exists in exactly one schema
    other = None if shop is not None else world.shop_b
    other_prefix = "/api/auth/" if shop is None else "/api/platform/auth/"
    login = client_for(other).post(f"{other_prefix}login/", {"email": "new@example.com", "password": STRONG},
                                   format="json")
    assert login.status_code == 401


@pytest.mark.parametrize(("payload", "field"), [
    ({"email": "x@example.com", "password": "password123"}, "password"),  # common
    ({"email": "x@example.com", "password": "short"}, "password"),
    ({"email": "x@example.com", "password": "12345678901234"}, "password"),  # numeric
    ({"email": "not-an-email", "password": STRONG}, "email"),
    ({"password": STRONG}, "email"),
    ({"email": "x@example.com"}, "password"),
])
def test_signup_refuses_bad_input_with_field_errors(place, payload, field):
    shop, prefix, _ = place
    res = client_for(shop).post(f"{prefix}signup/", payload, format="json")
    assert res.status_code == 400
    error = res.json()["error"]
    assert error["code"] in {"validation_error", "weak_password"}
    assert field in error["fields"]
    assert not User.objects.filter(email="x@example.com").exists()


def test_signup_refuses_taken_email(place, world):
    shop, prefix, _ = place
    taken = "customer@alpha.test" if shop else "merchant-a@platform.test"
    res = client_for(shop).post(f"{prefix}signup/", {"email": taken.upper(), "password": STRONG}, format="json")
    assert res.status_code == 400
    assert res.json()["error"]["code"] == "email_taken"
    assert "email" in res.json()["error"]["fields"]


def test_malformed_json_and_huge_body_are_4xx(place):
    shop, prefix, _ = place
    client = client_for(shop)
    res = client.post(f"{prefix}signup/", data="{not json", content_type="application/json")
    assert res.status_code == 400
    assert res.json()["error"]["code"] == "malformed_json"
    huge = json.dumps({"email": "a@b.co", "password": "x" * (2 * 1024 * 1024)})
    res = client.post(f"{prefix}signup/", data=huge, content_type="application/json")
    assert res.status_code == 413
    assert res.json()["error"]["code"] == "body_too_large"
    res = client.post(f"{prefix}signup/", data="[1, 2]", content_type="application/json")
    assert res.status_code == 400
    res = client.post(f"{prefix}signup/", data="email=a", content_type="text/plain")
    assert res.status_code == 415


def test_login_wrong_password_is_401(place, world):
    shop, prefix, _ = place
    email = "customer@alpha.test" if shop else "merchant-a@platform.test"
    res = client_for(shop).post(f"{prefix}login/", {"email": email, "password": "wrong-password"}, format="json")
    assert res.status_code == 401
    assert res.json()["error"]["code"] == "invalid_credentials"
    ok = client_for(shop).post(f"{prefix}login/", {"email": email, "password": PASSWORD}, format="json")
    assert ok.status_code == 200
    assert set(ok.json()) >= {"access", "refresh", "user"}


def test_refresh_rotates_and_old_refresh_is_refused(place, world, settings):
    settings.JWT_REFRESH_GRACE_SECONDS = 0  # the grace window has its own tests (test_sessions.py)
    shop, prefix, _ = place
    email = "customer@alpha.test" if shop else "merchant-a@platform.test"
    client = client_for(shop)
    first = client.post(f"{prefix}login/", {"email": email, "password": PASSWORD}, format="json").json()
    second = client.post(f"{prefix}refresh/", {"refresh": first["refresh"]}, format="json")
    assert second.status_code == 200
    assert second.json()["refresh"] != first["refresh"]
    again = client.post(f"{prefix}refresh/", {"refresh": first["refresh"]}, format="json")
    assert again.status_code == 401
    assert again.json()["error"]["code"] == "token_reused"


def test_logout_blacklists_refresh_token(place, world):
    shop, prefix, _ = place
    email = "customer@alpha.test" if shop else "merchant-a@platform.test"
    client = client_for(shop)
    tokens = client.post(f"{prefix}login/", {"email": email, "password": PASSWORD}, format="json").json()
    assert client.post(f"{prefix}logout/", {"refresh": tokens["refresh"]}, format="json").status_code == 204
    assert client.post(f"{prefix}refresh/", {"refresh": tokens["refresh"]}, format="json").status_code == 401


@pytest.mark.parametrize("header", ["Bearer not-a-jwt", "Bearer ", "Token abc", "Bearer a.b.c"])
def test_garbage_tokens_are_401(place, header):
    shop, prefix, _ = place
    res = client_for(shop).get(f"{prefix}me/", HTTP_AUTHORIZATION=header)
    assert res.status_code == 401
    assert "error" in res.json()


def test_expired_access_token_is_401(place, world, settings):
    from datetime import timedelta

    from rest_framework_simplejwt.tokens import AccessToken

    shop, prefix, _ = place
    user = world.customer_a if shop else world.merchant_a
    if shop:
        tenant_connection().set_tenant(shop)
    token = AccessToken.for_user(user)
    token["shop"] = current_schema()
    token.set_exp(lifetime=-timedelta(seconds=5))
    tenant_connection().set_schema_to_public()
    res = client_for(shop).get(f"{prefix}me/", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert res.status_code == 401


def test_login_is_rate_limited(world, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {
        **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "auth": "3/min"}}
    from rest_framework.settings import api_settings
    from rest_framework.throttling import SimpleRateThrottle

    saved = SimpleRateThrottle.THROTTLE_RATES
    SimpleRateThrottle.THROTTLE_RATES = api_settings.DEFAULT_THROTTLE_RATES
    try:
        client = client_for(world.shop_a)
        codes = [client.post("/api/auth/login/", {"email": "a@b.co", "password": "nope-nope-nope"},
                             format="json").status_code for _ in range(4)]
        assert codes == [401, 401, 401, 429]
        # shop B keeps its own budget: the throttle key carries the schema
        other = client_for(world.shop_b).post("/api/auth/login/", {"email": "a@b.co", "password": "nope-nope-no"},
                                              format="json")
        assert other.status_code == 401
    finally:
        SimpleRateThrottle.THROTTLE_RATES = saved
        cache.clear()


@pytest.mark.parametrize(("payload", "fields"), [
    ({"email": "not-an-email", "password": "short"}, {"email", "password"}),
    ({"email": "", "password": "12345678901234", "full_name": "x" * 121}, {"email", "password", "full_name"}),
    ({}, {"email", "password"}),
])
def test_signup_reports_every_bad_field_in_one_answer(place, payload, fields):
    shop, prefix, _ = place
    res = client_for(shop).post(f"{prefix}signup/", payload, format="json")
    assert res.status_code == 400
    error = res.json()["error"]
    assert error["code"] == "validation_error"
    assert set(error["fields"]) == fields
    assert all(error["fields"][name] and all(isinstance(m, str) for m in error["fields"][name]) for name in fields)


def test_a_taken_email_and_a_weak_password_are_reported_together(place):
    shop, prefix, _ = place
    taken = "customer@alpha.test" if shop else "merchant-a@platform.test"
    res = client_for(shop).post(f"{prefix}signup/", {"email": taken, "password": "password123"}, format="json")
    assert res.status_code == 400
    error = res.json()["error"]
    assert error["code"] == "validation_error"
    assert error["fields"]["email"] == ["An account with this email already exists."]
    assert error["fields"]["password"] == ["This password is too common."]
    # alone, each keeps its own code
    only_weak = client_for(shop).post(f"{prefix}signup/", {"email": "fresh@example.com", "password": "password123"},
                                      format="json").json()["error"]
    assert (only_weak["code"], set(only_weak["fields"])) == ("weak_password", {"password"})


def test_a_password_reset_reports_the_missing_link_parts_and_the_weak_password_at_once(place):
    shop, prefix, _ = place
    res = client_for(shop).post(f"{prefix}password-reset/confirm/", {"password": "short"}, format="json")
    assert res.status_code == 400
    assert set(res.json()["error"]["fields"]) == {"uid", "token", "password"}


def test_sign_in_reports_both_fields_at_once(place):
    shop, prefix, _ = place
    res = client_for(shop).post(f"{prefix}login/", {"email": "nope", "password": ""}, format="json")
    assert res.status_code == 400
    assert set(res.json()["error"]["fields"]) == {"email", "password"}
