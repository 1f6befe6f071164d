"""The offline protocol: temporal split, full-catalogue ranking, targets new to the user,
the shop's model scored as served (top-k tables through recommend_for_user) beside baselines."""
from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import numpy as np
import scipy.sparse as sp

from . import components as C
from .data import DAY, Interactions, Items, index_interactions
from .fitting import fit, history_matrix, validation_targets
from .metrics import topn_rows, user_metrics
from .serving import recommend_for_user


@dataclass
class Split:
    test_start: float
    end: float
    train: Interactions
    test: Interactions


def _day_start(ts: float) -> float:
    return float(np.floor(ts / DAY) * DAY)


def temporal_split(inter: Interactions, test_days: int, until: date | None = None) -> Split:
    if until is not None:
        end = datetime(until.year, until.month, until.day, tzinfo=UTC).timestamp() + DAY
        inter = inter.select(inter.timestamps < end)
    if not len(inter):
        raise ValueError("no interactions before the cut-off")
    last_day = _day_start(float(inter.timestamps.max())) if until is None else end - DAY
    test_start = last_day - test_days * DAY
    train = inter.select(inter.timestamps < test_start)
    if not len(train):
        raise ValueError("no interactions before the test window")
    return Split(test_start, last_day + DAY, train, inter.select(inter.timestamps >= test_start))


def _restrict_items(items: Items, keep: set[str]) -> Items:
    sel = [k for k, v in enumerate(items.ids.tolist()) if str(v) in keep]
    extra = sorted(keep - {str(v) for v in items.ids.tolist()})
    return Items(
        ids=np.asarray([str(items.ids[k]) for k in sel] + extra, dtype=str),
        titles=[items.titles[k] for k in sel] + [""] * len(extra),
        descriptions=[items.descriptions[k] for k in sel] + [""] * len(extra),
        categories=[items.categories[k] for k in sel] + [""] * len(extra),
    )


def _ranker(name: str, data, hist_bin: sp.csr_matrix, now: float, cfg: dict, aux: dict):
    """A function (train user rows, banned csr) -> each user's top-20 item indices for one baseline.
    Items a baseline gives no score (no neighbour in common) are not ranked at all."""
    if name in ("most popular", "popular in the last 14 days"):
        pop = C.popularity(data, now, window_days=None if name == "most popular" else 14)
        order = np.argsort(-pop, kind="stable")
        order = order[pop[order] > 0]

        def by_popularity(rows, banned):
            out = []
            for r in range(len(rows)):
                ban = set(banned.indices[banned.indptr[r]:banned.indptr[r + 1]].tolist())
                head = order[: 20 + len(ban)]
                out.append(np.asarray([i for i in head.tolist() if i not in ban][:20], dtype=np.int64))
            return out

        return by_popularity
    if name.startswith("EASE"):
        # the full (unpruned) EASE weights on the active items
        b, active = C.ease_weights(aux["x"], cfg["ease_lambda"], cfg["ease_max_items"])

        def by_ease(rows, banned):
            if b is None:
                return [np.zeros(0, np.int64) for _ in rows]
            block = np.asarray(hist_bin[rows][:, active] @ b, dtype=np.float64)
            br, bc = banned[:, active].nonzero()
            block[br, bc] = -np.inf
            top = topn_rows(block, 20)
            ok = np.isfinite(np.take_along_axis(block, top, axis=1))
            return [active[top[r][ok[r]]] for r in range(len(rows))]

        return by_ease
    # classic item-kNN scoring: a candidate sums its similarity to the history items among its
    # own k nearest neighbours (the table's rows, transposed)
    if name == "item-kNN cosine (k=100, shrink 10)":
        table = C.cosine_knn_table(aux["x"], 100, shrink=10.0).as_sparse().T.tocsr()
    elif name == "TF-IDF content (k=100)":
        table = aux["content100"].as_sparse().T.tocsr()
    else:
        raise KeyError(name)

    def by_table(rows, banned):
        scores = (hist_bin[rows] @ table).tocsr()
        out = []
        for r in range(len(rows)):
            a, z = scores.indptr[r], scores.indptr[r + 1]
            cols, vals = scores.indices[a:z], scores.data[a:z]
            ban = banned.indices[banned.indptr[r]:banned.indptr[r + 1]]
            keep = (vals > 0) & ~np.isin(cols, ban)
            cols, vals = cols[keep], vals[keep]
            out.append(cols[np.lexsort((cols, -vals))[:20]].astype(np.int64))
        return out

    return by_table


