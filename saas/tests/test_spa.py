"""The page Django serves for the React app: its inlined config, its status, its headers."""
from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest
from django.core.cache import cache

from conftest import client_for
from tenants.models import Shop

pytestmark = pytest.mark.django_db

INDEX = ("<!doctype html><html><head><title>Shopyard</title><!--app-config--></head>"
         "<body><div id=\"root\"></div><script type=\"module\" src=\"/assets/index.js\"></script></body></html>")


@pytest.fixture
def index(settings, tmp_path):
    (tmp_path / "index.html").write_text(INDEX)
    settings.FRONTEND_DIST = tmp_path
    return tmp_path


class _Page(HTMLParser):
    """What a browser's parser makes of the page: the config element's text and the elements after it."""

    def __init__(self):
        super().__init__()
        self.config: str | None = None
        self.tags: list[str] = []
        self._in_config = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self._in_config = dict(attrs).get("id") == "app-config"

    def handle_endtag(self, tag):
        self._in_config = False

    def handle_data(self, data):
        if self._in_config:
            self.config = (self.config or "") + data


def parse(content: bytes) -> _Page:
    page = _Page()
    page.feed(content.decode())
    return page


@pytest.mark.parametrize("name", ["<!--<script>", "</script><script>alert(1)</script>", "Tom & Jerry's <b>"])
def test_a_shop_name_with_markup_leaves_the_page_whole(world, index, name):
    Shop.objects.filter(pk=world.shop_a.pk).update(name=name)
    cache.clear()  # the host snapshot
    res = client_for(world.shop_a).get("/", HTTP_ACCEPT="text/html")
    assert res.status_code == 200
    page = parse(res.content)
    assert json.loads(page.config)["shop"]["name"] == name
    # the app's root and script still come after the config: nothing was swallowed
    assert page.tags[-2:] == ["div", "script"]
    for raw in ("<!--", "</script><script>", "<b>"):
        assert raw.encode() not in res.content.split(b"</title>", 1)[1].split(b"<div", 1)[0]


def _policy(res) -> dict[str, str]:
    return {d.split(" ", 1)[0]: d.split(" ", 1)[1] if " " in d else ""
            for d in (part.strip() for part in res["Content-Security-Policy"].split(";")) if d}


