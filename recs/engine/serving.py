"""Answers from a fitted ShopModel. Everything here reads the pruned top-k tables and
per-item vectors only, so a request costs O(history × k + items)."""
from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import scipy.sparse as sp

from .components import decay
from .data import DAY, to_epoch_seconds
from .model import PERSONAL_TABLES, ShopModel, table_key

Recommendation = tuple[str, float, str | None]


def _epoch(value) -> float:
    return float(to_epoch_seconds(np.asarray([value]))[0])


def _history_weights(model: ShopModel, history: Iterable[tuple], now: float) -> tuple[np.ndarray, np.ndarray]:
    """Distinct known history items and the decayed weight of each one's latest event."""
    index = model.index
    latest: dict[int, float] = {}
    for entry in history:
        item, stamp = entry[0], entry[1]
        pos = index.get(str(item))
        if pos is None:
            continue
        ts = _epoch(stamp)
        if ts > latest.get(pos, -np.inf):
            latest[pos] = ts
    if not latest:
        return np.zeros(0, np.int64), np.zeros(0, np.float64)
    items = np.fromiter(latest.keys(), dtype=np.int64, count=len(latest))
    stamps = np.fromiter(latest.values(), dtype=np.float64, count=len(latest))
    return items, decay(now - stamps, model.params.get("history_half_life_days"))


def _mask_positions(model: ShopModel, ids: Iterable[str]) -> np.ndarray:
    index = model.index
    return np.fromiter((index[i] for i in map(str, ids) if i in index), dtype=np.int64)


def _top(scores: np.ndarray, k: int) -> np.ndarray:
    valid = np.flatnonzero(np.isfinite(scores))
    if not len(valid) or k <= 0:
        return np.zeros(0, np.int64)
    if len(valid) > k:
        part = np.argpartition(-scores[valid], k - 1)[:k]
        valid = valid[part]
    # ties broken by item position so answers are deterministic
    return valid[np.lexsort((valid, -scores[valid]))]


def prior(model: ShopModel) -> np.ndarray:
    """The user-independent part of the blend: recent and long-run popularity."""
    p = model.params
    out = np.zeros(model.n_items, np.float64)
    for name in ("trending", "popularity", "rising"):
        vec = model.vectors.get(name)
        weight = p.get(f"w_{name}", 0.0)
        if vec is not None and weight and vec.max() > 0:
            out += weight * (vec / vec.max())
    return out


def recommend_for_user(model: ShopModel, history: Sequence[tuple], now, k: int = 10,
                       exclude: Iterable[str] = (), exclude_history: bool = True) -> list[Recommendation]:
    """Top-k items for someone whose history is [(item_id, timestamp), ...], newest or not.

    Returns (item_id, score, reason_item_id): the reason is the history item that contributed
    most, or None when the item is there on popularity alone (e.g. an empty history)."""
    now_s = _epoch(now)
    h_items, h_w = _history_weights(model, history, now_s)
    scores = prior(model)
    contrib_cols: list[np.ndarray] = []
    contrib_rows: list[np.ndarray] = []
    contrib_vals: list[np.ndarray] = []
    if len(h_items):
        for name in PERSONAL_TABLES:
            weight = model.params.get(f"w_{name}", 0.0)
            table = model.tables.get(table_key(name))
            if not weight or table is None:
                continue
            cols = table.idx[h_items]
            vals = table.score[h_items] * h_w[:, None]
            ok = cols >= 0
            cols, vals = cols[ok], vals[ok]
            if not len(cols):
                continue
            raw = np.bincount(cols, weights=vals, minlength=model.n_items)
            top = raw.max()
            if top <= 0:
                continue
            scores += (weight / top) * raw
            contrib_cols.append(cols)
            contrib_rows.append(np.broadcast_to(np.arange(len(h_items))[:, None], ok.shape)[ok])
            contrib_vals.append(vals * (weight / top))
        if exclude_history:
            scores[h_items] = -np.inf
    drop = _mask_positions(model, exclude)
    if len(drop):
        scores[drop] = -np.inf
    chosen = _top(scores, k)
    reasons: dict[int, str] = {}
    if contrib_cols and len(chosen):
        cols = np.concatenate(contrib_cols)
        rows = np.concatenate(contrib_rows)
        vals = np.concatenate(contrib_vals)
        sel = np.isin(cols, chosen)
        cols, rows, vals = cols[sel], rows[sel], vals[sel]
        if len(cols):
            key = cols * len(h_items) + rows
            uniq, inv = np.unique(key, return_inverse=True)
            summed = np.bincount(inv, weights=vals)
            ucol, urow = uniq // len(h_items), uniq % len(h_items)
            order = np.lexsort((-summed, ucol))
            first = np.r_[True, ucol[order][1:] != ucol[order][:-1]]
            for col, row in zip(ucol[order][first], urow[order][first], strict=True):
                reasons[int(col)] = str(model.item_ids[h_items[row]])
    return [(str(model.item_ids[j]), float(scores[j]), reasons.get(int(j))) for j in chosen]


