"""Deleting a shop leaves nothing a newcomer on the same subdomain could inherit: not its
schema, its cache entries, its host snapshot, its media, nor its tokens."""
from __future__ import annotations

import pytest
from django.conf import settings
from django.core.cache import cache
from django_tenants.utils import schema_context, schema_exists

from conftest import client_for, token_for
from saas.accounts.models import Role, User
from saas.kernel.tenancy import media_prefix, tenant_connection
from tenants.models import Domain, Shop
from tenants.selectors import host_cache_key, shop_for_host
from tenants.services import shop_create, shop_delete

pytestmark = pytest.mark.django_db


def test_a_new_shop_on_a_deleted_shops_subdomain_inherits_nothing(world, tmp_path, settings,
                                                                     django_capture_on_commit_callbacks):
    settings.MEDIA_ROOT = tmp_path
    with django_capture_on_commit_callbacks(execute=True):
        old = shop_create(owner=world.merchant_a, name="Phoenix", subdomain="phoenix")
    old_schema = old.schema_name
    with schema_context(old_schema):
        owner = User.objects.get(role=Role.OWNER)
        cache.set("catalog-entry", b"old shop's product list")
    old_token = token_for(old, owner)["access"]
    assert client_for(old).get("/api/auth/me/", HTTP_AUTHORIZATION=f"Bearer {old_token}").status_code == 200
    assert shop_for_host("phoenix.localhost") is not None  # the host snapshot is cached now
    media = tmp_path / media_prefix(old_schema) / "products"
    media.mkdir(parents=True)
    (media / "photo.jpg").write_bytes(b"old")

    with django_capture_on_commit_callbacks(execute=True):
        shop_delete(shop=old)
    tenant_connection().set_schema_to_public()

    assert not schema_exists(old_schema)
    assert not Shop.objects.filter(subdomain="phoenix").exists()
    assert not Domain.objects.filter(domain="phoenix.localhost").exists()
    assert shop_for_host("phoenix.localhost") is None
    assert cache.get(host_cache_key("phoenix.localhost")) is None
    assert not (tmp_path / media_prefix(old_schema)).exists()
    with schema_context(old_schema):
        assert cache.get("catalog-entry") is None

    with django_capture_on_commit_callbacks(execute=True):
        new = shop_create(owner=world.merchant_b, name="Phoenix Two", subdomain="phoenix")
    assert new.schema_name != old_schema
    with schema_context(new.schema_name):
        assert cache.get("catalog-entry") is None
    res = client_for(new).get("/api/auth/me/", HTTP_AUTHORIZATION=f"Bearer {old_token}")
    assert res.status_code == 401
    assert res.json()["error"]["code"] in {"token_wrong_shop", "authentication_failed"}
    assert client_for(new).get("/api/shop/").json()["name"] == "Phoenix Two"


def test_deleting_one_shop_leaves_the_others_alone(world, django_capture_on_commit_callbacks):
    with schema_context(world.shop_b.schema_name):
        cache.set("kept", 1)
    with django_capture_on_commit_callbacks(execute=True):
        doomed = shop_create(owner=world.merchant_a, name="Doomed", subdomain="doomed-two")
    with django_capture_on_commit_callbacks(execute=True):
        shop_delete(shop=doomed)
    tenant_connection().set_schema_to_public()
    assert schema_exists(world.shop_a.schema_name)
    with schema_context(world.shop_b.schema_name):
        assert cache.get("kept") == 1
    assert client_for(world.shop_a).get("/api/shop/").status_code == 200
    assert schema_exists(settings.TENANT_BASE_SCHEMA)
