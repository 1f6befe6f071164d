"""The panel's figures in one shape: the model in use, its offline scores beside the baselines,
live figures per widget and per holdout arm, settings."""
from __future__ import annotations

from django.conf import settings

from recs import metrics
from recs.models import ModelVersion, RecsSettings
from recs.store import models as model_cache

STRATEGIES = [
    {"widget": "for_you", "model": "Blend of item-to-item (EASE / item-kNN), content (TF-IDF) and recency-aware "
                                   "popularity over the shopper's history, weights tuned per shop",
     "fallback": "This visit's views (same category), then popularity"},
    {"widget": "trending", "model": "Recency-aware popularity", "fallback": "Sales in the last 14 days"},
    {"widget": "similar", "model": "Pruned item-to-item top-k table", "fallback": "Same category (content), "
                                                                                   "then popularity"},
    {"widget": "bought_together", "model": "Co-purchase within orders", "fallback": "Hidden"},
    {"widget": "cart", "model": "Blend over the cart's products", "fallback": "Same category, then popularity"},
    {"widget": "buy_again", "model": "Repeat-purchase intervals", "fallback": "Products bought before"},
]


def version_out(version: ModelVersion) -> dict:
    return {f: getattr(version, f) for f in (
        "id", "status", "trigger", "stage", "progress", "is_current", "promoted", "not_promoted_reason", "score",
        "events_count", "users_count", "products_count", "fit_seconds", "nbytes", "error", "created_at",
        "finished_at")}


def offline_scores(meta: dict) -> list[dict]:
    """The engine's validation table as rows {name, baseline, metrics...}, whichever of the two
    shapes it uses (a list of models, or a mapping from name to metrics)."""
    validation = meta.get("validation") if isinstance(meta.get("validation"), dict | list) else meta
    rows = validation.get("models") if isinstance(validation, dict) else validation
    if isinstance(rows, list):
        return [r for r in rows if isinstance(r, dict) and "name" in r]
    out = []
    for name, scores in (validation or {}).items():
        if isinstance(scores, dict) and any(isinstance(v, int | float) for v in scores.values()):
            out.append({"name": name, "baseline": name not in ("model", "blend", "shop"), **scores})
    return out


def panel(*, days: int) -> dict:
    fields = [f.name for f in ModelVersion._meta.fields if f.name != "data"]
    current = ModelVersion.objects.only(*fields).filter(is_current=True).first()
    latest = ModelVersion.objects.only(*fields).first()
    return {
        "model": version_out(current) if current else None,
        "latest": version_out(latest) if latest else None,
        "strategies": STRATEGIES,
        "offline_scores": offline_scores(current.meta) if current else [],
        "widgets": metrics.widget_figures(days=days),
        "arms": metrics.arm_figures(days=days),
        "attribution_rule": f"An add-to-cart or order line counts for a widget when the same visitor clicked that "
                            f"product there within {settings.RECS_ATTRIBUTION_DAYS} days before.",
        "days": days,
        "settings": {"holdout_share": str(RecsSettings.load().holdout_share)},
        "cache": {"bound_bytes": settings.RECS_MODEL_CACHE_BYTES, "used_bytes": model_cache.bytes,
                  "models": len(model_cache)},
    }
