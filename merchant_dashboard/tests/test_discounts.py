"""Discount codes: their dates are checked, and the list says what a shopper would meet today."""
from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tenants.utils import schema_context

from conftest import client_for
from storefront.models import DiscountCode

pytestmark = pytest.mark.django_db


def iso(delta: timedelta) -> str:
    return (timezone.now() + delta).isoformat()


def test_a_new_code_cannot_end_in_the_past_or_before_it_starts(world):
    staff = client_for(world.shop_a, world.owner_a)
    past = staff.post("/api/dashboard/discounts/", {"code": "OLD", "kind": "fixed", "value": "5",
                                                    "ends_at": iso(-timedelta(days=1))}, format="json")
    assert past.status_code == 400
    assert list(past.json()["error"]["fields"]) == ["ends_at"]
    backwards = staff.post("/api/dashboard/discounts/", {"code": "BACK", "kind": "fixed", "value": "5",
                                                         "starts_at": iso(timedelta(days=5)),
                                                         "ends_at": iso(timedelta(days=2))}, format="json")
    assert backwards.status_code == 400
    made = staff.post("/api/dashboard/discounts/", {"code": "LATER", "kind": "fixed", "value": "5",
                                                    "starts_at": iso(timedelta(days=2))}, format="json")
    assert made.status_code == 201
    # an edit is checked against the stored start too
    edit = staff.patch(f"/api/dashboard/discounts/{made.json()['id']}/", {"ends_at": iso(timedelta(days=1))},
                       format="json")
    assert edit.status_code == 400
    assert "ends_at" in edit.json()["error"]["fields"]
    # ending a running code now is an edit a merchant may make
    running = staff.post("/api/dashboard/discounts/", {"code": "NOW", "kind": "fixed", "value": "5"},
                         format="json").json()
    ended = staff.patch(f"/api/dashboard/discounts/{running['id']}/", {"ends_at": iso(-timedelta(seconds=1))},
                        format="json")
    assert (ended.status_code, ended.json()["state"]) == (200, "expired")


def test_the_list_shows_each_codes_real_state(world):
    now = timezone.now()
    with schema_context(world.shop_a.schema_name):
        for code, fields in {
            "RUNNING": {}, "SOON": {"starts_at": now + timedelta(days=1)},
            "GONE": {"ends_at": now - timedelta(minutes=1)}, "SPENT": {"usage_limit": 3, "times_used": 3},
            "OFF": {"active": False}, "LEFT": {"usage_limit": 3, "times_used": 2},
        }.items():
            DiscountCode.objects.create(code=code, kind="fixed", value=1, **fields)
    listed = client_for(world.shop_a, world.owner_a).get("/api/dashboard/discounts/").json()
    assert {d["code"]: d["state"] for d in listed} == {
        "RUNNING": "active", "SOON": "scheduled", "GONE": "expired", "SPENT": "used_up", "OFF": "disabled",
        "LEFT": "active"}
