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
    return ((int(item), "similar", anchor) for item, *_ in _engine().similar_items(model, str(anchor), WIDE))


def bought_together(model: Any, anchor: int) -> Iterable[Candidate]:
    return ((int(item), "bought_with", anchor) for item, *_ in _engine().bought_together(model, str(anchor), WIDE))


def trending(model: Any) -> Iterable[Candidate]:
    return ((int(item), "trending", None) for item, *_ in _engine().trending(model, WIDE))


def for_user(model: Any, history: list[tuple[int, datetime]], now: datetime) -> Iterable[Candidate]:
    recs = _engine().recommend_for_user(model, history=[(str(pid), when.timestamp()) for pid, when in history],
                                        now=now.timestamp(), k=WIDE)
    return ((int(item), "viewed" if reason is not None else "popular", int(reason) if reason is not None else None)
            for item, _, reason in recs)


def for_cart(model: Any, cart: list[int], now: datetime) -> Iterable[Candidate]:
    recs = _engine().complete_basket(model, [str(pid) for pid in cart], k=WIDE)
    return ((int(item), "in_cart", int(reason) if reason is not None else None) for item, _, reason in recs)


def buy_again(model: Any, purchases: list[tuple[int, datetime]], now: datetime) -> Iterable[Candidate]:
    recs = _engine().buy_again(model, history=[(str(pid), when.timestamp()) for pid, when in purchases],
                               now=now.timestamp(), k=WIDE)
    return ((int(item), "due_again", None) for item, *_ in recs)


def fit(*, users, items, timestamps, baskets, weights, item_ids, titles, descriptions, categories,
        now: datetime, progress=None) -> Any:
    engine = _engine()
    interactions = engine.Interactions.build(users=users, items=items, timestamps=timestamps, baskets=baskets,
                                      weights=weights)
    catalog = engine.Items.build(ids=item_ids, titles=titles, descriptions=descriptions, categories=categories)
    return engine.fit(interactions, catalog, now=now.timestamp())


def to_bytes(model: Any) -> bytes:
    return model.to_bytes()


def meta(model: Any) -> dict:
    """The model's metadata as JSON-ready data: counts, fit seconds, validation scores."""
    return dict(model.meta)


def validation_score(meta: dict) -> float | None:
    """The one figure promotion compares: the served model's NDCG@10 on the validation window."""
    validation = meta.get("validation") or {}
    score = validation.get("ndcg@10") if isinstance(validation, dict) else None
    return float(score) if isinstance(score, int | float) else None