def evaluate(interactions: Interactions, items: Items, *, test_days: int = 28, until: date | None = None,
             config: dict | None = None, n_bootstrap: int = 1000, seed: int = 0, log=None) -> dict[str, Any]:
    log = log or (lambda msg: None)
    split = temporal_split(interactions, test_days, until)
    seen_ids = {str(v) for v in split.train.items.tolist()}
    cat = _restrict_items(items, seen_ids)
    t0 = time.perf_counter()
    model = fit(split.train, cat, now=split.test_start, config={"validation_days": test_days, **(config or {})})
    fit_seconds = time.perf_counter() - t0
    log(f"shop's model fitted in {fit_seconds:.1f} s; params {model.params}")

    # targets and histories on the model's item universe
    full = index_interactions(interactions.select(interactions.timestamps < split.end), model.item_ids)
    users, targets = validation_targets(full, split.test_start, split.end)
    train = index_interactions(split.train, model.item_ids)
    n_items = len(model.item_ids)
    cfg = {"ease_lambda": 200.0, "ease_max_items": model.meta["config"]["ease_max_items"]}
    # map evaluated users onto train's user index (-1: no history)
    train_pos = {u: k for k, u in enumerate(train.user_ids.tolist())}
    users_train = np.asarray([train_pos.get(full.user_ids[u], -1) for u in users.tolist()], dtype=np.int64)
    # customers with no history before the test window are cold-start, outside this protocol
    known = users_train >= 0
    users, users_train = users[known], users_train[known]
    targets = [t for t, ok in zip(targets, known.tolist(), strict=True) if ok]
    log(f"{len(users)} users with targets in the test window")

    # shop's model, as served
    order = np.lexsort((train.t, train.u))
    su, si, st = train.u[order], train.i[order], train.t[order]
    starts = np.searchsorted(su, np.arange(train.n_users + 1))
    shop = np.zeros((len(users), 3))
    shop_top10: set[int] = set()
    index = model.index
    t0 = time.perf_counter()
    for r, u in enumerate(users_train.tolist()):
        a, b = starts[u], starts[u + 1]
        hist = list(zip(model.item_ids[si[a:b]].tolist(), st[a:b].tolist(), strict=True))
        recs = recommend_for_user(model, hist, split.test_start, k=20)
        ranked = np.asarray([index[i] for i, _, _ in recs], dtype=np.int64)
        shop[r] = user_metrics(ranked, targets[r])
        shop_top10.update(ranked[:10].tolist())
    serve_seconds = time.perf_counter() - t0
    log(f"shop's model scored {len(users)} users in {serve_seconds:.1f} s")

    # baselines, batched
    hist_users = users_train
    hist_bin_all = history_matrix(train, np.arange(train.n_users), split.test_start, None)
    aux = {"x": train.user_item(), "content100": C.content_table(cat_aligned(model, cat), 100)}
    names = ["most popular", "popular in the last 14 days", "item-kNN cosine (k=100, shrink 10)",
             "EASE (λ=200)", "TF-IDF content (k=100)"]
    results = [("shop's model (blend, served from top-k tables)", False, shop, shop_top10)]
    seen_mask = np.bincount(train.i, minlength=n_items) > 0
    unseen = sp.csr_matrix(np.ones((1, n_items)) * ~seen_mask)
    for name in names:
        t0 = time.perf_counter()
        ranker = _ranker(name, train, hist_bin_all, split.test_start, cfg, aux)
        per_user = np.zeros((len(users), 3))
        top10: set[int] = set()
        for a in range(0, len(users), 512):
            rows = hist_users[a:a + 512]
            banned = (hist_bin_all[rows] + sp.vstack([unseen] * len(rows))).tocsr()
            for r, ranked in enumerate(ranker(rows, banned)):
                per_user[a + r] = user_metrics(ranked, targets[a + r])
                top10.update(ranked[:10].tolist())
        results.append((name, True, per_user, top10))
        log(f"{name}: {time.perf_counter() - t0:.1f} s")

    rng = np.random.default_rng(seed)
    # the same resampled users for every baseline (paired), drawn a block at a time
    samples = [rng.integers(0, len(users), size=(min(100, n_bootstrap - s), len(users)))
               for s in range(0, n_bootstrap if len(users) else 0, 100)]
    out_models = []
    n_candidates = int(seen_mask.sum())
    for name, is_baseline, per_user, top10 in results:
        diff = shop[:, 1] - per_user[:, 1]
        if len(users) and is_baseline:
            means = np.concatenate([diff[block].mean(axis=1) for block in samples])
            ci = [float(np.percentile(means, 2.5)), float(np.percentile(means, 97.5))]
        else:
            ci = [0.0, 0.0]
        mean = per_user.mean(axis=0) if len(users) else np.zeros(3)
        out_models.append({
            "name": name, "baseline": is_baseline,
            "hr@10": round(float(mean[0]), 4), "ndcg@10": round(float(mean[1]), 4),
            "recall@20": round(float(mean[2]), 4),
            "coverage": round(len(top10) / max(1, n_candidates), 4),
            "ndcg@10_diff_ci": [round(ci[0], 4), round(ci[1], 4)],
        })
    return {
        "users": int(len(users)),
        "test_start": datetime.fromtimestamp(split.test_start, tz=UTC).date().isoformat(),
        "test_end": datetime.fromtimestamp(split.end - 1, tz=UTC).date().isoformat(),
        "train_interactions": int(len(split.train)),
        "items": n_candidates,
        "fit_seconds": {"validation": model.meta["fit_seconds_validation"], "final": model.meta["fit_seconds_final"]},
        "params": model.params,
        "validation": model.meta["validation"],
        "models": out_models,
    }


def cat_aligned(model, cat: Items) -> Items:
    pos = {str(v): k for k, v in enumerate(cat.ids.tolist())}
    def col(values):
        return [values[pos[i]] if i in pos else "" for i in model.item_ids.tolist()]
    return Items(ids=model.item_ids, titles=col(cat.titles), descriptions=col(cat.descriptions),
                 categories=col(cat.categories))


def format_table(report: dict) -> str:
    head = f"{'model':<48} {'HR@10':>6} {'NDCG@10':>8} {'Rec@20':>7} {'cover':>6}  NDCG@10 diff 95% CI"
    title = f"test {report['test_start']}..{report['test_end']}, {report['users']} users, {report['items']} items"
    lines = [title, head]
    for m in report["models"]:
        ci = "—" if not m["baseline"] else f"[{m['ndcg@10_diff_ci'][0]:+.4f}, {m['ndcg@10_diff_ci'][1]:+.4f}]"
        lines.append(f"{m['name']:<48} {m['hr@10']:>6.3f} {m['ndcg@10']:>8.4f} {m['recall@20']:>7.3f} "
                     f"{m['coverage']:>6.3f}  {ci}")
    return "\n".join(lines)


__all__ = ["evaluate", "format_table", "temporal_split"]
