"""fit(): every component, the blend tuned on a validation window, then the refit on all data."""
from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp

from . import components as C
from .data import DAY, Indexed, Interactions, Items, index_interactions, to_epoch_seconds
from .metrics import batch_metrics
from .model import PERSONAL_TABLES, WIDGET_TABLES, ShopModel, table_key
from .serving import score_users_batch

DEFAULT_CONFIG: dict[str, Any] = {
    "k": 50,  # neighbours kept per item in every table
    "ease_lambda": 200.0,
    "ease_max_items": 10_000,  # the dense EASE solve runs on at most this many most-active items
    "ease_half_life_days": 60.0,  # older baskets weigh less in EASE's co-occurrences (seasons change)
    "knn_shrink": 10.0,
    "copurchase_shrink": 5.0,
    "similar_content_weight": 0.5,
    "validation_days": 28,
    "min_validation_users": 30,
    # tuning scores validation users × items densely: at most this many cells (users sampled),
    # but never fewer than min_tuning_users users
    "max_validation_cells": 4_000_000,
    "min_tuning_users": 300,
    "validate": True,  # score on the validation window (needs min_validation_users)
    "tune": True,  # and choose the blend there
    "seed": 0,
}

DEFAULT_PARAMS: dict[str, Any] = {
    "history_half_life_days": 90.0,
    "trending_half_life_days": 7.0,
    "w_ease": 1.0,
    "w_knn": 0.0,
    "w_content": 0.0,
    "w_copurchase": 0.0,
    "w_trending": 0.5,
    "w_popularity": 0.0,
    "w_rising": 0.0,
}

GRID = {
    "w_ease": [0.0, 0.25, 0.5, 1.0, 2.0],
    "w_knn": [0.0, 0.25, 0.5, 1.0, 2.0],
    "w_content": [0.0, 0.1, 0.25, 0.5, 1.0],
    "w_copurchase": [0.0, 0.25, 0.5, 1.0, 2.0],
    "w_trending": [0.0, 0.1, 0.25, 0.5, 1.0, 2.0, 4.0],
    "w_popularity": [0.0, 0.1, 0.25, 0.5, 1.0],
    "w_rising": [0.0, 0.1, 0.25, 0.5, 0.8, 1.2, 2.0],
    "trending_half_life_days": [4.0, 7.0, 14.0],
    "history_half_life_days": [30.0, 90.0, 365.0],
}


COMPONENT_NAMES = {
    "ease": "EASE (top-k)", "knn": "item-kNN cosine (top-k)", "content": "TF-IDF content (top-k)",
    "copurchase": "co-purchase (top-k)", "trending": "trending (recency-weighted popularity)",
    "popularity": "most popular",
    "rising": "rising (recent sales over long-run sales)",
}
PRIOR_VECTORS = ("trending", "popularity", "rising")


@dataclass
class Fitted:
    tables: dict[str, C.TopK]
    vectors: dict[str, np.ndarray]
    seen: np.ndarray  # bool per item: has at least one interaction in the fitted data


def _universe(inter: Interactions, items: Items) -> tuple[np.ndarray, Items]:
    ids = [str(v) for v in items.ids.tolist()]
    known = set(ids)
    extra = sorted({str(v) for v in inter.items.tolist()} - known)
    all_ids = np.asarray(ids + extra, dtype=str)
    pad = [""] * len(extra)
    aligned = Items(ids=all_ids, titles=list(items.titles) + pad,
                    descriptions=list(items.descriptions) + pad, categories=list(items.categories) + pad)
    return all_ids, aligned


def _vectors(data: Indexed, now: float, trending_half_life: float) -> dict[str, np.ndarray]:
    med, counts = C.repeat_intervals(data)
    return {
        "popularity": C.popularity(data, now),
        "trending": C.popularity(data, now, half_life_days=trending_half_life),
        "rising": C.rising(data, now),
        "repeat_days": med,
        "repeat_count": counts.astype(np.float32),
    }


def _similar(knn: C.TopK, content: C.TopK, content_weight: float, k: int) -> C.TopK:
    merged = (1.0 - content_weight) * knn.as_sparse() + content_weight * content.as_sparse()
    return C.topk_sparse_rows(merged.tocsr(), k)


def fit_components(data: Indexed, content: C.TopK, now: float, cfg: dict, params: dict) -> Fitted:
    k = cfg["k"]
    x = data.user_item()
    knn = C.cosine_knn_table(x, k, shrink=cfg["knn_shrink"])
    copurchase = C.copurchase_table(data, k, shrink=cfg["copurchase_shrink"])
    tables = {
        "ease": C.ease_table(data.user_item(now, cfg["ease_half_life_days"]), cfg["ease_lambda"], k,
                             cfg["ease_max_items"]),
        "knn": knn,
        "content": content,
        "similar": _similar(knn, content, cfg["similar_content_weight"], k),
        "bought_together": copurchase,
    }
    seen = np.bincount(data.i, minlength=data.n_items) > 0
    return Fitted(tables, _vectors(data, now, params["trending_half_life_days"]), seen)


