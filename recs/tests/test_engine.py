"""The engine's components on small hand-made data whose right answers are known."""
from __future__ import annotations

import numpy as np
import pytest

from recs import engine
from recs.engine import components as C
from recs.engine.data import DAY, Interactions, Items, index_interactions

NOW = 1_700_000_000.0


def _items(ids, titles=None):
    return Items.build(ids=ids, titles=titles or [f"product {i}" for i in ids])


def _inter(rows):
    """rows: (user, item, days_ago, basket)"""
    users, items, stamps, baskets = zip(*[(u, i, NOW - d * DAY, b) for u, i, d, b in rows], strict=True)
    return Interactions.build(users=users, items=items, timestamps=stamps, baskets=baskets)


def _together_data():
    rng = np.random.default_rng(1)
    rows = []
    others = [f"x{k}" for k in range(8)]
    for n in range(30):
        basket = f"b{n}"
        user = f"u{n % 12}"
        day = 60 - n
        if n % 2 == 0:  # A and B always travel together
            rows += [(user, "A", day, basket), (user, "B", day, basket)]
        for other in rng.choice(others, size=2, replace=False):
            rows.append((user, str(other), day, basket))
    return rows


def test_items_always_bought_together_rank_each_other_first():
    inter = _together_data()
    model = engine.fit(_inter(inter), _items(["A", "B"] + [f"x{k}" for k in range(8)]), now=NOW)
    assert engine.bought_together(model, "A", k=3)[0][0] == "B"
    assert engine.bought_together(model, "B", k=3)[0][0] == "A"
    score = engine.bought_together(model, "A", k=1)[0][1]
    assert 0 < score <= 1


def test_complete_basket_names_the_cart_item_as_reason():
    model = engine.fit(_inter(_together_data()), _items(["A", "B"] + [f"x{k}" for k in range(8)]), now=NOW)
    recs = engine.complete_basket(model, ["A"], k=3)
    assert recs[0][0] == "B"
    assert recs[0][2] == "A"
    assert all(item != "A" for item, _, _ in recs)


def test_tfidf_finds_the_content_similar_product_even_without_sales():
    ids = ["scarf-red", "scarf-blue", "mug", "teapot", "candle"]
    titles = ["Red wool knitted scarf", "Blue wool knitted scarf", "Ceramic coffee mug",
              "Ceramic tea pot", "Vanilla scented candle"]
    table = C.content_table(Items.build(ids=ids, titles=titles), k=3)
    assert table.idx[0, 0] == 1
    assert table.idx[2, 0] == 3
    # in a fitted model the new, never-sold blue scarf still gets a "similar" list
    rows = [("u1", "mug", 3, "o1"), ("u2", "candle", 2, "o2"), ("u3", "scarf-red", 1, "o3")]
    model = engine.fit(_inter(rows), Items.build(ids=ids, titles=titles), now=NOW)
    assert engine.similar(model, "scarf-blue", k=2)[0][0] == "scarf-red"


def test_trending_prefers_recent_buyers_and_popularity_counts_everyone():
    rows = [(f"old{n}", "X", 200, f"o{n}") for n in range(6)] + [(f"new{n}", "Y", 1, f"n{n}") for n in range(3)]
    data = index_interactions(_inter(rows), np.asarray(["X", "Y"]))
    pop = C.popularity(data, NOW)
    recent = C.popularity(data, NOW, half_life_days=7)
    window = C.popularity(data, NOW, window_days=14)
    assert pop[0] > pop[1]
    assert recent[1] > recent[0]
    assert window.tolist() == [0.0, 3.0]
    model = engine.fit(_inter(rows), _items(["X", "Y"]), now=NOW)
    assert [item for item, _ in engine.trending(model, k=2)] == ["Y", "X"]


def test_ease_recommends_what_buyers_of_the_same_things_bought():
    rows = []
    for n in range(20):  # buyers of P also buy Q; buyers of R also buy S
        pair = ("P", "Q") if n % 2 else ("R", "S")
        rows += [(f"u{n}", pair[0], 30, f"a{n}"), (f"u{n}", pair[1], 20, f"b{n}")]
    rows += [("late", "P", 5, "z")]
    x = index_interactions(_inter(rows), np.asarray(["P", "Q", "R", "S"])).user_item()
    table = C.ease_table(x, lam=1.0, k=3, max_items=10)
    assert table.idx[0, 0] == 1
    assert table.idx[2, 0] == 3
    knn = C.cosine_knn_table(x, k=3, shrink=0.0)
    assert knn.idx[1, 0] == 0
    assert knn.score[1, 0] == pytest.approx(10 / np.sqrt(11 * 10), rel=1e-5)


def test_ease_restricted_to_most_active_items_leaves_the_rest_without_neighbours():
    rows = [(f"u{n}", item, 3, f"b{n}") for n in range(10) for item in ("P", "Q")]
    rows += [("v", "rare", 2, "r"), ("v", "P", 2, "r")]
    x = index_interactions(_inter(rows), np.asarray(["P", "Q", "rare"])).user_item()
    table = C.ease_table(x, lam=1.0, k=2, max_items=2)
    assert (table.idx[2] == -1).all()
    assert table.idx[0, 0] == 1


def test_repeat_intervals_and_buy_again_due_date():
    rows = []
    for user in ("a", "b", "c"):
        for visit, day in enumerate((70, 56, 42, 28)):  # coffee every 14 days
            rows.append((user, "coffee", day, f"{user}{visit}"))
        rows.append((user, "kettle", 70, f"{user}0"))  # bought once
    data = index_interactions(_inter(rows), np.asarray(["coffee", "kettle"]))
    med, counts = C.repeat_intervals(data)
    assert med[0] == pytest.approx(14.0)
    assert counts[0] == 9
    assert np.isnan(med[1])
    model = engine.fit(_inter(rows), _items(["coffee", "kettle"]), now=NOW)
    history = [("coffee", NOW - 14 * DAY), ("kettle", NOW - 70 * DAY)]
    again = engine.buy_again(model, history, now=NOW, k=5)
    assert [row[0] for row in again] == ["coffee"]
    assert again[0][2] == pytest.approx(0.0, abs=1e-6)
    early = engine.buy_again(model, [("coffee", NOW - 2 * DAY)], now=NOW, k=5)
    assert early[0][1] < again[0][1]
    assert early[0][2] == pytest.approx(12.0)
    assert engine.buy_again(model, history, now=NOW, exclude={"coffee"}) == []


def test_topk_dense_rows_excludes_the_item_itself_and_pads():
    block = np.asarray([[5.0, 1.0, 0.0], [2.0, 9.0, 3.0]])
    table = C.topk_dense_rows(block, k=3)
    assert table.idx.tolist() == [[1, -1, -1], [2, 0, -1]]


def test_rising_favours_a_new_arrival_over_a_steady_best_seller():
    rows = [(f"s{n}", "steady", 10 + 10 * n, f"s{n}") for n in range(12)]  # one buyer every 10 days
    rows += [(f"r{n}", "steady", 2, f"r{n}") for n in range(3)]
    rows += [(f"n{n}", "new", 2, f"n{n}") for n in range(3)]  # launched this week
    data = index_interactions(_inter(rows), np.asarray(["steady", "new"]))
    recent = C.popularity(data, NOW, half_life_days=7)
    assert recent[0] > recent[1] - 1e-6  # as many recent buyers, so trending cannot tell them apart
    rising = C.rising(data, NOW)
    assert rising[1] > rising[0] > 0
