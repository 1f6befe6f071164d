"""Domain events: small frozen records of what happened, published once after the
transaction that caused them commits, and delivered to typed subscribers.

An event carries the shop's schema, ids and plain data, never ORM objects, so a subscriber
can run anywhere (a request, a task, a socket) and a record can be logged or sent on as is.
Apps define their events beside the services that publish them (`storefront.events`,
`tenants.events`); other apps subscribe without the publisher importing them:

    @events.subscribe(OrderPlaced)
    def record_purchase(event: OrderPlaced) -> None: ...

A subscriber runs in the event's schema after the commit; one that fails is logged and does
not stop the others (the write has already happened). Slow work belongs in a task the
subscriber queues. Nothing is published for a transaction that rolls back.
"""
from __future__ import annotations

import contextlib
import dataclasses
import logging
from collections import defaultdict
from collections.abc import Callable, Iterator
from typing import ClassVar, TypeVar

from django.db import transaction

from saas.kernel.tenancy import current_schema

logger = logging.getLogger(__name__)


@dataclasses.dataclass(frozen=True, kw_only=True)
class DomainEvent:
    """Base of every event. `schema_name` is the shop (or "public") it happened in."""

    name: ClassVar[str] = ""
    schema_name: str

    def __init_subclass__(cls, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        if not cls.__dict__.get("name"):
            raise TypeError(f"{cls.__name__} must declare its event name, e.g. name = 'order.placed'")
        if cls.name in _registry and _registry[cls.name] is not cls:
            raise TypeError(f"Event name {cls.name!r} is already used by {_registry[cls.name].__qualname__}")
        _registry[cls.name] = cls

    def as_dict(self) -> dict:
        return {"type": self.name, **dataclasses.asdict(self)}


E = TypeVar("E", bound=DomainEvent)
Subscriber = Callable[[E], None]

_registry: dict[str, type[DomainEvent]] = {}
_subscribers: defaultdict[type[DomainEvent], list[Callable[[DomainEvent], None]]] = defaultdict(list)
_captures: list[list[DomainEvent]] = []


def event_types() -> dict[str, type[DomainEvent]]:
    """Every event type defined so far, by name (for tests and documentation)."""
    return dict(_registry)


def subscribe(event_type: type[E]) -> Callable[[Subscriber[E]], Subscriber[E]]:
    """Decorator: `fn(event)` is called for every published `event_type` (and subclasses).
    Subscribing the same function twice has no effect."""

    def register(fn: Subscriber[E]) -> Subscriber[E]:
        if fn not in _subscribers[event_type]:
            _subscribers[event_type].append(fn)  # type: ignore[arg-type]
        return fn

    return register


def unsubscribe(event_type: type[DomainEvent], fn: Callable) -> None:
    with contextlib.suppress(ValueError):
        _subscribers[event_type].remove(fn)


def publish(event: DomainEvent) -> None:
    """Delivers `event` once the current transaction commits (at once outside a transaction).
    The event must name the schema that is current, so it cannot be sent in a shop's name
    from another shop's request."""
    if event.schema_name != current_schema():
        raise ValueError(f"{event.name} names schema {event.schema_name!r} but {current_schema()!r} is current")
    transaction.on_commit(lambda: _deliver(event))


def _deliver(event: DomainEvent) -> None:
    from django_tenants.utils import schema_context

    for captured in _captures:
        captured.append(event)
    subscribers = [fn for cls in type(event).__mro__ if isinstance(cls, type) and issubclass(cls, DomainEvent)
                   for fn in _subscribers.get(cls, ())]
    if not subscribers:
        return
    with schema_context(event.schema_name):
        for fn in subscribers:
            try:
                fn(event)
            except Exception:  # the write happened; one subscriber's failure must not hide it from others
                logger.exception("Subscriber %s failed on %s", getattr(fn, "__qualname__", fn), event.name)


@contextlib.contextmanager
def captured() -> Iterator[list[DomainEvent]]:
    """Collects the events delivered inside the block (tests: what was sent, how often)."""
    box: list[DomainEvent] = []
    _captures.append(box)
    try:
        yield box
    finally:
        _captures.remove(box)
