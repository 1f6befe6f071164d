"""Relevance of the storefront search, measured over a labelled query set (queries.json) of the
demo catalogue: each query names its best products (grade 2) and acceptable ones (grade 1);
any other product in the top ten counts against it.

precision@10 is the share of what the shopper sees in the first ten that is relevant (a query
that should find nothing scores 1 when nothing comes back); NDCG@10 is the graded discounted
gain against the ideal order."""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

QUERIES = Path(__file__).with_name("queries.json")
K = 10


@dataclass(frozen=True)
class QueryScore:
    query: str
    kind: str
    precision: float
    ndcg: float
    unrelated: list[str]
    missed: list[str]


def load_queries(path: Path = QUERIES) -> list[dict]:
    return json.loads(path.read_text())["queries"]


def score(case: dict, titles: list[str]) -> QueryScore:
    grades = {t.lower(): 1 for t in case["also"]} | {t.lower(): 2 for t in case["best"]}
    top = [t.lower() for t in titles[:K]]
    gains = [grades.get(t, 0) for t in top]
    if not grades:
        precision = ndcg = 1.0 if not top else 0.0
    else:
        precision = sum(1 for g in gains if g) / len(top) if top else 0.0
        dcg = sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(gains))
        ideal = sorted(grades.values(), reverse=True)[:K]
        ndcg = dcg / sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    best_missed = [t for t in case["best"] if t.lower() not in top]
    return QueryScore(case["query"], case["kind"], precision, ndcg,
                      [t for t, g in zip(titles[:K], gains, strict=True) if not g], best_missed)


def evaluate(search, queries: list[dict] | None = None) -> tuple[float, float, list[QueryScore]]:
    """`search(term)` returns the titles in the order the shopper sees them."""
    scores = [score(case, search(case["query"])) for case in (queries or load_queries())]
    return (sum(s.precision for s in scores) / len(scores), sum(s.ndcg for s in scores) / len(scores), scores)


def storefront_titles(term: str) -> list[str]:
    from storefront import selectors

    return list(selectors.product_list(search=term).values_list("title", flat=True)[:K])
