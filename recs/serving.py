"""What each widget shows: the shop's model first, then fallbacks (content, this visit's views,
popularity), filtered so nothing unavailable, already in the cart or (outside "Buy again")
already bought is shown, with the reason for each card and the impressions recorded."""
from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.utils import timezone

from recs import bridge, selectors
from recs.models import Arm, Widget
from recs.services import impressions_record, visitor_arm
from recs.store import current_model

DEFAULT_K = 8
MAX_K = 24


@dataclass
class Shopper:
    visitor_id: str
    user: Any
    cart_token: str | None
    currency: str
    k: int = DEFAULT_K
    _rows: list | None = field(default=None, repr=False)

    @property
    def rows(self) -> list[tuple[int, datetime, str]]:
        if self._rows is None:
            self._rows = selectors.history(visitor_id=self.visitor_id, user=self.user)
        return self._rows


# (product id, reason kind, reason product id or None)
Candidate = tuple[int, str, int | None]


@dataclass
class Plan:
    strategy: str
    fallback: str | None
    candidates: Iterable[Candidate]


REASON_TEXT = {
    "viewed": "Because you viewed {title}",
    "bought_with": "Often bought with {title}",
    "similar": "Similar to {title}",
    "in_cart": "Goes with {title} in your cart",
    "category": "More like {title}",
    "bought_before": "You bought this before",
    "due_again": "You usually buy this again around now",
    "popular": "Popular in this shop",
    "trending": "Trending now",
}


def _popular(kind: str = "popular") -> Iterable[Candidate]:
    return ((pid, kind, None) for pid in selectors.popular())


def _content(anchors: list[int], kind: str = "category") -> Iterable[Candidate]:
    return ((pid, kind, anchor) for pid, anchor in selectors.same_category(anchors))


def _plans(widget: str, shopper: Shopper, model: Any, anchor: int | None, cart: list[int]) -> list[Plan]:
    """Strategies in order of preference; the first that yields something after filtering serves."""
    now = timezone.now()
    session = selectors.session_views(shopper.rows)
    if widget == Widget.TRENDING:
        plans = [Plan("trending", None, bridge.trending(model))] if model else []
        return [*plans, Plan("popularity", "popularity" if model else "no_model", _popular("trending"))]
    if widget == Widget.BUY_AGAIN:
        bought = selectors.purchases(shopper.rows)
        if model:  # only what is due again: padding with any earlier purchase would be junk
            return [Plan("repeat_intervals", None, bridge.buy_again(model, bought, now))]
        return [Plan("bought_before", "history", ((pid, "bought_before", None) for pid, _ in bought))]
    if widget == Widget.SIMILAR and anchor is not None:
        plans = [Plan("item_to_item", None, bridge.similar(model, anchor))] if model else []
        return [*plans, Plan("content", "content", _content([anchor], "similar")),
                Plan("popularity", "popularity", _popular())]
    if widget == Widget.BOUGHT_TOGETHER and anchor is not None:
        return [Plan("co_purchase", None, bridge.bought_together(model, anchor))] if model else []
    if widget == Widget.CART:
        plans = [Plan("co_purchase", None, bridge.for_cart(model, cart, now))] if model and cart else []
        return [*plans, Plan("content", "content", _content(cart, "in_cart")),
                Plan("popularity", "popularity", _popular())]
    # for you
    views = [(pid, when) for pid, when, _ in shopper.rows]
    blend = list(bridge.for_user(model, views, now)) if model and views else []
    # The blend's cards that some of the shopper's history explains come first; the ones there on
    # popularity alone wait until this visit's views have had their say.
    plans = [Plan("blend", None, [c for c in blend if c[2] is not None])]
    if session:
        if model:
            plans.append(Plan("session", "session", _session_similar(model, session)))
        plans.append(Plan("session", "session", _content(session, "viewed")))
    plans.append(Plan("blend", None, [c for c in blend if c[2] is None]))
    return [*plans, Plan("popularity", "popularity", _popular())]


def _session_similar(model: Any, session: list[int]) -> Iterable[Candidate]:
    """The model's neighbours of each product viewed this visit, newest view first, taken in turns."""
    rows = [[(pid, "viewed", anchor) for pid, _, _ in bridge.similar(model, anchor)] for anchor in session[:5]]
    for rank in range(max((len(r) for r in rows), default=0)):
        for row in rows:
            if rank < len(row):
                yield row[rank]


def _pick(plans: list[Plan], exclude: set[int], k: int) -> tuple[Plan | None, list[Candidate]]:
    """The first plan that yields anything serves; later plans only fill the row up to k."""
    served: Plan | None = None
    chosen: list[Candidate] = []
    seen = set(exclude)
    for plan in plans:
        batch: list[Candidate] = []
        for cand in plan.candidates:
            if cand[0] in seen:
                continue
            seen.add(cand[0])
            batch.append(cand)
            if len(batch) >= 4 * k:
                break
        ok = selectors.servable([c[0] for c in batch])
        found = [c for c in batch if c[0] in ok][:k - len(chosen)]
        if found and served is None:
            served = plan
        chosen += found
        if len(chosen) >= k:
            break
    return served, chosen


def recommend(widget: str, shopper: Shopper, *, anchor: int | None = None) -> dict:
    arm = visitor_arm(shopper.visitor_id) if shopper.visitor_id else Arm.MODEL
    version, model = current_model()
    if arm == Arm.HOLDOUT:
        model = None  # the holdout sees popularity, so the panel can measure the model's lift
    cart = selectors.cart_products(user=shopper.user, cart_token=shopper.cart_token)
    exclude = set(cart)
    if widget != Widget.BUY_AGAIN:
        exclude |= selectors.bought(shopper.rows)
    if anchor is not None:
        exclude.add(anchor)
    plans = _plans(widget, shopper, model, anchor, cart)
    if arm == Arm.HOLDOUT and widget not in (Widget.BUY_AGAIN,):
        plans = [Plan("popularity", "holdout", _popular())]
    plan, chosen = _pick(plans, exclude, shopper.k)
    request_id = uuid.uuid4()
    ids = [c[0] for c in chosen]
    if ids:
        impressions_record(request_id=request_id, widget=widget, visitor_id=shopper.visitor_id,
                           user=shopper.user, arm=arm, product_ids=ids,
                           served_by=(plan.fallback or plan.strategy) if plan else "")
    cards = selectors.cards(ids, currency=shopper.currency)
    names = selectors.titles({c[2] for c in chosen if c[2] is not None})
    items = []
    for position, (pid, kind, because) in enumerate(chosen):
        ref = names.get(because) if because is not None else None
        text = REASON_TEXT.get(kind, "").format(title=ref["title"] if ref else "")
        items.append({**cards[pid], "position": position,
                      "reason": {"kind": kind, "text": text,
                                 "product": {"slug": ref["slug"], "title": ref["title"]} if ref else None}})
    return {
        "widget": widget, "request_id": str(request_id), "arm": arm,
        "strategy": plan.strategy if plan else None, "fallback": plan.fallback if plan else None,
        "model_version": version if model is not None else None, "items": items,
    }
