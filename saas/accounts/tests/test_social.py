"""Social sign-in, driven the whole way: the shop starts it, the root domain checks our state and
allauth redirects to a real OpenID Connect server on loopback (Google) or the Graph API stand-in
(Facebook), the "browser" consents there, allauth's callback exchanges the code over HTTP, and
the shop redeems the hand-back code for its own tokens. Each test tries to break one rule."""
from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.conf import settings
from django.core import signing
from django.test import Client
from django.utils import timezone
from django_tenants.utils import schema_context
from oidc_provider_mock import User as OidcUser
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import AccessToken

from conftest import PASSWORD, client_for, host_of, token_for
from saas.accounts import social
from saas.accounts.models import RefreshSession, Role, SocialHandback, SocialLink, User
from saas.accounts.tests.providers import facebook_server, oidc_server

pytestmark = pytest.mark.django_db

GOOGLE_USERS = [
    OidcUser(sub="g-new", claims={"email": "new.person@example.test", "email_verified": True, "name": "New Person"}),
    OidcUser(sub="g-alpha", claims={"email": "customer@alpha.test", "email_verified": True, "name": "A"}),
    OidcUser(sub="g-liar", claims={"email": "customer@alpha.test", "email_verified": False}),
    OidcUser(sub="g-merchant", claims={"email": "merchant-a@platform.test", "email_verified": True}),
]


@pytest.fixture(scope="module")
def google():
    with oidc_server(settings.SOCIAL_TEST_GOOGLE_PORT, GOOGLE_USERS) as url:
        yield url


@pytest.fixture(scope="module")
def facebook():
    app = settings.SOCIAL_PROVIDER_APPS["facebook"]
    with facebook_server(settings.SOCIAL_TEST_FACEBOOK_PORT, app["client_id"], app["secret"]) as standin:
        yield standin


class Browser:
    """One person's browser: the shop's API, the root domain (with its cookies) and the provider."""

    def __init__(self, shop=None):
        self.shop = shop
        self.api = APIClient(HTTP_HOST=host_of(shop))
        self.root = Client(HTTP_HOST="localhost")
        self.nonce = ""
        self.auth_prefix = "/api/auth/" if shop else "/api/platform/auth/"

    def start(self, provider="google", from_path="/login"):
        res = self.api.post(f"{self.auth_prefix}social/start/", {"provider": provider, "from_path": from_path},
                            format="json")
        assert res.status_code == 200, res.content
        self.nonce = res.json()["nonce"]
        return res.json()["url"]

    def begin(self, url):
        parts = urlsplit(url)
        assert f"{parts.scheme}://{parts.netloc}" == settings.ROOT_URL
        return self.root.get(f"{parts.path}?{parts.query}")

    def consent(self, authorize_url, sub=None):
        """At the provider: choose an account, or deny (sub None). Answers the callback address."""
        form = {"sub": sub} if sub else {"action": "deny"}
        res = requests.post(authorize_url, data=form, allow_redirects=False, timeout=10)
        assert res.status_code == 302, res.text
        return res.headers["Location"]

    def callback(self, location):
        parts = urlsplit(location)
        return self.root.get(f"{parts.path}?{parts.query}")

    def redeem(self, code, nonce=None, api=None):
        return (api or self.api).post(f"{self.auth_prefix}social/redeem/",
                                      {"code": code, "nonce": nonce or self.nonce}, format="json")

    def google(self, sub, from_path="/login"):
        """The whole dance up to the hand-back: the shop's address the callback redirects to."""
        to_provider = self.begin(self.start("google", from_path))
        assert to_provider.status_code == 302, to_provider.content
        return self.callback(self.consent(to_provider["Location"], sub))


def facebook_dialog(to_provider) -> str:
    """The stand-in's dialog answers at once (consent or denial, as the test set it)."""
    return requests.get(to_provider["Location"], allow_redirects=False, timeout=10).headers["Location"]


def handback_code(response, shop) -> str:
    assert response.status_code == 302, response.content
    target = urlsplit(response["Location"])
    assert target.netloc == urlsplit(social.shop_base_url("", host_of(shop))).netloc
    assert target.path == "/auth/social"
    return parse_qs(target.fragment)["code"][0]


def error_of(response, shop, path="/login") -> str:
    assert response.status_code == 302, response.content
    target = urlsplit(response["Location"])
    assert target.hostname == host_of(shop)
    assert target.path == path
    return parse_qs(target.query)["social_error"][0]


