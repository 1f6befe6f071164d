"""The recommendation engine: pure NumPy/SciPy/scikit-learn, no Django.

    model = fit(Interactions.build(users, items, timestamps, baskets), Items.build(ids, titles, ...), now=now)
    recommend_for_user(model, history=[(item_id, ts), ...], now=now, k=10, exclude={...})
    ShopModel.from_bytes(model.to_bytes())
"""
from .data import Interactions, Items
from .fitting import DEFAULT_CONFIG, DEFAULT_PARAMS, fit
from .model import ShopModel
from .serving import (
    bought_together,
    buy_again,
    complete_basket,
    recommend_for_user,
    similar,
    similar_items,
    trending,
)

__all__ = [
    "DEFAULT_CONFIG",
    "DEFAULT_PARAMS",
    "Interactions",
    "Items",
    "ShopModel",
    "bought_together",
    "buy_again",
    "complete_basket",
    "fit",
    "recommend_for_user",
    "similar",
    "similar_items",
    "trending",
]
