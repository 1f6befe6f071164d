"""Ranking metrics of the evaluation protocol (binary relevance, full-catalogue ranking)."""
from __future__ import annotations

import numpy as np

_DISCOUNT = 1.0 / np.log2(np.arange(2, 102))


def user_metrics(ranked: np.ndarray, targets: set[int] | np.ndarray) -> tuple[float, float, float]:
    """HR@10, NDCG@10 (ideal DCG over min(10, |targets|)) and Recall@20 (hits / min(20, |targets|))."""
    targets = set(np.asarray(list(targets)).tolist()) if not isinstance(targets, set) else targets
    if not targets:
        return 0.0, 0.0, 0.0
    hits = np.fromiter((int(x) in targets for x in ranked[:20]), dtype=bool, count=min(20, len(ranked)))
    top10 = hits[:10]
    dcg = float((_DISCOUNT[: len(top10)] * top10).sum())
    idcg = float(_DISCOUNT[: min(10, len(targets))].sum())
    return float(top10.any()), dcg / idcg, float(hits.sum()) / min(20, len(targets))


def topn_rows(scores: np.ndarray, n: int) -> np.ndarray:
    """Indices of each row's n best scores, best first (-inf entries are never candidates
    unless a row has fewer than n finite scores; callers drop those)."""
    n = min(n, scores.shape[1])
    part = np.argpartition(-scores, n - 1, axis=1)[:, :n]
    vals = np.take_along_axis(scores, part, axis=1)
    order = np.argsort(-vals, axis=1, kind="stable")
    return np.take_along_axis(part, order, axis=1)


def batch_metrics(scores: np.ndarray, targets: list[set[int]]) -> np.ndarray:
    """Per-user (hr@10, ndcg@10, recall@20) rows for a dense users × items score block."""
    top = topn_rows(scores, 20)
    ok = np.isfinite(np.take_along_axis(scores, top, axis=1))
    out = np.zeros((len(targets), 3))
    for r, tgt in enumerate(targets):
        out[r] = user_metrics(top[r][ok[r]], tgt)
    return out
