"""Relevance of search over the labelled query set of the demo catalogue, and the defects it
was built to catch. The thresholds are the figures reached (see README): a change that ranks
worse fails here."""
from __future__ import annotations

import pytest
from django_tenants.utils import schema_context

from conftest import client_for
from storefront.demo.riverside import catalog_load
from storefront.search_eval import evaluate, load_queries, storefront_titles

pytestmark = pytest.mark.django_db

PRECISION_AT_10 = 1.0
NDCG_AT_10 = 0.92


@pytest.fixture
def demo(world):
    with schema_context(world.shop_a.schema_name):
        catalog_load()  # as load_demo writes it: descriptions naming other products included
    return world.shop_a


def test_query_set_covers_every_kind_of_search():
    queries = load_queries()
    kinds = {q["kind"] for q in queries}
    assert len(queries) >= 40
    assert {"exact", "partial", "typo", "plural", "multi-word", "colour+type", "no-match"} <= kinds


def test_relevance_over_the_labelled_queries_does_not_drop(demo):
    with schema_context(demo.schema_name):
        precision, ndcg, scores = evaluate(storefront_titles)
    worst = sorted(scores, key=lambda s: (s.precision, s.ndcg))[:5]
    assert precision >= PRECISION_AT_10, worst
    assert ndcg >= NDCG_AT_10, worst


def titles(shop, term: str) -> list[str]:
    res = client_for(shop).get("/api/catalog/products/", {"search": term})
    assert res.status_code == 200, res.content
    return [p["title"] for p in res.json()["results"]]


def test_the_reported_defects_stay_fixed_and_typos_and_partial_words_still_match(demo):
    """One catalogue load (400 products) for all of them: it is the slow part."""
    lanterns = ["Hanging metal heart lantern", "White metal lantern"]
    for term in ("lantern", "lantren", "lanterns", "lant"):
        assert sorted(titles(demo, term)) == lanterns, term  # no "White wood garden plant ladder"
    assert sorted(titles(demo, "mug")) == ["Home sweet home mug", "Save the planet mug"]  # no cake cases
    for term, expected in [("regncy teapot", "Regency teapot roses"), ("alarm clok red", "Alarm clock bakelike red"),
                           ("harmon", "Blue harmonica in box"),
                           ("chrismas napkns", "Set of 20 vintage christmas napkins")]:
        assert expected in titles(demo, term), term
    assert titles(demo, "party bunting")[0] == "Party bunting"
    assert titles(demo, "xyzzy") == []
    # descriptions name other products ("often bought with the white hanging heart t-light
    # holder"): while some titles have every word, a match through a description alone is not shown
    assert set(titles(demo, "white hanging heart t-light holder")) == {"White hanging heart t-light holder"}