def assert_secured(res):
    assert res["X-Frame-Options"] == "DENY"
    assert res["X-Content-Type-Options"] == "nosniff"
    assert res["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert _policy(res)["frame-ancestors"] == "'none'"


def test_the_app_page_denies_framing_and_runs_only_its_own_scripts(world, index):
    res = client_for(world.shop_a).get("/products/anything", HTTP_ACCEPT="text/html")
    assert_secured(res)
    policy = _policy(res)
    assert policy["script-src"] == "'self' https://js.stripe.com"  # and Stripe.js, for the card fields
    assert policy["frame-src"] == "https://js.stripe.com https://hooks.stripe.com"
    assert "unsafe" not in policy["style-src"]
    assert policy["img-src"] == "'self' data: blob:"
    assert policy["connect-src"] == ("'self' ws://alpha.localhost wss://alpha.localhost "
                                     "https://api.stripe.com https://js.stripe.com")


def test_the_built_index_needs_no_inline_script(settings):
    """The production page, as Vite builds it, has no script a strict policy would block."""
    built = settings.BASE_DIR / "frontend" / "dist" / "index.html"
    if not built.exists():
        pytest.skip("front end not built")
    scripts = _scripts(built.read_text())
    assert scripts
    assert all("src" in attrs for attrs in scripts)


def _scripts(html: str) -> list[dict]:
    found: list[dict] = []

    class P(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag == "script" and dict(attrs).get("type") != "application/json":
                found.append(dict(attrs))

    P().feed(html)
    return found


def test_cached_catalog_answers_carry_the_security_headers(world):
    client = client_for(world.shop_a)
    first = client.get("/api/catalog/products/")
    second = client.get("/api/catalog/products/")
    assert second["X-Cache"] == "hit"
    for res in (first, second):
        assert_secured(res)
        assert _policy(res)["default-src"] == "'none'"


def test_early_answers_and_the_docs_carry_them_too(world):
    unknown = client_for(None).get("/", HTTP_HOST="nope.localhost", HTTP_ACCEPT="text/html")
    assert unknown.status_code == 404
    assert_secured(unknown)
    assert _policy(unknown)["style-src"].startswith("'sha256-")
    suspended = client_for(world.shop_c).get("/api/shop/")
    assert suspended.status_code == 403
    assert_secured(suspended)
    docs = client_for(world.shop_a).get("/api/docs/")
    assert docs.status_code == 200
    assert_secured(docs)
    assert _policy(docs)["script-src"] == "'self' https://js.stripe.com"
    assert b"<script>" not in docs.content  # its start-up script is a file of its own


@pytest.mark.parametrize(("path", "status"), [
    ("/", 200), ("/cart", 200), ("/cart/", 200), ("/checkout/confirmation/12", 200), ("/account/orders/3", 200),
    ("/dashboard", 200), ("/dashboard/products/new", 200), ("/dashboard/tax", 200),
    ("/nope", 404), ("/cart/extra", 404), ("/dashboard/nope", 404), ("/account/nope", 404), ("/shops", 404),
])
def test_unknown_shop_pages_are_404_and_still_the_app(world, index, path, status):
    res = client_for(world.shop_a).get(path, HTTP_ACCEPT="text/html")
    assert res.status_code == status
    assert json.loads(parse(res.content).config)["kind"] == "shop"  # the app renders its own page


@pytest.mark.parametrize(("path", "status"), [("/", 200), ("/shops/new", 200), ("/admin", 200),
                                               ("/cart", 404), ("/shops/new/x", 404)])
def test_unknown_platform_pages_are_404(world, index, path, status):
    assert client_for(None).get(path, HTTP_ACCEPT="text/html").status_code == status


def test_a_product_page_is_404_unless_the_shop_sells_it(world, index):
    from django_tenants.utils import schema_context

    from storefront.tests.factories import make_product

    with schema_context(world.shop_a.schema_name):
        make_product("Sold mug")
        make_product("Secret mug", status="draft")
        make_product("Old mug", status="archived")
    with schema_context(world.shop_b.schema_name):
        make_product("Bravo mug")
    client = client_for(world.shop_a)
    assert client.get("/products/sold-mug", HTTP_ACCEPT="text/html").status_code == 200
    for slug in ("secret-mug", "old-mug", "bravo-mug", "no-such-mug"):
        res = client.get(f"/products/{slug}", HTTP_ACCEPT="text/html")
        assert res.status_code == 404, slug
        assert parse(res.content).config is not None


def test_with_the_platform_taking_cards_pages_may_load_stripe_js_and_nothing_else(world, index, settings):
    settings.STRIPE_PLATFORM_PUBLISHABLE_KEY = "pk_test_x"
    settings.STRIPE_JS_URL = "https://js.stripe.com/v3/"
    settings.STRIPE_API_BASE = ""
    policy = _policy(client_for(world.shop_a).get("/dashboard/billing", HTTP_ACCEPT="text/html"))
    assert policy["script-src"] == "'self' https://js.stripe.com"
    assert policy["connect-src"] == ("'self' ws://alpha.localhost wss://alpha.localhost https://api.stripe.com "
                                     "https://js.stripe.com")
    assert policy["frame-src"] == "https://js.stripe.com https://hooks.stripe.com"


def test_the_page_says_whether_the_shops_plan_includes_recommendations(world, index):
    from tenants.models import Plan
    from tenants.plans import shop_plan_set

    def features() -> dict:
        res = client_for(world.shop_a).get("/", HTTP_ACCEPT="text/html")
        assert res.status_code == 200
        config = parse(res.content).config
        assert config is not None
        return json.loads(config)["shop"]["features"]

    shop_plan_set(shop=world.shop_a, plan=Plan.objects.get(code="free"))
    cache.clear()  # the host snapshot
    assert features() == {"recommendations": False}
    # an upgrade shows on the next page load
    shop_plan_set(shop=world.shop_a, plan=Plan.objects.get(code="pro"))
    cache.clear()
    assert features() == {"recommendations": True}
    # the platform's page has no shop and no features
    platform = parse(client_for(None).get("/", HTTP_ACCEPT="text/html").content).config
    assert platform is not None
    assert "shop" not in json.loads(platform)