def test_a_new_shopper_signs_in_with_google_on_a_shop_and_only_that_shop(world, google):
    browser = Browser(world.shop_a)
    to_provider = browser.begin(browser.start())
    authorize = urlsplit(to_provider["Location"])
    query = parse_qs(authorize.query)
    assert f"{authorize.scheme}://{authorize.netloc}" == google
    assert query["redirect_uri"] == ["http://localhost/api/platform/social/google/callback/"]
    assert query["code_challenge_method"] == ["S256"]  # PKCE; the verifier stays in the root's session
    back = browser.callback(browser.consent(to_provider["Location"], "g-new"))
    res = browser.redeem(handback_code(back, world.shop_a))
    assert res.status_code == 200, res.content
    assert AccessToken(res.json()["access"])["shop"] == world.shop_a.schema_name
    assert res.json()["user"]["email"] == "new.person@example.test"
    assert res.json()["user"]["email_verified"] is True
    me = browser.api.get("/api/auth/me/", HTTP_AUTHORIZATION=f"Bearer {res.json()['access']}")
    assert me.status_code == 200
    assert me.json()["role"] == Role.CUSTOMER
    # the account exists in alpha only, and alpha's token is refused by bravo
    assert not User.objects.filter(email="new.person@example.test").exists()
    with schema_context(world.shop_b.schema_name):
        assert not User.objects.filter(email="new.person@example.test").exists()
    other = client_for(world.shop_b).get("/api/auth/me/", HTTP_AUTHORIZATION=f"Bearer {res.json()['access']}")
    assert other.status_code == 401


def test_a_verified_email_links_to_the_existing_account_and_signs_in_again_later(world, google):
    with schema_context(world.shop_a.schema_name):
        User.objects.filter(pk=world.customer_a.pk).update(email_verified=True)
    browser = Browser(world.shop_a)
    res = browser.redeem(handback_code(browser.google("g-alpha"), world.shop_a))
    assert res.status_code == 200
    assert res.json()["user"]["id"] == world.customer_a.pk
    with schema_context(world.shop_a.schema_name):
        assert SocialLink.objects.filter(user_id=world.customer_a.pk, provider="google", uid="g-alpha").exists()
        assert User.objects.get(pk=world.customer_a.pk).check_password(PASSWORD)  # a confirmed account keeps it
    again = Browser(world.shop_a)
    second = again.redeem(handback_code(again.google("g-alpha"), world.shop_a))
    assert second.json()["user"]["id"] == world.customer_a.pk


def test_an_unverified_email_never_takes_over_an_account(world, google):
    browser = Browser(world.shop_a)
    back = browser.google("g-liar", from_path="/login?next=/account")
    assert error_of(back, world.shop_a) == "email_unverified"
    assert "next=%2Faccount" in back["Location"] or "next=/account" in back["Location"]
    with schema_context(world.shop_a.schema_name):
        assert not SocialLink.objects.exists()
        assert not SocialHandback.objects.exists()


def test_an_unconfirmed_account_linked_by_its_verified_owner_loses_the_password_someone_else_set(world, google):
    with schema_context(world.shop_a.schema_name):
        assert not User.objects.get(pk=world.customer_a.pk).email_verified  # signed up, never confirmed
    squatter_session = token_for(world.shop_a, world.customer_a)
    browser = Browser(world.shop_a)
    assert browser.redeem(handback_code(browser.google("g-alpha"), world.shop_a)).status_code == 200
    with schema_context(world.shop_a.schema_name):
        owner = User.objects.get(pk=world.customer_a.pk)
        assert owner.email_verified
        assert not owner.has_usable_password()
        assert RefreshSession.objects.filter(user=owner, revoked_at__isnull=True).count() == 1  # the new one only
    refused = client_for(world.shop_a).post("/api/auth/refresh/", {"refresh": squatter_session["refresh"]},
                                            format="json")
    assert refused.status_code == 401


def test_a_tampered_or_foreign_state_is_refused_before_the_provider(world, google):
    browser = Browser(world.shop_a)
    url = browser.start()
    state = parse_qs(urlsplit(url).query)["state"][0]
    forged = state[:-3] + ("AAA" if not state.endswith("AAA") else "BBB")
    res = browser.root.get("/api/platform/social/begin/", {"state": forged})
    assert res.status_code == 400
    assert res.json()["error"]["code"] == "social_state_invalid"
    # correctly signed, but naming a host that is no domain of the shop, or a suspended shop
    for schema, host in [(world.shop_a.schema_name, "evil.example"), (world.shop_a.schema_name, "bravo.localhost"),
                         (world.shop_c.schema_name, "charlie.localhost"), ("public", "evil.example")]:
        signed = signing.dumps({"s": schema, "h": host, "f": "/login", "n": "x", "p": "google"},
                               salt=social.STATE_SALT, compress=True)
        res = browser.root.get("/api/platform/social/begin/", {"state": signed})
        assert res.status_code == 400, (schema, host)
    # and a state from the start endpoint works on the root domain only
    assert client_for(world.shop_a).get("/api/platform/social/begin/", {"state": state}).status_code == 404