def score_users_batch(model: ShopModel, hist: sp.csr_matrix) -> np.ndarray:
    """Dense blend scores for a batch of users whose decayed history weights are rows of
    `hist` (users × items) — the same formula as recommend_for_user, for evaluation/tuning."""
    out = np.tile(prior(model), (hist.shape[0], 1))
    for name in PERSONAL_TABLES:
        weight = model.params.get(f"w_{name}", 0.0)
        table = model.tables.get(table_key(name))
        if not weight or table is None:
            continue
        raw = (hist @ table.as_sparse()).toarray()
        top = raw.max(axis=1, keepdims=True)
        np.divide(raw, top, out=raw, where=top > 0)
        out += weight * raw
    return out


def _neighbours(model: ShopModel, table_name: str, item_id: str, k: int,
                exclude: Iterable[str]) -> list[tuple[str, float]]:
    table = model.tables.get(table_name)
    pos = model.index.get(str(item_id))
    if table is None or pos is None:
        return []
    banned = set(map(str, exclude)) | {str(item_id)}
    out = []
    for j, s in zip(*table.row(pos), strict=True):
        ident = str(model.item_ids[j])
        if ident not in banned:
            out.append((ident, float(s)))
            if len(out) >= k:
                break
    return out


def similar_items(model: ShopModel, item_id: str, k: int = 10, exclude: Iterable[str] = ()) -> list[tuple[str, float]]:
    """Items like this one: content and collaborative neighbours blended (works for a new product
    through its text alone)."""
    return _neighbours(model, "similar", item_id, k, exclude)


similar = similar_items


def bought_together(model: ShopModel, item_id: str, k: int = 10,
                    exclude: Iterable[str] = ()) -> list[tuple[str, float]]:
    """Items often in the same basket, scored by shrunk confidence (0..1)."""
    return _neighbours(model, "bought_together", item_id, k, exclude)


def complete_basket(model: ShopModel, cart: Sequence[str], k: int = 10,
                    exclude: Iterable[str] = ()) -> list[Recommendation]:
    """"Complete your order": co-purchase neighbours summed over the cart, reason = cart item."""
    table = model.tables.get("bought_together")
    index = model.index
    rows = [index[c] for c in map(str, cart) if c in index]
    if table is None or not rows:
        return []
    cols = table.idx[rows]
    vals = table.score[rows]
    ok = cols >= 0
    if not ok.any():
        return []
    scores = np.bincount(cols[ok], weights=vals[ok], minlength=model.n_items).astype(np.float64)
    scores[scores <= 0] = -np.inf
    scores[rows] = -np.inf
    drop = _mask_positions(model, exclude)
    if len(drop):
        scores[drop] = -np.inf
    out: list[Recommendation] = []
    for j in _top(scores, k):
        contributors = np.where(cols == j, vals, 0).sum(axis=1)
        out.append((str(model.item_ids[j]), float(scores[j]), str(model.item_ids[rows[int(np.argmax(contributors))]])))
    return out


def trending(model: ShopModel, k: int = 10, exclude: Iterable[str] = ()) -> list[tuple[str, float]]:
    vec = model.vectors.get("trending")
    if vec is None:
        return []
    scores = vec.astype(np.float64)
    scores[scores <= 0] = -np.inf
    drop = _mask_positions(model, exclude)
    if len(drop):
        scores[drop] = -np.inf
    return [(str(model.item_ids[j]), float(scores[j])) for j in _top(scores, k)]


def buy_again(model: ShopModel, history: Sequence[tuple], now, k: int = 10,
              exclude: Iterable[str] = ()) -> list[tuple[str, float, float]]:
    """Items this person bought before that people re-buy, ranked by how due they are.

    Returns (item_id, score, due_in_days): due_in_days < 0 means overdue. Score is highest at
    the usual interval (the item's median re-purchase gap, or this person's own if they bought
    it at least three times) and falls off on either side; items bought once by everyone
    (no re-purchase interval) are not returned."""
    now_s = _epoch(now)
    index = model.index
    per_item: dict[int, list[float]] = {}
    for entry in history:
        pos = index.get(str(entry[0]))
        if pos is not None:
            per_item.setdefault(pos, []).append(_epoch(entry[1]))
    banned = set(map(str, exclude))
    med = model.vectors.get("repeat_days")
    count = model.vectors.get("repeat_count")
    if med is None or count is None:
        return []
    rows = []
    for pos, stamps in per_item.items():
        ident = str(model.item_ids[pos])
        days = sorted({int(s // DAY) for s in stamps})
        own = np.median(np.diff(days)) if len(days) >= 3 else np.nan
        interval = float(own) if np.isfinite(own) else float(med[pos])
        if ident in banned or not np.isfinite(interval) or interval <= 0:
            continue
        last = max(stamps)
        elapsed = (now_s - last) / DAY
        due_in = interval - elapsed
        # 1 at the usual interval, halves per interval early or late; repeat buyers weigh in
        closeness = np.exp2(-abs(elapsed - interval) / interval)
        support = 1.0 - 1.0 / (1.0 + float(count[pos]))
        rows.append((ident, float(closeness * support * (1.0 + 0.1 * (len(days) - 1))), float(due_in)))
    rows.sort(key=lambda r: (-r[1], r[0]))
    return rows[:k]
