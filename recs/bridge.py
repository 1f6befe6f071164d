"""The only module of the app that calls recs.engine: ids and plain data in, candidates
(product id, reason kind, reason product id) out."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

Candidate = tuple[int, str, int | None]
WIDE = 64  # asked of the engine before filtering, so filtering rarely empties a widget


def _engine():
    from recs import engine

    return engine


def similar(model: Any, anchor: int) -> Iterable[Candidate]:
    return ((int(item), "similar", anchor) for item, *_ in _engine().similar(model, anchor, WIDE))


def bought_together(model: Any, anchor: int) -> Iterable[Candidate]:
    return ((int(item), "bought_with", anchor) for item, *_ in _engine().bought_together(model, anchor, WIDE))


def trending(model: Any) -> Iterable[Candidate]:
    return ((int(item), "trending", None) for item, *_ in _engine().trending(model, WIDE))


def for_user(model: Any, history: list[tuple[int, datetime]], now: datetime) -> Iterable[Candidate]:
    recs = _engine().recommend_for_user(model, history=[(pid, when.timestamp()) for pid, when in history],
                                        now=now.timestamp(), k=WIDE, exclude=set())
    return ((int(item), "viewed" if reason is not None else "popular", int(reason) if reason is not None else None)
            for item, _, reason in recs)


def for_cart(model: Any, cart: list[int], now: datetime) -> Iterable[Candidate]:
    recs = _engine().recommend_for_user(model, history=[(pid, now.timestamp()) for pid in cart],
                                        now=now.timestamp(), k=WIDE, exclude=set(cart))
    return ((int(item), "in_cart" if reason is not None else "popular", int(reason) if reason is not None else None)
            for item, _, reason in recs)


def buy_again(model: Any, purchases: list[tuple[int, datetime]], now: datetime) -> Iterable[Candidate]:
    recs = _engine().buy_again(model, history=[(pid, when.timestamp()) for pid, when in purchases],
                               now=now.timestamp(), k=WIDE)
    return ((int(item), "due_again", None) for item, *_ in recs)


def fit(*, users, items, timestamps, baskets, weights, item_ids, titles, descriptions, categories,
        now: datetime, progress=None) -> Any:
    engine = _engine()
    from recs.engine.data import Interactions, Items

    interactions = Interactions.build(users=users, items=items, timestamps=timestamps, baskets=baskets,
                                      weights=weights)
    catalog = Items.build(ids=item_ids, titles=titles, descriptions=descriptions, categories=categories)
    return engine.fit(interactions, catalog, now=now.timestamp())


def to_bytes(model: Any) -> bytes:
    return model.to_bytes()


def meta(model: Any) -> dict:
    """The model's metadata as JSON-ready data: counts, fit seconds, validation scores."""
    raw = getattr(model, "meta", None) or getattr(model, "metadata", None) or {}
    return raw if isinstance(raw, dict) else dict(vars(raw))


def validation_score(meta: dict) -> float | None:
    """The one figure promotion compares: the served model's NDCG@10 on the validation window."""
    validation = meta.get("validation") or {}
    if isinstance(validation, dict):
        for key in ("ndcg@10", "ndcg"):
            if isinstance(validation.get(key), int | float):
                return float(validation[key])
        model = validation.get("model")
        if isinstance(model, dict) and isinstance(model.get("ndcg@10"), int | float):
            return float(model["ndcg@10"])
    return None
