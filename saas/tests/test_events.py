"""The domain event mechanism: after commit, once, never on rollback, in the event's schema,
one failing subscriber does not stop the others, and an event cannot name another schema."""
from __future__ import annotations

from dataclasses import FrozenInstanceError, dataclass

import pytest
from django.db import transaction
from django_tenants.utils import schema_context

from saas.kernel import events
from saas.kernel.tenancy import current_schema


@dataclass(frozen=True, kw_only=True)
class Pinged(events.DomainEvent):
    name = "test.pinged"
    n: int


@pytest.fixture
def heard():
    got: list[tuple[str, int]] = []

    def listener(event: Pinged) -> None:
        got.append((current_schema(), event.n))

    events.subscribe(Pinged)(listener)
    yield got
    events.unsubscribe(Pinged, listener)


@pytest.mark.django_db
def test_delivered_once_after_commit_and_never_after_rollback(world, heard, django_capture_on_commit_callbacks):
    schema = world.shop_a.schema_name
    with schema_context(schema), django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            events.publish(Pinged(schema_name=schema, n=1))
        assert heard == []  # not before the commit
    assert heard == [(schema, 1)]
    with schema_context(schema), django_capture_on_commit_callbacks(execute=True):
        def fail_after_publishing() -> None:
            with transaction.atomic():
                events.publish(Pinged(schema_name=schema, n=2))
                raise RuntimeError

        with pytest.raises(RuntimeError):
            fail_after_publishing()
    assert heard == [(schema, 1)]


@pytest.mark.django_db
def test_subscriber_runs_in_the_events_schema_even_when_the_connection_moved_on(world, heard,
                                                                                django_capture_on_commit_callbacks):
    schema = world.shop_b.schema_name
    with django_capture_on_commit_callbacks(execute=True):
        with schema_context(schema):
            events.publish(Pinged(schema_name=schema, n=3))
        assert current_schema() == "public"  # the request moved on before the commit
    assert heard == [(schema, 3)]


@pytest.mark.django_db
def test_a_failing_subscriber_does_not_stop_the_others(world, heard, caplog, django_capture_on_commit_callbacks):
    def broken(event: Pinged) -> None:
        raise ValueError("boom")

    events.subscribe(Pinged)(broken)
    events.subscribe(Pinged)(broken)  # twice: still one subscription
    try:
        with schema_context(world.shop_a.schema_name), django_capture_on_commit_callbacks(execute=True):
            events.publish(Pinged(schema_name=world.shop_a.schema_name, n=4))
    finally:
        events.unsubscribe(Pinged, broken)
    assert heard == [(world.shop_a.schema_name, 4)]
    assert sum("boom" in r.exc_text for r in caplog.records if r.exc_text) == 1


def test_an_event_cannot_be_sent_in_another_shops_name(world):
    with schema_context(world.shop_a.schema_name), pytest.raises(ValueError, match="names schema"):
        events.publish(Pinged(schema_name=world.shop_b.schema_name, n=5))


def test_events_are_frozen_named_and_unique():
    with pytest.raises(FrozenInstanceError):
        Pinged(schema_name="x", n=1).n = 2
    assert events.event_types()["test.pinged"] is Pinged
    with pytest.raises(TypeError, match="must declare"):
        @dataclass(frozen=True, kw_only=True)
        class Nameless(events.DomainEvent):
            pass
    with pytest.raises(TypeError, match="already used"):
        @dataclass(frozen=True, kw_only=True)
        class Again(events.DomainEvent):
            name = "test.pinged"
    assert Pinged(schema_name="x", n=1).as_dict() == {"type": "test.pinged", "schema_name": "x", "n": 1}
