"""The signals the shop's model blends. Each returns either a per-item vector or a pruned
item-to-item table (for every item, its k best neighbours and their scores)."""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import scipy.linalg.lapack as lapack
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from .data import DAY, Indexed, Items


@dataclass
class TopK:
    """Row i lists item i's neighbours (index -1 pads a short row) with descending scores."""

    idx: np.ndarray  # int32 (n_items, k)
    score: np.ndarray  # float32 (n_items, k)

    @property
    def k(self) -> int:
        return self.idx.shape[1]

    @classmethod
    def empty(cls, n_items: int, k: int) -> TopK:
        return cls(np.full((n_items, k), -1, np.int32), np.zeros((n_items, k), np.float32))

    def as_sparse(self) -> sp.csr_matrix:
        n = self.idx.shape[0]
        rows = np.repeat(np.arange(n), self.k)
        cols = self.idx.ravel()
        keep = cols >= 0
        return sp.csr_matrix(
            (self.score.ravel()[keep], (rows[keep], cols[keep])), shape=(n, n), dtype=np.float32
        )

    def row(self, i: int) -> tuple[np.ndarray, np.ndarray]:
        idx = self.idx[i]
        keep = idx >= 0
        return idx[keep], self.score[i][keep]


def decay(age_seconds: np.ndarray, half_life_days: float | None) -> np.ndarray:
    if not half_life_days:
        return np.ones_like(np.asarray(age_seconds, dtype=np.float64))
    age = np.maximum(np.asarray(age_seconds, dtype=np.float64), 0.0)
    return np.exp2(-age / (half_life_days * DAY))


def topk_dense_rows(block: np.ndarray, k: int, row_offset: int = 0, min_score: float = 0.0) -> TopK:
    """Top-k of each row of a dense block (the row's own item, at row_offset + r, excluded)."""
    n_rows, n_cols = block.shape
    block = block.astype(np.float32, copy=True)
    rows = np.arange(n_rows)
    own = rows + row_offset
    inside = own < n_cols
    block[rows[inside], own[inside]] = -np.inf
    kk = min(k, n_cols)
    part = np.argpartition(-block, kk - 1, axis=1)[:, :kk] if kk < n_cols else np.tile(np.arange(n_cols), (n_rows, 1))
    vals = np.take_along_axis(block, part, axis=1)
    order = np.argsort(-vals, axis=1, kind="stable")
    idx = np.take_along_axis(part, order, axis=1).astype(np.int32)
    vals = np.take_along_axis(vals, order, axis=1)
    bad = ~(vals > min_score)
    idx[bad] = -1
    vals[bad] = 0.0
    out = TopK.empty(n_rows, k)
    out.idx[:, :kk] = idx
    out.score[:, :kk] = vals
    return out


def topk_sparse_rows(m: sp.csr_matrix, k: int, min_score: float = 0.0) -> TopK:
    """Top-k of each row of a sparse square matrix, the diagonal excluded."""
    m = m.tocsr()
    m.setdiag(0)
    m.eliminate_zeros()
    n = m.shape[0]
    out = TopK.empty(n, k)
    indptr, indices, data = m.indptr, m.indices, m.data
    for r in range(n):
        a, b = indptr[r], indptr[r + 1]
        if a == b:
            continue
        vals = data[a:b]
        cols = indices[a:b]
        if b - a > k:
            sel = np.argpartition(-vals, k - 1)[:k]
            vals, cols = vals[sel], cols[sel]
        order = np.argsort(-vals, kind="stable")
        vals, cols = vals[order], cols[order]
        good = vals > min_score
        n_good = int(good.sum())
        out.idx[r, :n_good] = cols[good]
        out.score[r, :n_good] = vals[good]
    return out


def _topk_entries(r: np.ndarray, c: np.ndarray, v: np.ndarray, n_rows: int, k: int, out: TopK, offset: int) -> None:
    """Write each row's k best (col, value) entries, given unsorted COO entries of a chunk."""
    order = np.lexsort((c, -v, r))
    r, c, v = r[order], c[order], v[order]
    rank = np.arange(len(r)) - np.searchsorted(r, np.arange(n_rows))[r]
    sel = rank < k
    out.idx[r[sel] + offset, rank[sel]] = c[sel]
    out.score[r[sel] + offset, rank[sel]] = v[sel]


