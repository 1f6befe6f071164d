"""Real answers against the documented OpenAPI schema, so the docs and the JSON cannot drift.

Every GET endpoint of a shop and of the platform is called with seeded data, and the main
POSTs after them; each answer must be a documented status of that operation and its body must
validate against the documented schema, with no property the schema does not list."""
from __future__ import annotations

import copy
import re
import uuid
from decimal import Decimal
from functools import cache
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django_tenants.utils import schema_context
from drf_spectacular.generators import SchemaGenerator
from openapi_schema_validator import OAS30ReadValidator

from conftest import client_for
from realtime import support
from realtime.notifications.models import Audience
from realtime.notifications.promotions import promotion_create
from recs.models import ModelVersion
from storefront.models import Category, DiscountCode, ImportJob, ShippingRate, ShippingZone, TaxRate
from storefront.tests.factories import make_product

pytestmark = pytest.mark.django_db

APPROVED = {"card_number": "4242 4242 4242 4242", "exp_month": 12, "exp_year": 2031, "cvc": "123"}
DECLINED = {**APPROVED, "card_number": "4000 0000 0000 0002"}
ADDRESS = {"full_name": "Ada Buyer", "line1": "1 High St", "city": "London", "postcode": "N1 9GU", "country": "GB"}
# Not JSON: the product export is CSV, documented as such.
NOT_JSON = {"/api/dashboard/products/export/"}


def _closed(node: Any) -> Any:
    """The schema with every object that lists its properties closed to any others, so an
    answer carrying an undocumented key fails too. drf-spectacular writes a nullable reference
    as `{allOf: [ref], nullable: true}` (OpenAPI 3.0), meaning "ref or null"; the validator
    applies `nullable` to the parts only, so it is spelt out as anyOf."""
    if isinstance(node, dict):
        node = {k: _closed(v) for k, v in node.items()}
        if "properties" in node and "additionalProperties" not in node:
            node["additionalProperties"] = False
        if node.get("nullable") and "allOf" in node and len(node) == 2:
            node = {"anyOf": [*node["allOf"], {"enum": [None], "nullable": True}]}
        return node
    if isinstance(node, list):
        return [_closed(v) for v in node]
    return node


@cache
def schema_of(urlconf: str) -> dict:
    return _closed(copy.deepcopy(SchemaGenerator(urlconf=urlconf).get_schema(request=None, public=True)))


def route_of(schema: dict, path: str) -> str:
    if path in schema["paths"]:
        return path
    for route in schema["paths"]:
        if re.fullmatch(re.sub(r"\{[^}]+\}", "[^/]+", route), path):
            return route
    raise AssertionError(f"{path} is not in the schema")


def check(urlconf: str, method: str, path: str, response) -> None:
    schema = schema_of(urlconf)
    operation = schema["paths"][route_of(schema, path)][method]
    documented = operation["responses"]
    status = str(response.status_code)
    assert status in documented, (method, path, response.status_code, response.content[:500])
    content = documented[status].get("content")
    if content is None:
        assert not response.content, (method, path)
        return
    body_schema = content["application/json"]["schema"]
    validator = OAS30ReadValidator({**body_schema, "components": schema["components"]},
                                   format_checker=OAS30ReadValidator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(response.json()), key=lambda e: list(e.absolute_path))
    assert not errors, (method, path, [f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]])


@pytest.fixture
def seeded(world):
    shop = world.shop_a
    with schema_context(shop.schema_name):
        category = Category.objects.create(name="Kitchen", slug="kitchen")
        mug = make_product("Mug", "12.50", 5, category=category)
        make_product("Shirt", "20.00", 3, sizes=("S", "M"))
        DiscountCode.objects.create(code="TENOFF", kind="percent", value=Decimal("10"))
        job = ImportJob(total=0)
        job.file.save("import.csv", ContentFile(b"title,sku,price\n"), save=False)
        job.save()
        version = ModelVersion.objects.create(status="done", trigger="manual")
        TaxRate.objects.get_or_create(country="FR", defaults={"rate": Decimal("20.00"), "label": "TVA"})
        zone = ShippingZone.objects.first()
        ids = {"slug": mug.slug, "product_id": mug.pk, "job_id": job.pk, "version_id": version.pk,
               "customer_id": world.customer_a.pk, "variant_id": mug.variants.first().pk,
               "rate_id": ShippingRate.objects.first().pk, "zone_id": zone.pk if zone else None,
               "tax_id": TaxRate.objects.first().pk if TaxRate.objects.exists() else None,
               "discount_id": DiscountCode.objects.get(code="TENOFF").pk}
        ids["promotion_id"] = promotion_create(created_by=world.owner_a, title="Spring", text="Ten off",
                                               audience=Audience.ALL).pk
        ids["id"] = support.conversation_open(shopper=world.customer_a, body="Where is my parcel?")[0].pk
    customer = client_for(shop, world.customer_a)
    customer.post("/api/cart/lines/", {"variant_id": ids["variant_id"], "quantity": 1}, format="json")
    placed = customer.post("/api/checkout/", {"shipping_address": ADDRESS, "payment": APPROVED,
                                              "shipping_rate_id": ids["rate_id"]},
                           format="json", HTTP_IDEMPOTENCY_KEY=str(uuid.uuid4()))
    assert placed.status_code == 201, placed.content
    ids["order_id"] = placed.json()["id"]
    return ids


