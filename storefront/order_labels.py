"""How an order's number reads wherever a person sees it: "Order #6411".

E-mails, notification titles, payment descriptions and API messages all call this, so a
shopper quoting "#6411" to the shop finds the same words in every place (the order lookup
accepts the number with or without its "#")."""
from __future__ import annotations


def order_label(number: object, *, mid_sentence: bool = False) -> str:
    """"Order #6411" (or "order #6411" inside a sentence). A number that already carries its
    "#" is not given a second one."""
    text = str(number).strip().lstrip("#")
    return f"{'order' if mid_sentence else 'Order'} #{text}"
