"""Refresh rotation under races and replays, and throttles that forged headers cannot dodge."""
from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.cache import cache
from django.db import connection

from conftest import PASSWORD, client_for
from saas.accounts.models import RefreshSession, Role, User
from saas.accounts.services import session_refresh, tokens_for_user
from saas.kernel.errors import AppError
from saas.kernel.tenancy import tenant_connection

pytestmark = pytest.mark.django_db


def login(client, prefix: str, email: str, password: str = PASSWORD):
    return client.post(f"{prefix}login/", {"email": email, "password": password}, format="json")


@pytest.fixture(params=["platform", "shop"])
def place(request, world):
    if request.param == "platform":
        return None, "/api/platform/auth/", "merchant-a@platform.test"
    return world.shop_a, "/api/auth/", "customer@alpha.test"


def test_a_repeated_refresh_within_the_grace_window_returns_the_same_pair(place):
    shop, prefix, email = place
    client = client_for(shop)
    first = login(client, prefix, email).json()
    a = client.post(f"{prefix}refresh/", {"refresh": first["refresh"]}, format="json")
    b = client.post(f"{prefix}refresh/", {"refresh": first["refresh"]}, format="json")
    assert a.status_code == b.status_code == 200
    assert a.json() == b.json()
    # the new refresh token works; the pair was minted once
    c = client.post(f"{prefix}refresh/", {"refresh": a.json()["refresh"]}, format="json")
    assert c.status_code == 200


def test_reuse_after_the_grace_window_revokes_the_whole_sign_in(place, settings):
    settings.JWT_REFRESH_GRACE_SECONDS = 0
    shop, prefix, email = place
    client = client_for(shop)
    first = login(client, prefix, email).json()
    other_sign_in = login(client, prefix, email).json()
    rotated = client.post(f"{prefix}refresh/", {"refresh": first["refresh"]}, format="json").json()
    replay = client.post(f"{prefix}refresh/", {"refresh": first["refresh"]}, format="json")
    assert replay.status_code == 401
    assert replay.json()["error"]["code"] == "token_reused"
    # the thief's copy and the owner's newer token are both dead now...
    assert client.post(f"{prefix}refresh/", {"refresh": rotated["refresh"]}, format="json").status_code == 401
    # ...but another sign-in of the same account is not part of that family
    assert client.post(f"{prefix}refresh/", {"refresh": other_sign_in["refresh"]}, format="json").status_code == 200


def test_logout_ends_every_token_of_that_sign_in(place):
    shop, prefix, email = place
    client = client_for(shop)
    first = login(client, prefix, email).json()
    rotated = client.post(f"{prefix}refresh/", {"refresh": first["refresh"]}, format="json").json()
    assert client.post(f"{prefix}logout/", {"refresh": rotated["refresh"]}, format="json").status_code == 204
    assert client.post(f"{prefix}refresh/", {"refresh": rotated["refresh"]}, format="json").status_code == 401


def _on_own_connection(fn):
    def call():
        try:
            return fn()
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(call).result()


def test_ten_concurrent_refreshes_with_one_token_make_one_new_session(world, django_db_blocker):
    """Each thread has its own connection and commits, as ten browser tabs would."""
    with django_db_blocker.unblock():
        def setup():
            tenant_connection().set_schema_to_public()
            user = User.objects.create_user("racer@platform.test", PASSWORD, role=Role.MERCHANT)
            return user.pk, tokens_for_user(user=user)["refresh"]

        user_id, refresh = _on_own_connection(setup)
        try:
            barrier = threading.Barrier(10)

            def worker(_):
                tenant_connection().set_schema_to_public()
                barrier.wait()
                try:
                    return session_refresh(refresh=refresh)
                except AppError as exc:
                    return exc.code
                finally:
                    connection.close()

            with ThreadPoolExecutor(max_workers=10) as pool:
                results = list(pool.map(worker, range(10)))
            assert all(isinstance(r, dict) for r in results), results
            assert len({r["refresh"] for r in results}) == 1  # one winner, the others got its pair

            def sessions():
                tenant_connection().set_schema_to_public()
                return RefreshSession.objects.filter(user_id=user_id).count()

            assert _on_own_connection(sessions) == 2  # the original and exactly one successor
        finally:
            def cleanup():
                tenant_connection().set_schema_to_public()
                # raw deletes: the ORM's cascade would look for shop tables (carts) in public
                RefreshSession.objects.filter(user_id=user_id)._raw_delete("default")
                User.objects.filter(pk=user_id)._raw_delete("default")

            _on_own_connection(cleanup)


@pytest.fixture
def tight_login_limits(settings):
    from rest_framework.settings import api_settings
    from rest_framework.throttling import SimpleRateThrottle

    saved = SimpleRateThrottle.THROTTLE_RATES
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {
        **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "auth": "20/min"}}
    SimpleRateThrottle.THROTTLE_RATES = api_settings.DEFAULT_THROTTLE_RATES
    settings.LOGIN_FAILURES_PER_ACCOUNT = 5
    yield
    SimpleRateThrottle.THROTTLE_RATES = saved
    cache.clear()


def test_forged_forwarded_for_headers_do_not_reset_the_address_throttle(place, tight_login_limits):
    shop, prefix, _ = place
    client = client_for(shop)
    codes = [client.post(f"{prefix}login/", {"email": f"nobody{i}@example.com", "password": "wrong-password"},
                         format="json", HTTP_X_FORWARDED_FOR=f"203.0.113.{i}").status_code for i in range(25)]
    assert codes[:20] == [401] * 20
    assert set(codes[20:]) == {429}


def test_the_forwarded_address_counts_only_behind_a_trusted_proxy(world, tight_login_limits, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    from rest_framework.settings import api_settings

    api_settings.reload()
    try:
        client = client_for(world.shop_a)
        # behind one proxy of ours, the proxy appends the real client: each client gets its own budget
        codes = [client.post("/api/auth/login/", {"email": f"x{i}@example.com", "password": "wrong-password"},
                             format="json", HTTP_X_FORWARDED_FOR=f"198.51.100.{i % 2}").status_code
                 for i in range(40)]
        assert 429 not in codes
    finally:
        settings.REST_FRAMEWORK = {k: v for k, v in settings.REST_FRAMEWORK.items() if k != "NUM_PROXIES"}
        api_settings.reload()


def test_wrong_passwords_for_one_account_are_throttled_whatever_the_address(place, tight_login_limits):
    shop, prefix, email = place
    client = client_for(shop)
    codes = [login(client, prefix, email, "wrong-password").status_code for _ in range(5)]
    assert codes == [401] * 5
    blocked = login(client, prefix, email)  # even the right password waits now
    assert blocked.status_code == 429
    assert int(blocked["Retry-After"]) > 0
    assert blocked.json()["error"]["code"] == "throttled"
