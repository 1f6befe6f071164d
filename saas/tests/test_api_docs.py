"""OpenAPI schema and browsable docs on every host, served without internet."""
from __future__ import annotations

import pytest

from conftest import client_for

pytestmark = pytest.mark.django_db


def test_platform_and_shop_each_describe_their_own_api(world):
    platform = client_for(None).get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    shop = client_for(world.shop_a).get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert platform.status_code == shop.status_code == 200
    platform_paths, shop_paths = set(platform.json()["paths"]), set(shop.json()["paths"])
    assert platform.json()["openapi"].startswith("3.")
    assert "/api/platform/shops/" in platform_paths
    assert "/api/catalog/products/" not in platform_paths
    assert "/api/catalog/products/" in shop_paths
    assert "/api/platform/shops/" not in shop_paths


def test_docs_page_loads_its_assets_from_this_server(world):
    for shop in (None, world.shop_a):
        page = client_for(shop).get("/api/docs/")
        assert page.status_code == 200
        html = page.content.decode()
        assert "swagger-ui" in html
        assert "cdn." not in html
        assert "unpkg" not in html
        assert "jsdelivr" not in html
        assert "/static/drf_spectacular_sidecar/" in html


def test_unknown_api_path_is_json_404(world):
    res = client_for(world.shop_a).get("/api/nope/")
    assert res.status_code == 404
    assert res.json()["error"]["code"] == "not_found"


def test_docs_describe_the_bearer_scheme(world):
    schema = client_for(world.shop_a).get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    assert schema["components"]["securitySchemes"]["jwt"]["scheme"] == "bearer"


@pytest.mark.parametrize(("urlconf", "shop"), [("saas.urls_tenant", "shop"), ("saas.urls_public", None)])
def test_every_api_endpoint_is_in_the_openapi_schema(world, urlconf, shop):
    """drf-spectacular silently leaves out views it cannot describe; none may be left out."""
    from django.urls import get_resolver

    from saas.tests.test_cross_shop import _walk

    schema = client_for(world.shop_a if shop else None).get(
        "/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    documented = set(schema["paths"])
    missing = []
    for route, _callback in _walk(get_resolver(urlconf).url_patterns):
        path = "/" + route.replace("<int:", "{").replace("<slug:", "{").replace("<str:", "{").replace(">", "}")
        if not path.startswith("/api/") or path.startswith(("/api/schema", "/api/docs")):
            continue
        if path not in documented:
            missing.append(path)
    assert missing == []
