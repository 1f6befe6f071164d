"""Recommendation engine figures: fit time (validation and final, one BLAS thread) on a
10,000-product, 500,000-event shop, serving latency from the top-k tables, memory per model,
and `evaluate_recs` end to end on 100,000 products and 2,000,000 interactions.

    .venv/bin/python infra/bench/recs_bench.py            # fit + serving (a few minutes)
    .venv/bin/python infra/bench/recs_bench.py --scale    # also the 100k/2M evaluate_recs run

The data are synthetic (taste clusters, Zipf popularity, baskets, a year of timestamps), made
here with a fixed seed; no database is used."""
from __future__ import annotations

import argparse
import csv
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))

from threadpoolctl import threadpool_info, threadpool_limits  # noqa: E402

from recs import engine  # noqa: E402
from recs.engine.data import DAY  # noqa: E402

VOCAB = [
    "heart", "lantern", "bunting", "mug", "teapot", "candle", "retrospot", "vintage", "glass", "enamel",
    "garland", "ceramic", "cushion", "linen", "wicker", "wooden", "star", "christmas", "tree", "bird", "owl",
    "paisley", "polkadot", "regency", "rose", "doily", "jar", "tin", "box", "bag", "cake", "stand", "frame",
    "clock", "sign", "tray", "bottle", "cup", "plate", "bowl", "spoon", "napkin", "ribbon", "gift", "wrap",
    "card", "kit", "set",
]
END = 1_733_000_000.0  # the synthetic history ends here


