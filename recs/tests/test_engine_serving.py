"""recommend_for_user and friends: what is never returned, reasons, fallbacks, storage."""
from __future__ import annotations

import io

import numpy as np
import pytest

from recs import engine
from recs.engine import Interactions, Items, ShopModel, serving
from recs.engine.data import DAY

NOW = 1_700_000_000.0


def _shop(n_users=60, n_items=30, seed=3):
    """Users who like one of three groups of items and buy mostly within it, in baskets."""
    rng = np.random.default_rng(seed)
    users, items, stamps, baskets = [], [], [], []
    for u in range(n_users):
        group = u % 3
        for visit in range(4):
            day = rng.uniform(1, 120)
            picks = rng.choice(np.arange(group * 10, group * 10 + 10), size=3, replace=False)
            for p in picks:
                users.append(f"user{u}")
                items.append(f"item{p}")
                stamps.append(NOW - day * DAY)
                baskets.append(f"o{u}-{visit}")
    inter = Interactions.build(users=users, items=items, timestamps=stamps, baskets=baskets)
    titles = [f"{['wool', 'ceramic', 'candle'][k // 10]} thing {k}" for k in range(n_items)]
    return inter, Items.build(ids=[f"item{k}" for k in range(n_items)], titles=titles,
                              categories=[["knits", "kitchen", "home"][k // 10] for k in range(n_items)])


@pytest.fixture(scope="module")
def model():
    inter, items = _shop()
    return engine.fit(inter, items, now=NOW, config={"k": 10, "min_validation_users": 5, "validation_days": 30})


def test_recommendations_follow_the_history_and_say_why(model):
    history = [("item0", NOW - 2 * DAY), ("item1", NOW - 1 * DAY)]
    recs = engine.recommend_for_user(model, history=history, now=NOW, k=5)
    assert len(recs) == 5
    assert sum(item in {f"item{k}" for k in range(10)} for item, _, _ in recs) >= 4
    assert all(reason in {"item0", "item1"} for _, _, reason in recs if reason is not None)
    assert any(reason is not None for _, _, reason in recs)
    scores = [s for _, s, _ in recs]
    assert scores == sorted(scores, reverse=True)


def test_excluded_and_history_items_are_never_returned(model):
    history = [("item0", NOW - DAY), ("item5", NOW - 3 * DAY)]
    first = [item for item, _, _ in engine.recommend_for_user(model, history, NOW, k=10)]
    exclude = set(first[:5])
    again = [item for item, _, _ in engine.recommend_for_user(model, history, NOW, k=25, exclude=exclude)]
    assert not exclude & set(again)
    assert "item0" not in again
    assert "item5" not in again
    assert len(again) == 30 - 2 - 5  # everything else, fewer than asked for
    everything = {f"item{k}" for k in range(30)}
    left = engine.recommend_for_user(model, history, NOW, k=50, exclude=everything - {"item9"})
    assert [item for item, _, _ in left] == ["item9"]


def test_empty_or_unknown_history_falls_back_to_trending(model):
    recs = engine.recommend_for_user(model, history=[], now=NOW, k=5)
    # the user-independent part of the blend: recent and long-run popularity, as tuned
    prior = serving.prior(model)
    trending = [f"item{k}" for k in np.lexsort((np.arange(30), -prior))[:5]]
    assert [item for item, _, _ in recs] == trending
    if model.params["w_popularity"] == 0:
        assert trending == [item for item, _ in engine.trending(model, k=5)]
    assert all(reason is None for _, _, reason in recs)
    unknown = engine.recommend_for_user(model, history=[("nope", NOW)], now=NOW, k=5)
    assert [item for item, _, _ in unknown] == trending


def test_similar_and_bought_together_respect_exclude(model):
    sim = engine.similar(model, "item3", k=5)
    assert sim
    assert all(item != "item3" for item, _ in sim)
    assert sum(item in {f"item{k}" for k in range(10)} for item, _ in sim) >= 4
    banned = {sim[0][0]}
    assert banned.isdisjoint(item for item, _ in engine.similar(model, "item3", k=5, exclude=banned))
    assert engine.similar(model, "no-such-item") == []
    assert engine.bought_together(model, "no-such-item") == []


def test_round_trip_through_bytes_keeps_every_answer(model):
    payload = model.to_bytes()
    # a plain NumPy archive: loadable without pickle
    with np.load(io.BytesIO(payload), allow_pickle=False) as archive:
        assert "item_ids" in archive.files
    back = ShopModel.from_bytes(payload)
    history = [("item12", NOW - DAY), ("item14", NOW - 10 * DAY)]
    assert engine.recommend_for_user(back, history, NOW, k=8) == engine.recommend_for_user(model, history, NOW, k=8)
    assert engine.similar(back, "item20") == engine.similar(model, "item20")
    assert back.params == model.params
    assert back.meta == model.meta
    assert back.nbytes == model.nbytes
    assert model.nbytes < 30 * 10 * 8 * 8 + 30 * 64  # items × k per table, not items²


def test_metadata_carries_counts_timings_and_validation(model):
    meta = model.meta
    assert meta["n_items"] == 30
    assert meta["n_users"] == 60
    assert meta["n_interactions"] == 720
    assert meta["fit_seconds"] >= meta["fit_seconds_final"] > 0
    validation = meta["validation"]
    assert validation["users"] >= 5
    assert [m["baseline"] for m in validation["models"]].count(False) == 1
    assert 0 <= validation["ndcg@10"] <= 1


def test_tiny_shop_skips_validation_and_still_serves():
    inter = Interactions.build(users=["a", "a", "b"], items=["x", "y", "x"],
                               timestamps=np.asarray(["2026-11-01T10:00", "2026-11-01T10:00", "2026-11-20T09:00"],
                                                     dtype="datetime64[s]"), baskets=["1", "1", "2"])
    model = engine.fit(inter, Items.build(ids=["x", "y", "z"], titles=["red mug", "blue mug", "lamp"]),
                       now=np.datetime64("2026-12-01T00:00"))
    assert model.meta["validation"] is None
    assert engine.recommend_for_user(model, [("x", NOW)], now=NOW, k=2)[0][0] == "y"
    assert engine.bought_together(model, "x") == []  # one basket is not a pattern
