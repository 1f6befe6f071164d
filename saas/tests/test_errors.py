"""Error codes are per-domain enums rendered as their plain strings, and every kind of "not
found" answers through the one NotFound."""
from __future__ import annotations

from enum import StrEnum

import pytest
from django.http import Http404
from rest_framework import exceptions

from billing.errors import BillingErrorCode
from conftest import client_for
from recs.errors import RecsErrorCode
from saas.accounts.errors import AccountErrorCode
from saas.kernel.errors import AppError, ErrorCode, NotFound, exception_handler, found, get_or_not_found
from storefront.errors import StorefrontErrorCode
from tenants.errors import TenantErrorCode
from tenants.models import Shop

ENUMS: list[type[StrEnum]] = [ErrorCode, AccountErrorCode, StorefrontErrorCode, TenantErrorCode, BillingErrorCode,
                              RecsErrorCode]


def test_each_code_is_defined_once_across_the_domains():
    values = [member.value for enum in ENUMS for member in enum]
    assert len(values) == len(set(values))


def test_the_json_carries_the_codes_plain_string():
    response = exception_handler(AppError(StorefrontErrorCode.OUT_OF_STOCK, "Gone.", status_code=409), {})
    assert response is not None
    assert response.status_code == 409
    assert response.data == {"error": {"code": "out_of_stock", "message": "Gone.", "fields": {}}}
    assert type(response.data["error"]["code"]) is str


@pytest.mark.parametrize(("raised", "message"), [
    (NotFound("No such order."), "No such order."),
    (Http404("No Shop matches the given query."), "Not found."),
    (exceptions.NotFound("Invalid page."), "Invalid page."),
])
def test_every_not_found_answers_alike(raised, message):
    response = exception_handler(raised, {})
    assert response is not None
    assert response.status_code == 404
    assert response.data == {"error": {"code": "not_found", "message": message, "fields": {}}}


@pytest.mark.django_db
def test_lookup_helpers_raise_the_one_not_found(world):
    assert get_or_not_found(Shop, "No such shop.", pk=world.shop_a.pk) == world.shop_a
    with pytest.raises(NotFound, match="No such shop."):
        get_or_not_found(Shop.objects.filter(status="active"), "No such shop.", pk=world.shop_c.pk)
    with pytest.raises(NotFound):
        found(None)
    assert found(0) == 0


@pytest.mark.django_db
def test_a_missing_row_and_a_wrong_host_answer_the_same_way(world):
    merchant = client_for(None, world.merchant_a)
    other_owners_shop = merchant.get(f"/api/platform/shops/{world.shop_b.pk}/domains/")
    assert other_owners_shop.status_code == 404
    assert other_owners_shop.json() == {"error": {"code": "not_found", "message": "No such shop.", "fields": {}}}
    wrong_host = client_for(world.shop_a).get("/api/platform/plans/")
    assert wrong_host.status_code == 404
    assert wrong_host.json()["error"]["code"] == "not_found"