def history_matrix(data: Indexed, users: np.ndarray, now: float, half_life: float | None) -> sp.csr_matrix:
    """Rows = the given users, values = decayed weight of each item's latest event."""
    pos = -np.ones(data.n_users, np.int64)
    pos[users] = np.arange(len(users))
    sel = pos[data.u] >= 0
    rows, cols, stamps = pos[data.u[sel]], data.i[sel], data.t[sel]
    order = np.lexsort((stamps, cols, rows))
    r, c, s = rows[order], cols[order], stamps[order]
    last = np.r_[(r[1:] != r[:-1]) | (c[1:] != c[:-1]), True] if len(r) else np.zeros(0, bool)
    weights = C.decay(now - s[last], half_life).astype(np.float32)
    return sp.csr_matrix((weights, (r[last], c[last])), shape=(len(users), data.n_items))


def validation_targets(data: Indexed, split: float, end: float | None = None) -> tuple[np.ndarray, list[set[int]]]:
    """Users with purchases in [split, end) of items new to them and seen before split."""
    before = data.t < split
    after = (data.t >= split) if end is None else (data.t >= split) & (data.t < end)
    seen = np.bincount(data.i[before], minlength=data.n_items) > 0
    had = set(zip(data.u[before].tolist(), data.i[before].tolist(), strict=True))
    targets: dict[int, set[int]] = {}
    for u, i in zip(data.u[after].tolist(), data.i[after].tolist(), strict=True):
        if seen[i] and (u, i) not in had:
            targets.setdefault(u, set()).add(i)
    users = np.asarray(sorted(targets), dtype=np.int64)
    return users, [targets[u] for u in users.tolist()]


class Tuner:
    """Scores blend parameters on the validation users from precomputed component scores."""

    def __init__(self, fitted: Fitted, data: Indexed, users: np.ndarray, targets: list[set[int]],
                 now: float, item_ids: np.ndarray):
        self.fitted, self.data, self.users, self.targets, self.now = fitted, data, users, targets, now
        self.item_ids = item_ids
        self._cache: dict[tuple, np.ndarray] = {}
        self._mask: dict[float | None, np.ndarray] = {}

    def _component(self, name: str, hist_hl: float | None) -> np.ndarray:
        key = (name, hist_hl)
        if key not in self._cache:
            hist = self._hist(hist_hl)
            solo = {f"w_{name}": 1.0, "history_half_life_days": hist_hl}
            model = ShopModel(self.item_ids, {table_key(name): self.fitted.tables[table_key(name)]}, {}, solo)
            self._cache[key] = score_users_batch(model, hist).astype(np.float32)
        return self._cache[key]

    def _hist(self, hist_hl):
        key = ("hist", hist_hl)
        if key not in self._cache:
            self._cache[key] = history_matrix(self.data, self.users, self.now, hist_hl)
        return self._cache[key]

    def _vector(self, name: str, hl: float | None) -> np.ndarray:
        key = (name, hl)
        if key not in self._cache:
            if name == "trending":
                vec = C.popularity(self.data, self.now, half_life_days=hl)
            else:
                vec = self.fitted.vectors[name]
            self._cache[key] = (vec / vec.max() if vec.max() > 0 else vec).astype(np.float32)
        return self._cache[key]

    def scores(self, params: dict) -> np.ndarray:
        hl = params["history_half_life_days"]
        total = np.zeros((len(self.users), len(self.item_ids)), np.float32)
        for name in PERSONAL_TABLES:
            w = params.get(f"w_{name}", 0.0)
            if w:
                total += w * self._component(name, hl)
        if params.get("w_trending"):
            total += params["w_trending"] * self._vector("trending", params["trending_half_life_days"])[None, :]
        for name in ("popularity", "rising"):
            if params.get(f"w_{name}"):
                total += params[f"w_{name}"] * self._vector(name, None)[None, :]
        hist = self._hist(hl)
        total[hist.nonzero()] = -np.inf
        total[:, ~self.fitted.seen] = -np.inf
        return total

    def evaluate(self, params: dict) -> dict[str, float]:
        m = batch_metrics(self.scores(params), self.targets).mean(axis=0)
        return {"hr@10": float(m[0]), "ndcg@10": float(m[1]), "recall@20": float(m[2])}

    def search(self, start: dict, rounds: int = 2) -> tuple[dict, dict[str, float]]:
        best = dict(start)
        best_score = self.evaluate(best)
        for _ in range(rounds):
            improved = False
            for key, values in GRID.items():
                for value in values:
                    if value == best[key]:
                        continue
                    trial = {**best, key: value}
                    if not any(trial.get(f"w_{n}") for n in (*PERSONAL_TABLES, *PRIOR_VECTORS)):
                        continue
                    s = self.evaluate(trial)
                    if s["ndcg@10"] > best_score["ndcg@10"] + 1e-6:
                        best, best_score, improved = trial, s, True
            if not improved:
                break
        return best, best_score