def shop_client(world, path: str):
    if path.startswith(("/api/dashboard/", "/api/billing/")):
        return client_for(world.shop_a, world.owner_a)
    return client_for(world.shop_a, world.customer_a)


def platform_client(world, path: str):
    return client_for(None, world.admin if path.startswith("/api/platform/admin/") else world.merchant_a)


def concrete(route: str, ids: dict, world) -> str | None:
    """The route with its parameters filled from the seeded rows; None if a row is missing."""
    by_resource = {"discounts": "discount_id", "shipping-rates": "rate_id", "shipping-zones": "zone_id",
                   "tax-rates": "tax_id"}
    values = {**ids, "shop_id": world.shop_a.pk, "subdomain": "fresh-name"}
    resource = route.split("/")[3] if route.count("/") > 4 else ""

    def fill(match: re.Match) -> str:
        name = match.group(1)
        if name == "item_id":
            name = by_resource[resource]
        value = values.get(name)
        if value is None:
            raise LookupError(name)
        return str(value)

    try:
        return re.sub(r"\{([^}]+)\}", fill, route)
    except LookupError:
        return None


def get_routes(urlconf: str) -> list[str]:
    return [route for route, ops in schema_of(urlconf)["paths"].items() if "get" in ops and route not in NOT_JSON]


@pytest.mark.parametrize("route", get_routes("saas.urls_tenant"))
def test_every_shop_get_answers_as_documented(world, seeded, route):
    path = concrete(route, seeded, world)
    assert path is not None, f"seed a row for {route}"
    check("saas.urls_tenant", "get", path, shop_client(world, path).get(path))


@pytest.mark.parametrize("route", get_routes("saas.urls_public"))
def test_every_platform_get_answers_as_documented(world, seeded, route):
    path = concrete(route, seeded, world)
    assert path is not None, f"seed a row for {route}"
    check("saas.urls_public", "get", path, platform_client(world, path).get(path))


def test_the_shoppers_main_writes_answer_as_documented(world, seeded):
    shop = "saas.urls_tenant"
    guest = client_for(world.shop_a)
    added = guest.post("/api/cart/lines/", {"variant_id": seeded["variant_id"], "quantity": 2}, format="json")
    check(shop, "post", "/api/cart/lines/", added)
    token = added.json()["token"]
    line_id = added.json()["lines"][0]["id"]
    cart = {"HTTP_X_CART_TOKEN": token}
    check(shop, "patch", f"/api/cart/lines/{line_id}/",
          guest.patch(f"/api/cart/lines/{line_id}/", {"quantity": 3}, format="json", **cart))
    check(shop, "get", "/api/checkout/options/", guest.get("/api/checkout/options/?country=GB", **cart))
    quote = guest.post("/api/checkout/quote/", {"country": "GB", "shipping_rate_id": seeded["rate_id"],
                                                "discount_code": "TENOFF"}, format="json", **cart)
    check(shop, "post", "/api/checkout/quote/", quote)
    assert quote.json()["discount"]["code"] == "TENOFF"
    body = {"email": "guest@buyer.test", "shipping_address": ADDRESS, "shipping_rate_id": seeded["rate_id"]}
    declined = guest.post("/api/checkout/", {**body, "payment": DECLINED}, format="json",
                          HTTP_IDEMPOTENCY_KEY=str(uuid.uuid4()), **cart)
    check(shop, "post", "/api/checkout/", declined)
    assert declined.status_code == 402
    order_id, order_token = declined.json()["order"]["id"], declined.json()["order_token"]
    paid = guest.post(f"/api/orders/{order_id}/pay/", {"payment": APPROVED}, format="json",
                      HTTP_IDEMPOTENCY_KEY=str(uuid.uuid4()), HTTP_X_ORDER_TOKEN=order_token)
    check(shop, "post", f"/api/orders/{order_id}/pay/", paid)
    number = paid.json()["number"]
    check(shop, "post", "/api/orders/lookup/",
          guest.post("/api/orders/lookup/", {"number": number, "email": "guest@buyer.test"}, format="json"))

    customer = client_for(world.shop_a, world.customer_a)
    check(shop, "post", f"/api/orders/{seeded['order_id']}/reorder/",
          customer.post(f"/api/orders/{seeded['order_id']}/reorder/", format="json"))
    check(shop, "post", "/api/cart/merge/", customer.post("/api/cart/merge/", {"token": token}, format="json"))
    check(shop, "post", "/api/account/addresses/", customer.post("/api/account/addresses/", ADDRESS, format="json"))
    check(shop, "post", "/api/notifications/ws-ticket/", customer.post("/api/notifications/ws-ticket/"))
    check(shop, "post", "/api/recs/events/", guest.post("/api/recs/events/", {
        "visitor_id": "v-" + "a" * 20, "events": [{"kind": "view", "slug": seeded["slug"]}]}, format="json"))