def sparse_product_topk(left: sp.csr_matrix, right: sp.csc_matrix | sp.csr_matrix, k: int,
                        scale=None, cells_per_chunk: int = 50_000_000) -> TopK:
    """Top-k of each row of left @ right (a square item × item product, the diagonal excluded),
    a chunk of rows at a time so the full product is never held. `scale(values, rows, cols)`
    may rescale the entries (e.g. cosine denominators); only positive results are kept."""
    n, n_cols = left.shape[0], right.shape[1]
    out = TopK.empty(n, k)
    chunk = max(16, min(4096, cells_per_chunk // max(1, n_cols)))
    for start in range(0, n, chunk):
        stop = min(n, start + chunk)
        product = left[start:stop] @ right
        if product.nnz > 0.1 * (stop - start) * n_cols:  # dense enough: rank a dense block
            dense = product.toarray()
            if scale is not None:
                dense = scale(dense, np.arange(start, stop)[:, None], np.arange(n_cols)[None, :])
            part = topk_dense_rows(dense, k, row_offset=start)
            out.idx[start:stop], out.score[start:stop] = part.idx, part.score
            continue
        block = product.tocoo()
        r, c, v = block.row.astype(np.int64), block.col.astype(np.int64), block.data.astype(np.float32)
        if scale is not None:
            v = np.asarray(scale(v, r + start, c), dtype=np.float32)
        keep = (c != r + start) & (v > 0)
        _topk_entries(r[keep], c[keep], v[keep], stop - start, k, out, start)
    return out


# --- per-item vectors -------------------------------------------------------------------------


def popularity(data: Indexed, now: float, half_life_days: float | None = None,
               window_days: float | None = None) -> np.ndarray:
    """Distinct buyers per item, each weighted by how recent their last interaction was."""
    if not len(data.u):
        return np.zeros(data.n_items, np.float32)
    key = data.u * data.n_items + data.i
    order = np.lexsort((data.t, key))
    last = np.r_[key[order][1:] != key[order][:-1], True]
    items = data.i[order][last]
    ages = now - data.t[order][last]
    w = decay(ages, half_life_days) * data.w[order][last]
    if window_days is not None:
        w = w * (ages < window_days * DAY)
    return np.bincount(items, weights=w, minlength=data.n_items).astype(np.float32)


def rising(data: Indexed, now: float, short_days: float = 7.0, long_days: float = 90.0,
           shrink: float = 5.0) -> np.ndarray:
    """Items selling faster lately than over the season: new arrivals and items coming into
    season (recent buyers over long-run buyers, shrunk so a single sale does not top it)."""
    recent = popularity(data, now, half_life_days=short_days)
    return (recent / (popularity(data, now, half_life_days=long_days) + shrink)).astype(np.float32)


def repeat_intervals(data: Indexed, min_repeats: int = 2) -> tuple[np.ndarray, np.ndarray]:
    """Median days between a buyer's distinct purchase days of the same item, and how many
    such gaps were seen; NaN where fewer than `min_repeats` gaps exist."""
    n = data.n_items
    if not len(data.u):
        return np.full(n, np.nan, np.float32), np.zeros(n, np.int32)
    day = np.floor(data.t / DAY).astype(np.int64)
    key = (data.u * n + data.i).astype(np.int64)
    pairs = np.unique(np.stack([key, day], axis=1), axis=0)
    same = pairs[1:, 0] == pairs[:-1, 0]
    gaps = (pairs[1:, 1] - pairs[:-1, 1])[same].astype(np.float64)
    gap_items = (pairs[1:, 0][same] % n).astype(np.int64)
    counts = np.bincount(gap_items, minlength=n).astype(np.int32)
    med = np.full(n, np.nan, np.float32)
    if len(gaps):
        order = np.lexsort((gaps, gap_items))
        gi, gv = gap_items[order], gaps[order]
        starts = np.searchsorted(gi, np.arange(n))
        for item in np.flatnonzero(counts >= min_repeats):
            s = starts[item]
            med[item] = np.median(gv[s:s + counts[item]])
    return med, counts


# --- item-to-item tables ----------------------------------------------------------------------


def ease_weights(x: sp.csr_matrix, lam: float, max_items: int) -> tuple[np.ndarray | None, np.ndarray]:
    """EASE (Steck 2019) weights B on the `max_items` items with most interactions, through a
    float32 Cholesky inverse of the Gram matrix (several times faster than a float64 inverse)."""
    counts = np.asarray((x != 0).sum(axis=0)).ravel()
    active = np.flatnonzero(counts > 0)
    if len(active) < 2:
        return None, active
    if len(active) > max_items:
        active = np.sort(active[np.argsort(-counts[active], kind="stable")[:max_items]])
    xa = x[:, active]
    gram = (xa.T @ xa).toarray().astype(np.float32)
    gram[np.diag_indices_from(gram)] += lam
    chol, info = lapack.spotrf(gram, lower=0, overwrite_a=1)
    if info != 0:
        raise np.linalg.LinAlgError(f"EASE Gram matrix is not positive definite (info={info})")
    inv, info = lapack.spotri(chol, lower=0, overwrite_c=1)
    if info != 0:
        raise np.linalg.LinAlgError(f"EASE inverse failed (info={info})")
    inv = np.triu(inv) + np.triu(inv, 1).T
    b = inv / (-np.diag(inv))[None, :]  # B = I - P diag(1/diag P); its diagonal is set to 0
    np.fill_diagonal(b, 0.0)
    return b, active


def ease_table(x: sp.csr_matrix, lam: float, k: int, max_items: int) -> TopK:
    """EASE's k largest weights per item; items outside the active set get no neighbours."""
    out = TopK.empty(x.shape[1], k)
    b, active = ease_weights(x, lam, max_items)
    if b is None:
        return out
    local = topk_dense_rows(b, k)
    out.idx[active] = np.where(local.idx >= 0, active[np.maximum(local.idx, 0)], -1).astype(np.int32)
    out.score[active] = local.score
    return out


def cosine_knn_table(x: sp.csr_matrix, k: int, shrink: float = 10.0) -> TopK:
    """Item-item cosine on the user-item matrix, shrunk towards 0 for rarely co-seen pairs."""
    xt = x.T.tocsr().astype(np.float32)
    norms = np.sqrt(np.asarray(xt.multiply(xt).sum(axis=1)).ravel()).astype(np.float32)
    xc = x.tocsc().astype(np.float32)

    def scale(values, rows, cols):
        return values / (norms[rows] * norms[cols] + shrink)

    return sparse_product_topk(xt, xc, k, scale=scale)


def content_table(items: Items, k: int, min_score: float = 0.05) -> TopK:
    """TF-IDF over title (counted twice), description and category, cosine similarity."""
    n = len(items.ids)
    if n < 2:
        return TopK.empty(n, k)
    docs = [
        f"{t} {t} {d} {c} {c}"
        for t, d, c in zip(items.titles, items.descriptions, items.categories, strict=True)
    ]
    if not any(doc.strip() for doc in docs):
        return TopK.empty(n, k)
    vec = TfidfVectorizer(sublinear_tf=True, min_df=1, ngram_range=(1, 2), token_pattern=r"(?u)\b\w\w+\b")
    try:
        m = vec.fit_transform(docs).astype(np.float32)
    except ValueError:  # every document empty after tokenising
        return TopK.empty(n, k)
    m = normalize(m).tocsr()
    table = sparse_product_topk(m, m.T.tocsc(), k)
    bad = table.score < min_score
    table.idx[bad] = -1
    table.score[bad] = 0.0
    return table


def copurchase_table(data: Indexed, k: int, shrink: float = 5.0, min_count: int = 2) -> TopK:
    """Items in the same basket: confidence P(j | i) shrunk for small counts, times a mild
    lift correction so best-sellers do not top every list."""
    n = data.n_items
    if data.basket is None or not len(data.basket):
        return TopK.empty(n, k)
    n_baskets = int(data.basket.max()) + 1
    bm = sp.csr_matrix(
        (np.ones(len(data.i), np.float32), (data.basket, data.i)), shape=(n_baskets, n), dtype=np.float32
    )
    bm.sum_duplicates()
    bm.data[:] = 1.0
    sizes = np.asarray(bm.sum(axis=1)).ravel()
    bm = bm[sizes >= 2]
    item_count = np.asarray(bm.sum(axis=0)).ravel().astype(np.float32)
    bt = bm.T.tocsr()
    bc = bm.tocsc()

    def scale(values, rows, cols):
        values = np.where(values >= min_count, values, 0.0)
        conf = values / (item_count[rows] + shrink)
        return conf / np.sqrt(item_count[cols] + shrink) * math.sqrt(shrink + 1.0)

    return sparse_product_topk(bt, bc, k, scale=scale)

