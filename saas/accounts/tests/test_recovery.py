"""Password reset and e-mail verification: single-use expiring links built from the shop's
configured address, answers that reveal nothing, and links that mean nothing elsewhere."""
from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import mail
from django_tenants.utils import schema_context

from conftest import PASSWORD, client_for
from saas.accounts import recovery
from saas.accounts.models import User

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-brand-new-passphrase-77"


@pytest.fixture(autouse=True)
def _mail_in_memory(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.CELERY_TASK_ALWAYS_EAGER = True
    from saas.celery import app

    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = False


@pytest.fixture(params=["platform", "shop"])
def place(request, world):
    if request.param == "platform":
        return None, "/api/platform/auth/", "merchant-a@platform.test"
    return world.shop_a, "/api/auth/", "customer@alpha.test"


def _link_in(message) -> dict[str, str]:
    found = re.search(r"https?://\S+", message.body)
    assert found is not None, message.body
    url = found.group(0)
    parts = urlsplit(url)
    return {"url": url, "host": parts.netloc, **{k: v[0] for k, v in parse_qs(parts.query).items()}}


def test_reset_by_email_link_then_sign_in_with_the_new_password(place, django_capture_on_commit_callbacks):
    shop, prefix, email = place
    client = client_for(shop)
    old_session = client.post(f"{prefix}login/", {"email": email, "password": PASSWORD}, format="json").json()
    with django_capture_on_commit_callbacks(execute=True):
        res = client.post(f"{prefix}password-reset/", {"email": email.upper()}, format="json",
                          HTTP_HOST=f"{shop.subdomain}.localhost" if shop else "localhost")
    assert res.status_code == 202
    assert len(mail.outbox) == 1
    link = _link_in(mail.outbox[0])
    assert link["host"] == (f"{shop.subdomain}.localhost:8000" if shop else "localhost:8000")
    assert "/reset-password?" in link["url"]

    ok = client.post(f"{prefix}password-reset/confirm/",
                     {"uid": link["uid"], "token": link["token"], "password": NEW_PASSWORD}, format="json")
    assert ok.status_code == 200, ok.content
    assert client.post(f"{prefix}login/", {"email": email, "password": NEW_PASSWORD}, format="json").status_code == 200
    assert client.post(f"{prefix}login/", {"email": email, "password": PASSWORD}, format="json").status_code == 401
    # single use, and every session opened with the old password is over
    again = client.post(f"{prefix}password-reset/confirm/",
                        {"uid": link["uid"], "token": link["token"], "password": "yet-another-passphrase-9"},
                        format="json")
    assert again.status_code == 400
    assert again.json()["error"]["code"] == "reset_link_invalid"
    assert client.post(f"{prefix}refresh/", {"refresh": old_session["refresh"]}, format="json").status_code == 401


def test_reset_answers_alike_for_unknown_accounts_and_sends_nothing(place, django_capture_on_commit_callbacks):
    shop, prefix, email = place
    client = client_for(shop)
    with django_capture_on_commit_callbacks(execute=True):
        known = client.post(f"{prefix}password-reset/", {"email": email}, format="json")
        unknown = client.post(f"{prefix}password-reset/", {"email": "nobody@nowhere.test"}, format="json")
    assert (known.status_code, known.json()) == (unknown.status_code, unknown.json())
    assert [m.to for m in mail.outbox] == [[email]]


def test_links_are_built_from_the_shops_address_not_the_host_header(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client_for(world.shop_a).post("/api/auth/password-reset/", {"email": "customer@alpha.test"},
                                      format="json", HTTP_X_FORWARDED_HOST="evil.example")
    assert "evil.example" not in mail.outbox[0].body
    assert _link_in(mail.outbox[0])["host"] == "alpha.localhost:8000"


def test_a_reset_link_of_shop_a_means_nothing_on_shop_b(world):
    """The same user id exists in both shops."""
    assert world.customer_a.pk == world.customer_b.pk
    with schema_context(world.shop_a.schema_name):
        link = _link_from(recovery.password_reset_link(user=User.objects.get(pk=world.customer_a.pk)))
    res = client_for(world.shop_b).post("/api/auth/password-reset/confirm/",
                                        {**link, "password": NEW_PASSWORD}, format="json")
    assert res.status_code == 400
    res = client_for(None).post("/api/platform/auth/password-reset/confirm/",
                                {**link, "password": NEW_PASSWORD}, format="json")
    assert res.status_code == 400


def _link_from(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


def test_expired_reset_link_is_refused(world, settings):
    with schema_context(world.shop_a.schema_name):
        link = _link_from(recovery.password_reset_link(user=User.objects.get(pk=world.customer_a.pk)))
    settings.PASSWORD_RESET_TIMEOUT = -1
    res = client_for(world.shop_a).post("/api/auth/password-reset/confirm/", {**link, "password": NEW_PASSWORD},
                                        format="json")
    assert res.status_code == 400


@pytest.mark.parametrize("uid", ["", "!!", "MTIzNDU2Nzg5MDEyMzQ1Njc4OTAxMjM0NTY3ODkw", "\u00e9"])
def test_garbage_reset_links_are_400(world, uid):
    res = client_for(world.shop_a).post("/api/auth/password-reset/confirm/",
                                        {"uid": uid, "token": "x-y", "password": NEW_PASSWORD}, format="json")
    assert res.status_code == 400


def test_sign_up_sends_a_verification_link_that_confirms_the_address(world, django_capture_on_commit_callbacks):
    client = client_for(world.shop_a)
    with django_capture_on_commit_callbacks(execute=True):
        session = client.post("/api/auth/signup/", {"email": "fresh@alpha.test", "password": NEW_PASSWORD},
                              format="json").json()
    assert session["user"]["email_verified"] is False
    link = _link_in(mail.outbox[0])
    assert "/verify-email?" in link["url"]
    # shop B does not accept shop A's link
    assert client_for(world.shop_b).post("/api/auth/verify-email/", {"token": link["token"]},
                                         format="json").status_code == 400
    res = client.post("/api/auth/verify-email/", {"token": link["token"]}, format="json")
    assert res.status_code == 200
    me = client.get("/api/auth/me/", HTTP_AUTHORIZATION=f"Bearer {session['access']}").json()
    assert me["email_verified"] is True
    assert client.post("/api/auth/verify-email/", {"token": link["token"] + "x"}, format="json").status_code == 400


def test_sign_out_everywhere_ends_every_session(place):
    shop, prefix, email = place
    client = client_for(shop)
    one = client.post(f"{prefix}login/", {"email": email, "password": PASSWORD}, format="json").json()
    two = client.post(f"{prefix}login/", {"email": email, "password": PASSWORD}, format="json").json()
    res = client.post(f"{prefix}logout-everywhere/", HTTP_AUTHORIZATION=f"Bearer {one['access']}")
    assert res.status_code == 204
    for session in (one, two):
        assert client.post(f"{prefix}refresh/", {"refresh": session["refresh"]}, format="json").status_code == 401


def test_argon2_hashes_new_passwords_and_upgrades_old_ones(world, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher",
                                 "django.contrib.auth.hashers.MD5PasswordHasher"]
    with schema_context(world.shop_a.schema_name):
        user = User.objects.get(email="customer@alpha.test")
        assert user.password.startswith("md5$")  # made with the test settings' fast hasher
    res = client_for(world.shop_a).post("/api/auth/login/", {"email": "customer@alpha.test", "password": PASSWORD},
                                        format="json")
    assert res.status_code == 200
    with schema_context(world.shop_a.schema_name):
        assert User.objects.get(email="customer@alpha.test").password.startswith("argon2")