def test_the_staff_main_writes_answer_as_documented(world, seeded):
    shop = "saas.urls_tenant"
    owner = client_for(world.shop_a, world.owner_a)
    created = owner.post("/api/dashboard/products/", {
        "title": "Teapot", "variants": [{"sku": "TEA-1", "price": "30.00", "stock": 4}]}, format="json")
    check(shop, "post", "/api/dashboard/products/", created)
    check(shop, "patch", f"/api/dashboard/products/{created.json()['id']}/",
          owner.patch(f"/api/dashboard/products/{created.json()['id']}/", {"title": "Big teapot"}, format="json"))
    check(shop, "post", "/api/dashboard/categories/",
          owner.post("/api/dashboard/categories/", {"name": "Tea"}, format="json"))
    check(shop, "post", f"/api/dashboard/orders/{seeded['order_id']}/fulfil/",
          owner.post(f"/api/dashboard/orders/{seeded['order_id']}/fulfil/", {"status": "shipped",
                                                                                   "tracking_number": "TRK1"},
                     format="json"))
    check(shop, "put", "/api/dashboard/recs/settings/",
          owner.put("/api/dashboard/recs/settings/", {"holdout_share": "0.100"}, format="json"))
    check(shop, "post", "/api/dashboard/staff/invitations/",
          owner.post("/api/dashboard/staff/invitations/", {"email": "new@staff.test", "role": "staff"},
                     format="json"))


def test_sign_in_and_the_platform_writes_answer_as_documented(world):
    for urlconf, shop, prefix in [("saas.urls_tenant", world.shop_a, "/api/auth/"),
                                  ("saas.urls_public", None, "/api/platform/auth/")]:
        anonymous = client_for(shop)
        email = f"new-{uuid.uuid4().hex[:8]}@buyer.test"
        signed_up = anonymous.post(f"{prefix}signup/", {"email": email, "password": "a-long-enough-pass-1"},
                                   format="json")
        check(urlconf, "post", f"{prefix}signup/", signed_up)
        logged_in = anonymous.post(f"{prefix}login/", {"email": email, "password": "a-long-enough-pass-1"},
                                   format="json")
        check(urlconf, "post", f"{prefix}login/", logged_in)
        check(urlconf, "post", f"{prefix}refresh/",
              anonymous.post(f"{prefix}refresh/", {"refresh": logged_in.json()["refresh"]}, format="json"))
        check(urlconf, "post", f"{prefix}password-reset/",
              anonymous.post(f"{prefix}password-reset/", {"email": email}, format="json"))
    platform = "saas.urls_public"
    merchant = client_for(None, world.merchant_a)
    check(platform, "post", f"/api/platform/shops/{world.shop_a.pk}/dashboard-handoff/",
          merchant.post(f"/api/platform/shops/{world.shop_a.pk}/dashboard-handoff/", format="json"))
    created = merchant.post("/api/platform/shops/", {"name": "Delta", "subdomain": "delta-docs"}, format="json")
    check(platform, "post", "/api/platform/shops/", created)
    domains = f"/api/platform/shops/{world.shop_a.pk}/domains/"  # a new shop's free plan has no custom domains
    check(platform, "post", domains, merchant.post(domains, {"domain": "shop.alpha-docs.test"}, format="json"))
    admin = client_for(None, world.admin)
    check(platform, "post", f"/api/platform/admin/shops/{world.shop_b.pk}/suspend/",
          admin.post(f"/api/platform/admin/shops/{world.shop_b.pk}/suspend/", {"reason": "Testing"}, format="json"))