def test_the_page_to_come_back_to_must_be_on_the_same_host(world):
    for bad in ["//evil.example/login", "/\\evil.example", "https://evil.example/", "login", "/ok\nLocation: x"]:
        res = client_for(world.shop_a).post("/api/auth/social/start/", {"provider": "google", "from_path": bad},
                                            format="json")
        assert res.status_code == 400, bad


def test_a_replayed_callback_or_provider_code_gets_no_second_sign_in(world, google):
    browser = Browser(world.shop_a)
    to_provider = browser.begin(browser.start())
    callback = browser.consent(to_provider["Location"], "g-new")
    handback_code(browser.callback(callback), world.shop_a)
    # the same callback again: allauth's state was used up
    replay = browser.callback(callback)
    assert replay.status_code == 400
    assert replay.json()["error"]["code"] == "social_state_invalid"
    # the old code under a fresh state: the provider refuses it, and the person hears so
    fresh = urlsplit(browser.begin(browser.start())["Location"])
    new_state = parse_qs(fresh.query)["state"][0]
    old_code = parse_qs(urlsplit(callback).query)["code"][0]
    res = browser.root.get("/api/platform/social/google/callback/", {"code": old_code, "state": new_state})
    assert error_of(res, world.shop_a) == "provider_error"
    with schema_context(world.shop_a.schema_name):
        assert SocialHandback.objects.count() == 1


def test_a_handback_code_works_once_on_its_own_shop_with_its_own_nonce_before_it_expires(world, google):
    browser = Browser(world.shop_a)
    code = handback_code(browser.google("g-new"), world.shop_a)
    on_b = browser.redeem(code, api=APIClient(HTTP_HOST=host_of(world.shop_b)))
    assert on_b.status_code == 401
    assert on_b.json()["error"]["code"] == "handback_invalid"
    on_platform = Browser(None).redeem(code, nonce=browser.nonce)
    assert on_platform.status_code == 401
    assert browser.redeem(code).status_code == 200
    assert browser.redeem(code).status_code == 401  # twice
    # someone else's browser (another nonce) cannot use a code, and spends it trying
    late = Browser(world.shop_a)
    stolen = handback_code(late.google("g-new"), world.shop_a)
    assert late.redeem(stolen, nonce="not-the-starting-browser").status_code == 401
    assert late.redeem(stolen).status_code == 401
    # late
    slow = Browser(world.shop_a)
    expired = handback_code(slow.google("g-new"), world.shop_a)
    with schema_context(world.shop_a.schema_name):
        SocialHandback.objects.filter(used_at__isnull=True).update(expires_at=timezone.now())
    assert slow.redeem(expired).status_code == 401


def test_denied_consent_comes_back_to_the_page_it_started_from(world, google):
    browser = Browser(world.shop_a)
    to_provider = browser.begin(browser.start(from_path="/signup"))
    back = browser.callback(browser.consent(to_provider["Location"], None))
    assert error_of(back, world.shop_a, path="/signup") == "cancelled"


def test_a_merchant_signs_in_on_the_platform_with_google(world, google):
    browser = Browser(None)
    back = browser.google("g-merchant")
    assert back.status_code == 302
    target = urlsplit(back["Location"])
    assert f"{target.scheme}://{target.netloc}" == settings.ROOT_URL
    assert target.path == "/auth/social"
    res = browser.redeem(parse_qs(target.fragment)["code"][0])
    assert res.status_code == 200
    assert res.json()["user"]["id"] == world.merchant_a.pk
    assert AccessToken(res.json()["access"])["shop"] == "public"
    shops = APIClient(HTTP_HOST="localhost").get("/api/platform/shops/",
                                                 HTTP_AUTHORIZATION=f"Bearer {res.json()['access']}")
    assert shops.status_code == 200


