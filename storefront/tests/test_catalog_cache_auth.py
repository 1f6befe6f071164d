"""Signed-in shoppers read the catalog from the cache too: the catalog's answers do not depend
on who asks, and the cache still judges a token it is sent as the views do."""
from __future__ import annotations

from datetime import timedelta

import pytest
from django_tenants.utils import schema_context
from rest_framework_simplejwt.tokens import AccessToken

from conftest import client_for
from saas.kernel.events import captured
from storefront import events
from storefront.tests.factories import make_product

pytestmark = pytest.mark.django_db

READS = ["/api/catalog/products/", "/api/catalog/products/?search=lamp&page_size=1",
         "/api/catalog/products/?sort=price&in_stock=true", "/api/catalog/products/desk-lamp/"]


@pytest.fixture
def shop(world):
    with schema_context(world.shop_a.schema_name):
        make_product("Desk lamp", "12.00", 4, sizes=("S", "M"))
        make_product("Floor lamp", "40.00", 0)
        make_product("Tea mug", "4.00", 9)
    return world.shop_a


def expired_token(shop, user) -> str:
    with schema_context(shop.schema_name):
        token = AccessToken.for_user(user)
        token["shop"] = shop.schema_name
        token.set_exp(lifetime=-timedelta(seconds=5))
    return f"Bearer {token}"


@pytest.mark.parametrize("path", READS)
def test_signed_in_and_anonymous_answers_are_identical_before_any_cache(shop, world, settings, path):
    settings.CATALOG_CACHE = False
    anonymous = client_for(shop).get(path)
    signed_in = client_for(shop, world.customer_a).get(path)
    assert anonymous.status_code == signed_in.status_code == 200
    assert anonymous["X-Cache"] == signed_in["X-Cache"] == "miss"  # answered by the catalog middleware
    assert anonymous.content == signed_in.content
    # and the same as the views answer (their DRF dispatch authenticates the user from the database)
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if m != "storefront.middleware.CatalogCacheMiddleware"]
    for user in (None, world.customer_a):
        by_view = client_for(shop, user).get(path)
        assert by_view.status_code == 200
        assert "X-Cache" not in by_view
        assert by_view.content == anonymous.content


@pytest.mark.parametrize("path", READS)
def test_a_warm_cache_serves_signed_in_shoppers_without_the_database(shop, world, path, count_queries):
    cold = client_for(shop).get(path)
    client = client_for(shop, world.customer_a)
    with count_queries() as counter:
        warm = client.get(path)
    assert warm["X-Cache"] == "hit"
    assert warm.content == cold.content
    assert counter.count == 0, counter.queries


@pytest.mark.parametrize("path", READS)
def test_foreign_expired_and_forged_tokens_get_401_from_a_warm_cache_as_from_a_cold_one(shop, world, settings,
                                                                                        path):
    foreign = client_for(world.shop_b, world.customer_b)._credentials["HTTP_AUTHORIZATION"]
    bad = {"foreign shop": foreign, "expired": expired_token(shop, world.customer_a),
           "forged": "Bearer eyJhbGciOiJub25lIn0.eyJ1c2VyX2lkIjoxfQ.", "malformed": "Bearer a b"}
    settings.CATALOG_CACHE = False
    cold = {name: client_for(shop).get(path, HTTP_AUTHORIZATION=value) for name, value in bad.items()}
    settings.CATALOG_CACHE = True
    assert client_for(shop).get(path).status_code == 200
    assert client_for(shop).get(path)["X-Cache"] == "hit"  # warm
    for name, value in bad.items():
        warm = client_for(shop).get(path, HTTP_AUTHORIZATION=value)
        assert cold[name].status_code == 401, name
        assert warm.status_code == 401, name
        assert "X-Cache" not in warm, name
        assert warm.json() == cold[name].json(), name


def test_a_cached_product_page_still_tells_recs_who_viewed_it(shop, world, django_capture_on_commit_callbacks):
    client_for(shop).get("/api/catalog/products/desk-lamp/")
    with captured() as seen, django_capture_on_commit_callbacks(execute=True):
        hit = client_for(shop, world.customer_a).get("/api/catalog/products/desk-lamp/")
    assert hit["X-Cache"] == "hit"
    assert [(e.schema_name, e.slug, e.user_id) for e in seen if isinstance(e, events.ProductViewed)] == [
        (shop.schema_name, "desk-lamp", world.customer_a.pk)]


def test_a_token_remembered_as_verified_is_judged_again_once_it_expires(shop, world, monkeypatch):
    """The middleware keeps the tokens it verified, but only until their expiry: past it the
    request goes on to the views, which judge it themselves (here real time has not moved, so
    they still accept it; what matters is that the middleware did not serve it from memory)."""
    import time

    from storefront import middleware

    path = "/api/catalog/products/"
    client = client_for(shop, world.customer_a)
    assert client.get(path)["X-Cache"] == "miss"
    assert client.get(path)["X-Cache"] == "hit"
    later = time.time() + 16 * 60  # past the 15 minutes an access token lives
    monkeypatch.setattr(middleware.time, "time", lambda: later)
    answered = client.get(path)
    assert answered.status_code == 200
    assert "X-Cache" not in answered  # answered by the views, not from the remembered token