def synthetic_shop(n_items: int, n_events: int, n_users: int, seed: int = 7):
    rng = np.random.default_rng(seed)
    n_clusters = max(10, n_items // 200)
    item_cluster = rng.integers(0, n_clusters, n_items)
    order = np.argsort(item_cluster, kind="stable")  # items grouped by cluster
    weight = 1.0 / (rng.permutation(n_items) + 20.0) ** 0.9  # Zipf-like popularity
    launch = END - rng.uniform(0, 400, n_items) * DAY  # some products are new
    counts = np.bincount(item_cluster, minlength=n_clusters)
    offsets = np.r_[0, np.cumsum(counts)]
    cdf = np.empty(n_items)
    for c in range(n_clusters):
        w = weight[order[offsets[c]:offsets[c + 1]]]
        cdf[offsets[c]:offsets[c + 1]] = c + np.cumsum(w) / w.sum()
    global_cdf = np.cumsum(weight) / weight.sum()

    user_cluster = rng.integers(0, n_clusters, n_users)
    activity = rng.lognormal(0, 1.0, n_users)
    n_baskets = n_events // 4
    b_user = rng.choice(n_users, n_baskets, p=activity / activity.sum())
    b_time = END - 365 * DAY * (1.0 - rng.power(1.3, n_baskets))  # busier towards the end
    sizes = 1 + rng.poisson(3.0, n_baskets)
    row_basket = np.repeat(np.arange(n_baskets), sizes)[:n_events]
    row_user = b_user[row_basket]
    own = rng.random(len(row_basket)) < 0.8
    pick = np.empty(len(row_basket), np.int64)
    x = user_cluster[row_user[own]] + rng.random(int(own.sum()))
    pick[own] = order[np.minimum(np.searchsorted(cdf, x), n_items - 1)]
    pick[~own] = np.minimum(np.searchsorted(global_cdf, rng.random(int((~own).sum()))), n_items - 1)
    stamps = np.maximum(b_time[row_basket], launch[pick] + 60.0)
    inter = engine.Interactions.build(users=row_user, items=pick, timestamps=stamps, baskets=row_basket)
    # a cluster's own words (from a few thousand made-up ones) plus a common product word
    words = np.asarray(VOCAB)
    cluster_words = rng.integers(0, 3000, (n_clusters, 2))
    common = rng.integers(0, len(VOCAB), n_items)
    titles = [f"w{cluster_words[c, 0]} w{cluster_words[c, 1]} {words[common[i]]} item{i}"
              for i, c in enumerate(item_cluster.tolist())]
    items = engine.Items.build(ids=np.arange(n_items), titles=titles, categories=[f"c{c}" for c in item_cluster])
    return inter, items


def bench_fit_and_serve(n_items: int, n_events: int, n_users: int) -> None:
    print(f"== shop of {n_items:,} products, {n_events:,} events, {n_users:,} users (synthetic)")
    t0 = time.perf_counter()
    inter, items = synthetic_shop(n_items, n_events, n_users)
    print(f"generated in {time.perf_counter() - t0:.1f} s")
    with threadpool_limits(1):
        blas = [(i["internal_api"], i.get("architecture"), i["num_threads"]) for i in threadpool_info()]
        print(f"BLAS (limited): {blas}")
        t0 = time.perf_counter()
        model = engine.fit(inter, items, now=END)
        total = time.perf_counter() - t0
    meta = model.meta
    tuned_on = meta["validation"]["users"] if meta["validation"] else 0
    print(f"fit on one BLAS thread: final fit {meta['fit_seconds_final']:.1f} s wall "
          f"({meta['fit_cpu_seconds_final']:.1f} s CPU), validation fit {meta['fit_seconds_validation']:.1f} s wall "
          f"({meta['fit_cpu_seconds_validation']:.1f} s CPU, tuning on {tuned_on} users); total wall {total:.1f} s; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"validation NDCG@10 {meta['validation']['ndcg@10']:.4f}" if meta["validation"] else "no validation")
    payload = model.to_bytes()
    print(f"model memory (nbytes): {model.nbytes / 2**20:.1f} MiB; stored bytes {len(payload) / 2**20:.1f} MiB; "
          f"tables {sorted(model.tables)} with k={next(iter(model.tables.values())).k}")
    model = engine.ShopModel.from_bytes(payload)

    rng = np.random.default_rng(1)
    order = np.lexsort((inter.timestamps, inter.users))
    users_sorted = inter.users[order]
    starts = np.r_[0, np.flatnonzero(users_sorted[1:] != users_sorted[:-1]) + 1, len(order)]
    picks = rng.choice(len(starts) - 1, 2000, replace=True)
    histories = []
    for p in picks.tolist():
        rows = order[starts[p]:starts[p + 1]][-50:]  # the last 50 events, as the serving side reads
        histories.append(list(zip(inter.items[rows].tolist(), inter.timestamps[rows].tolist(), strict=True)))
    engine.recommend_for_user(model, histories[0], END, k=10)  # builds the id index once per loaded model
    lat = []
    for hist in histories:
        t = time.perf_counter_ns()
        engine.recommend_for_user(model, hist, END, k=10)
        lat.append(time.perf_counter_ns() - t)
    lat_ms = np.asarray(lat) / 1e6
    mean_len = np.mean([len(h) for h in histories])
    print(f"recommend_for_user top-10 ({len(lat)} calls, histories of {mean_len:.0f} events): "
          f"p50 {np.percentile(lat_ms, 50):.2f} ms, p99 {np.percentile(lat_ms, 99):.2f} ms")
    lat = []
    for item in rng.choice(n_items, 2000).tolist():
        t = time.perf_counter_ns()
        engine.similar(model, str(item), k=10)
        lat.append(time.perf_counter_ns() - t)
    lat_ms = np.asarray(lat) / 1e6
    print(f"similar top-10: p50 {np.percentile(lat_ms, 50):.3f} ms, p99 {np.percentile(lat_ms, 99):.3f} ms")


def write_csvs(inter, items, folder: Path) -> tuple[Path, Path]:
    from datetime import UTC, datetime

    ipath, tpath = folder / "interactions.csv", folder / "items.csv"
    with open(ipath, "w", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["user_id", "item_id", "timestamp", "basket_id"])
        for u, i, t, b in zip(inter.users.tolist(), inter.items.tolist(), inter.timestamps.tolist(),
                              inter.baskets.tolist(), strict=True):
            out.writerow([u, i, datetime.fromtimestamp(int(t), tz=UTC).strftime("%Y-%m-%dT%H:%M:%S"), b])
    with open(tpath, "w", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["item_id", "title", "description", "category"])
        for i, title, cat in zip(items.ids.tolist(), items.titles, items.categories, strict=True):
            out.writerow([i, title, "", cat])
    return ipath, tpath


def bench_scale(n_items: int, n_events: int, n_users: int) -> None:
    print(f"== evaluate_recs on {n_items:,} products, {n_events:,} interactions, {n_users:,} users (synthetic)")
    inter, items = synthetic_shop(n_items, n_events, n_users, seed=11)
    with tempfile.TemporaryDirectory() as tmp:
        ipath, tpath = write_csvs(inter, items, Path(tmp))
        del inter, items
        cmd = [sys.executable, str(ROOT / "manage.py"), "evaluate_recs", "--interactions", str(ipath),
               "--items", str(tpath), "--json", str(Path(tmp) / "out.json"), "-v", "2"]
        t0 = time.perf_counter()
        result = subprocess.run(cmd, cwd=ROOT, env={**os.environ, "DJANGO_SETTINGS_MODULE": "saas.settings.base"})
        wall = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 2**20
    print(f"evaluate_recs exit {result.returncode}: {wall / 60:.1f} min wall, peak memory {peak:.2f} GiB "
          f"({os.cpu_count()} cores)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", action="store_true", help="also run evaluate_recs on 100k products / 2M events")
    parser.add_argument("--scale-only", action="store_true")
    args = parser.parse_args()
    if not args.scale_only:
        bench_fit_and_serve(10_000, 500_000, 50_000)
    if args.scale or args.scale_only:
        bench_scale(100_000, 2_000_000, 200_000)


if __name__ == "__main__":
    main()
