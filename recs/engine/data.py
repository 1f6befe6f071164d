"""Plain-array inputs of the engine, checked and indexed once."""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp

DAY = 86400.0


def to_epoch_seconds(values) -> np.ndarray:
    """datetime64 (any unit), datetimes or numbers of seconds to float64 epoch seconds."""
    arr = np.asarray(values)
    if np.issubdtype(arr.dtype, np.datetime64):
        return arr.astype("datetime64[us]").astype(np.int64).astype(np.float64) / 1e6
    if arr.dtype == object and arr.size and hasattr(arr.flat[0], "timestamp"):
        return np.asarray([v.timestamp() for v in arr.ravel()], dtype=np.float64).reshape(arr.shape)
    return arr.astype(np.float64)


@dataclass
class Interactions:
    """One row per event: who, what, when; optionally in which basket and how much."""

    users: np.ndarray
    items: np.ndarray
    timestamps: np.ndarray  # float64 epoch seconds
    baskets: np.ndarray | None = None
    weights: np.ndarray | None = None

    @classmethod
    def build(cls, users, items, timestamps, baskets=None, weights=None) -> Interactions:
        users = np.asarray(users)
        items = np.asarray(items)
        stamps = to_epoch_seconds(timestamps)
        n = len(users)
        if len(items) != n or len(stamps) != n:
            raise ValueError("users, items and timestamps must have the same length")
        if baskets is not None:
            baskets = np.asarray(baskets)
            if len(baskets) != n:
                raise ValueError("baskets must have one entry per interaction")
        if weights is not None:
            weights = np.asarray(weights, dtype=np.float64)
            if len(weights) != n:
                raise ValueError("weights must have one entry per interaction")
        if n and not np.all(np.isfinite(stamps)):
            raise ValueError("timestamps must be finite")
        return cls(users=users, items=items, timestamps=stamps, baskets=baskets, weights=weights)

    def __len__(self) -> int:
        return len(self.users)

    def select(self, mask: np.ndarray) -> Interactions:
        return Interactions(
            users=self.users[mask],
            items=self.items[mask],
            timestamps=self.timestamps[mask],
            baskets=None if self.baskets is None else self.baskets[mask],
            weights=None if self.weights is None else self.weights[mask],
        )


@dataclass
class Items:
    ids: np.ndarray
    titles: list[str] = field(default_factory=list)
    descriptions: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)

    @classmethod
    def build(cls, ids, titles=None, descriptions=None, categories=None) -> Items:
        ids = np.asarray(ids)
        n = len(ids)

        def col(values):
            if values is None:
                return [""] * n
            values = ["" if v is None else str(v) for v in values]
            if len(values) != n:
                raise ValueError("item columns must have one entry per item")
            return values

        return cls(ids=ids, titles=col(titles), descriptions=col(descriptions), categories=col(categories))

    def texts(self) -> list[str]:
        return [f"{t} {d}" for t, d in zip(self.titles, self.descriptions, strict=True)]


@dataclass
class Indexed:
    """Interactions mapped onto item indices 0..n_items-1 and user indices 0..n_users-1."""

    item_ids: np.ndarray
    user_ids: np.ndarray
    u: np.ndarray
    i: np.ndarray
    t: np.ndarray
    w: np.ndarray
    basket: np.ndarray | None  # int codes

    @property
    def n_items(self) -> int:
        return len(self.item_ids)

    @property
    def n_users(self) -> int:
        return len(self.user_ids)

    def before(self, split: float) -> Indexed:
        sel = self.t < split
        return Indexed(self.item_ids, self.user_ids, self.u[sel], self.i[sel], self.t[sel], self.w[sel],
                       None if self.basket is None else self.basket[sel])

    def user_item(self, now: float | None = None, half_life_days: float | None = None) -> sp.csr_matrix:
        """Users × items, each cell the strongest event weight of the pair (1 for a purchase),
        optionally halved every `half_life_days` before `now` since the pair's latest event."""
        key = self.u * self.n_items + self.i
        order = np.lexsort((self.w, key))
        last = np.r_[key[order][1:] != key[order][:-1], True] if len(key) else np.zeros(0, bool)
        sel = order[last]
        values = self.w[sel].astype(np.float64)
        if half_life_days and now is not None and len(key):
            by_time = np.lexsort((self.t, key))
            latest = self.t[by_time][np.r_[key[by_time][1:] != key[by_time][:-1], True]]
            values = values * np.exp2(-np.maximum(now - latest, 0.0) / (half_life_days * DAY))
        return sp.csr_matrix(
            (values.astype(np.float32), (self.u[sel], self.i[sel])),
            shape=(self.n_users, self.n_items), dtype=np.float32,
        )


def index_interactions(inter: Interactions, item_ids: np.ndarray) -> Indexed:
    """Map onto the given item universe; events on unknown items are dropped."""
    pos = {str(v): k for k, v in enumerate(item_ids.tolist())}
    ii = np.fromiter((pos.get(str(v), -1) for v in inter.items.tolist()), dtype=np.int64, count=len(inter))
    keep = ii >= 0
    users = np.asarray([str(v) for v in inter.users[keep].tolist()], dtype=str)
    if len(users):
        user_ids, u = np.unique(users, return_inverse=True)
    else:
        user_ids, u = np.array([], dtype=str), np.zeros(0, np.int64)
    basket = None
    if inter.baskets is not None:
        names = np.asarray([str(v) for v in inter.baskets[keep].tolist()], dtype=str)
        _, basket = np.unique(names, return_inverse=True)
    w = np.ones(int(keep.sum())) if inter.weights is None else np.maximum(inter.weights[keep], 0.0)
    return Indexed(
        item_ids=item_ids, user_ids=user_ids, u=u.astype(np.int64), i=ii[keep],
        t=inter.timestamps[keep], w=w, basket=basket,
    )
