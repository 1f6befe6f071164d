"""The webhook core both Stripe accounts use: signatures, once per event, any order."""
from __future__ import annotations

import time

import pytest
from django_tenants.utils import schema_context

from billing.models import StripeEvent
from billing.webhooks import (
    Scope,
    signed_test_payload,
    webhook_event_dispatch,
    webhook_event_is_newest,
    webhook_event_verify,
    webhook_handler,
)
from saas.kernel.errors import AppError

SECRET = "whsec_test_secret"


def stripe_event(event_id: str, object_id: str = "pi_1", created: int = 1_700_000_000,
                 type_: str = "test.thing") -> dict:
    return {"id": event_id, "object": "event", "type": type_, "created": created, "livemode": False,
            "data": {"object": {"id": object_id, "object": "payment_intent"}}}


def test_a_correct_signature_is_accepted():
    payload, header = signed_test_payload(stripe_event("evt_1"), secret=SECRET)
    assert webhook_event_verify(payload=payload, signature=header, secret=SECRET)["id"] == "evt_1"


@pytest.mark.parametrize("tamper", ["wrong secret", "stale", "changed body", "no header", "not json"])
def test_tampered_deliveries_are_refused(tamper):
    event = stripe_event("evt_1")
    payload, header = signed_test_payload(event, secret="whsec_other" if tamper == "wrong secret" else SECRET,
                                          timestamp=int(time.time()) - 301 if tamper == "stale" else None)
    if tamper == "changed body":
        payload = payload.replace(b"pi_1", b"pi_2")
    if tamper == "not json":
        payload, header = signed_test_payload(event, secret=SECRET)
        payload = b"{" + payload
    with pytest.raises(AppError) as refused:
        webhook_event_verify(payload=payload, signature=None if tamper == "no header" else header, secret=SECRET)
    assert refused.value.status_code == 400


def test_an_unconfigured_secret_refuses_everything():
    payload, header = signed_test_payload(stripe_event("evt_1"), secret="")
    with pytest.raises(AppError, match="not configured"):
        webhook_event_verify(payload=payload, signature=header, secret="")


@pytest.fixture
def applied():
    seen: list[tuple[str, bool]] = []

    def handler(event: dict) -> None:
        if event["data"]["object"].get("fail"):
            raise RuntimeError("handler failed")
        seen.append((event["id"], webhook_event_is_newest(event)))

    webhook_handler("test.thing", scope=Scope.SHOP)(handler)
    yield seen
    from billing import webhooks

    webhooks._handlers[(Scope.SHOP, "test.thing")].remove(handler)


@pytest.mark.django_db
def test_each_event_applies_once_per_shop(world, applied):
    with schema_context(world.shop_a.schema_name):
        assert webhook_event_dispatch(event=stripe_event("evt_1")) is True
        assert webhook_event_dispatch(event=stripe_event("evt_1")) is False
    with schema_context(world.shop_b.schema_name):  # another shop's account: its own record
        assert webhook_event_dispatch(event=stripe_event("evt_1")) is True
    assert [event_id for event_id, _ in applied] == ["evt_1", "evt_1"]


@pytest.mark.django_db
def test_a_failing_handler_records_nothing_so_the_retry_applies(world, applied):
    failing = stripe_event("evt_2")
    failing["data"]["object"]["fail"] = True
    with schema_context(world.shop_a.schema_name):
        with pytest.raises(RuntimeError):
            webhook_event_dispatch(event=failing)
        assert not StripeEvent.objects.filter(event_id="evt_2").exists()
        assert webhook_event_dispatch(event=stripe_event("evt_2")) is True


@pytest.mark.django_db
def test_an_older_event_arriving_late_knows_it_is_not_the_newest(world, applied):
    with schema_context(world.shop_a.schema_name):
        webhook_event_dispatch(event=stripe_event("evt_new", created=2_000))
        webhook_event_dispatch(event=stripe_event("evt_old", created=1_000))
        webhook_event_dispatch(event=stripe_event("evt_other_object", object_id="pi_9", created=500))
    assert applied == [("evt_new", True), ("evt_old", False), ("evt_other_object", True)]