def test_facebook_signs_in_a_new_shopper_and_never_links_by_its_unverified_email(world, facebook):
    facebook.person = {"id": "fb-1", "email": "fb.person@example.test", "name": "Fb Person"}
    browser = Browser(world.shop_b)
    to_provider = browser.begin(browser.start("facebook"))
    assert to_provider["Location"].startswith(f"http://127.0.0.1:{settings.SOCIAL_TEST_FACEBOOK_PORT}/dialog/oauth")
    back = browser.callback(facebook_dialog(to_provider))
    res = browser.redeem(handback_code(back, world.shop_b))
    assert res.status_code == 200
    assert res.json()["user"]["email"] == "fb.person@example.test"
    assert res.json()["user"]["email_verified"] is False  # allauth does not take Facebook's word for it
    facebook.person = {"id": "fb-2", "email": "customer@bravo.test", "name": "Not Them"}
    other = Browser(world.shop_b)
    to_provider = other.begin(other.start("facebook"))
    back = other.callback(facebook_dialog(to_provider))
    assert error_of(back, world.shop_b) == "email_unverified"
    facebook.person = None
    denied = Browser(world.shop_b)
    to_provider = denied.begin(denied.start("facebook"))
    back = denied.callback(facebook_dialog(to_provider))
    assert error_of(back, world.shop_b) == "cancelled"


def test_linked_providers_are_listed_and_the_last_way_to_sign_in_cannot_be_removed(world, google):
    browser = Browser(world.shop_a)
    session = browser.redeem(handback_code(browser.google("g-new"), world.shop_a)).json()
    api = APIClient(HTTP_HOST=host_of(world.shop_a), HTTP_AUTHORIZATION=f"Bearer {session['access']}")
    listed = api.get("/api/auth/social/links/").json()
    assert listed["has_password"] is False
    assert [link["provider"] for link in listed["links"]] == ["google"]
    assert set(listed["providers"]) == {"google", "facebook"}
    link_id = listed["links"][0]["id"]
    refused = api.delete(f"/api/auth/social/links/{link_id}/")
    assert refused.status_code == 409
    assert refused.json()["error"]["code"] == "last_sign_in_method"
    # another customer cannot remove it either
    stranger = client_for(world.shop_a, world.customer_a).delete(f"/api/auth/social/links/{link_id}/")
    assert stranger.status_code == 404
    with schema_context(world.shop_a.schema_name):
        person = User.objects.get(email="new.person@example.test")
        person.set_password("a-long-new-password-1")
        person.save()
    assert api.delete(f"/api/auth/social/links/{link_id}/").status_code == 204
    assert api.get("/api/auth/social/links/").json()["links"] == []


def test_the_page_config_names_only_configured_providers(world, settings):
    page = Client(HTTP_HOST=host_of(world.shop_a)).get("/login")
    assert b'"social_providers": ["google", "facebook"]' in page.content
    settings.SOCIAL_PROVIDER_APPS = {"google": {"client_id": "x", "secret": ""}, "facebook": {}}
    page = Client(HTTP_HOST=host_of(world.shop_a)).get("/login")
    assert b'"social_providers": []' in page.content
    res = client_for(world.shop_a).post("/api/auth/social/start/", {"provider": "google"}, format="json")
    assert res.status_code == 400
    assert res.json()["error"]["code"] == "provider_unavailable"


def test_a_callback_with_a_state_this_browser_never_got_is_refused(world, google):
    browser = Browser(world.shop_a)
    to_provider = browser.begin(browser.start())
    callback = urlsplit(browser.consent(to_provider["Location"], "g-new"))
    code = parse_qs(callback.query)["code"][0]
    forged = browser.root.get(callback.path, {"code": code, "state": "x" * 16})
    assert forged.status_code == 400
    # another browser (no root-domain session) presenting the real callback gets nothing either
    stranger = Client(HTTP_HOST="localhost").get(f"{callback.path}?{callback.query}")
    assert stranger.status_code == 400
    with schema_context(world.shop_a.schema_name):
        assert not SocialHandback.objects.exists()


def test_a_sign_in_started_on_a_custom_domain_comes_back_to_it(world, google):
    from tenants.models import Domain

    with schema_context("public"):
        Domain.objects.create(domain="shop-a.example", tenant=world.shop_a, is_primary=False)
    browser = Browser(world.shop_a)
    browser.api = APIClient(HTTP_HOST="shop-a.example")
    back = browser.google("g-new")
    target = urlsplit(back["Location"])
    assert target.hostname == "shop-a.example"
    code = parse_qs(target.fragment)["code"][0]
    assert browser.redeem(code).status_code == 200