def _validate(data: Indexed, content: C.TopK, now: float, cfg: dict, params: dict, item_ids: np.ndarray):
    split = now - cfg["validation_days"] * DAY
    users, targets = validation_targets(data, split, now)
    had_history = np.bincount(data.u[data.t < split], minlength=data.n_users) > 0
    keep = had_history[users]
    users, targets = users[keep], [t for t, ok in zip(targets, keep.tolist(), strict=True) if ok]
    if len(users) < cfg["min_validation_users"]:
        return params, None
    cap = max(cfg["min_tuning_users"], int(cfg["max_validation_cells"] // max(1, data.n_items)))
    if len(users) > cap:
        pick = np.sort(np.random.default_rng(cfg["seed"]).choice(len(users), cap, replace=False))
        users, targets = users[pick], [targets[p] for p in pick.tolist()]
    train = data.before(split)
    fitted = fit_components(train, content, split, cfg, params)
    tuner = Tuner(fitted, train, users, targets, split, item_ids)
    chosen, blend = tuner.search(params) if cfg["tune"] else (params, tuner.evaluate(params))
    rows = [{"name": "blend", "baseline": False, **blend}]
    for name in (*PERSONAL_TABLES, *PRIOR_VECTORS):
        solo = {**chosen, **{f"w_{n}": 0.0 for n in (*PERSONAL_TABLES, *PRIOR_VECTORS)}, f"w_{name}": 1.0}
        rows.append({"name": COMPONENT_NAMES[name], "baseline": True, **tuner.evaluate(solo)})
    return chosen, {"users": int(len(users)), "window_days": cfg["validation_days"], **blend, "models": rows}


class _Clock:
    def __init__(self) -> None:
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def lap(self) -> np.ndarray:
        wall, cpu = time.perf_counter(), time.process_time()
        out = np.asarray([wall - self.wall, cpu - self.cpu])
        self.wall, self.cpu = wall, cpu
        return out


def fit(interactions: Interactions, items: Items, *, now, config: dict | None = None,
        params: dict | None = None) -> ShopModel:
    """Fit a shop's model on everything before `now`. With enough data, blend weights and
    half-lives are chosen on the last `validation_days` before `now` (components fitted on the
    data before that window), then every component is refitted on all the data."""
    cfg = {**DEFAULT_CONFIG, **(config or {})}
    now_s = float(to_epoch_seconds(np.asarray([now]))[0])
    inter = interactions.select(interactions.timestamps < now_s)
    item_ids, aligned = _universe(inter, items)
    data = index_interactions(inter, item_ids)
    start = {**DEFAULT_PARAMS, **(params or {})}

    clock = _Clock()
    content = C.content_table(aligned, cfg["k"])
    content_time = clock.lap()
    chosen, validation = _validate(data, content, now_s, cfg, start, item_ids) if cfg["validate"] else (start, None)
    validation_time = clock.lap()
    fitted = fit_components(data, content, now_s, cfg, chosen)
    final_time = clock.lap() + content_time
    meta = {
        "now": now_s,
        "n_items": int(data.n_items),
        "n_items_with_events": int(fitted.seen.sum()),
        "n_users": int(data.n_users),
        "n_interactions": int(len(data.u)),
        "n_baskets": 0 if data.basket is None else int(len(np.unique(data.basket))),
        "fit_seconds": float(round(validation_time[0] + final_time[0], 3)),
        "fit_seconds_validation": float(round(validation_time[0], 3)),
        "fit_seconds_final": float(round(final_time[0], 3)),
        # CPU seconds of this process: what the fit costs whatever else the machine is doing
        "fit_cpu_seconds_validation": float(round(validation_time[1], 3)),
        "fit_cpu_seconds_final": float(round(final_time[1], 3)),
        "validation": validation,
        "params": chosen,
        "config": {k: cfg[k] for k in ("k", "ease_lambda", "ease_max_items", "ease_half_life_days", "knn_shrink",
                                        "copurchase_shrink")},
    }
    # serving keeps only the tables the blend weighs and the widgets read
    used = {table_key(n) for n in PERSONAL_TABLES if chosen.get(f"w_{n}")} | set(WIDGET_TABLES)
    tables = {name: table for name, table in fitted.tables.items() if name in used}
    return ShopModel(item_ids=item_ids, tables=tables, vectors=fitted.vectors, params=chosen, meta=meta)
