"""The demo catalogue: the data set's products with descriptions written from what the data says
about them (price, pack sizes, busiest month, how many bought them, what they are bought with)
and pack variants where the shop really sold them by the pack."""
from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.utils.text import slugify

from storefront.demo import DATA_DIR, FACTS, PRODUCTS

# Matched on whole words (a plural counts), in this order: "lunch bag" is a bag, "christmas card" a card.
CATEGORIES = [
    ("Bags", ("bag", "shopper")),
    ("Candles & lights", ("light", "candle", "lantern", "t-light", "tealight", "candleholder")),
    ("Stationery", ("card", "paper", "pencil", "notebook", "wrap", "tag", "sticker", "album", "envelope",
                    "tissue")),
    ("Kitchen", ("cake", "cakestand", "case", "mug", "cup", "teacup", "saucer", "jar", "tin", "bowl", "plate",
                 "spoon", "lunch", "tea", "teapot", "jug", "cutlery", "baking", "apron", "pantry", "recipe",
                 "cookie", "cutter", "napkin", "jam", "kitchen", "tray", "mould", "straw")),
    ("Home", ("clock", "doormat", "sign", "frame", "drawer", "knob", "cushion", "bottle", "storage", "chalkboard",
              "hook", "mirror", "plaque", "door")),
    ("Decorations", ("decoration", "bunting", "ornament", "heart", "garland", "wreath", "christmas", "bauble",
                     "star", "hanging")),
]

# What the thing is, by the words of its title: first match wins, so "t-light holder" beats "heart".
KINDS = [
    (("cakestand", "cake stand"), "A tiered stand for cakes, scones and afternoon tea."),
    (("cake cases",), "Paper cases for baking cupcakes and fairy cakes."),
    (("cookie cutter",), "Cookie cutters for biscuits, shortbread and gingerbread."),
    (("t-light holder", "tealight holder", "light holder", "candleholder", "candle holder"),
     "Holds a standard tea light, for a soft glow on a shelf, a table or a windowsill."),
    (("lantern",), "A lantern for a candle or a tea light, indoors or in the garden."),
    (("night light", "fairy light", "string light", "lights"), "A small light to brighten a shelf or a bedroom."),
    (("candle",), "Candles for the table, the mantelpiece or a birthday."),
    (("hot water bottle",), "A hot water bottle with a soft cover, for cold evenings."),
    (("lunch bag",), "A lunch bag for work, school and picnics."),
    (("lunch box",), "A lunch box for sandwiches and snacks on the go."),
    (("jumbo bag", "shopper", "storage bag"), "A roomy bag for the shopping, the beach or tidying away toys."),
    (("charlotte bag",), "A light, foldable shopping bag that tucks into a handbag."),
    (("bag",), "A bag for carrying, storing or wrapping a present."),
    (("alarm clock",), "A bedside alarm clock with a bell, wound by the key at the back."),
    (("clock",), "A clock for the kitchen or the living room wall."),
    (("teacup", "cup and saucer"), "A cup and saucer for tea time."),
    (("mug",), "A mug for tea, coffee or hot chocolate."),
    (("doormat",), "A hard-wearing doormat for the front or the back door."),
    (("sign", "plaque"), "A sign to hang on a wall or a door."),
    (("chalkboard",), "A chalkboard for notes, menus and shopping lists."),
    (("bunting",), "Bunting to string up for parties, fetes and celebrations."),
    (("pencil",), "Pencils for school, the desk or the craft box."),
    (("cards", "card"), "A card for birthdays, thanks and other occasions."),
    (("wrap",), "Gift wrap for presents."),
    (("napkins",), "Paper napkins for parties and picnics."),
    (("tissues",), "Pocket tissues for a handbag or a coat pocket."),
    (("plasters",), "Plasters in a tin, for the bathroom cabinet or a day out."),
    (("frame",), "A frame for a favourite photograph or picture."),
    (("jar",), "A jar for the pantry or the bathroom shelf."),
    (("tins", "tin", "box", "boxes"), "A box for keeping things tidy, in the kitchen or on a desk."),
    (("drawer knob", "knob"), "A knob to give a drawer or a cupboard door a new look."),
    (("apron",), "An apron for baking and cooking."),
    (("bottle",), "A bottle for water, lemonade or flowers."),
    (("ornament", "decoration"), "A decoration to hang on a tree, a door or a window."),
    (("heart",), "A heart to hang or prop up as a token of love."),
    (("ribbons", "ribbon"), "Ribbons for wrapping, crafts and decorating."),
    (("cutlery",), "A cutlery set for picnics, parties or a child's lunch."),
    (("kit",), "A craft kit with everything needed to make it at home."),
]
# Words that make a range when several products share them ("the Retrospot range").
NOT_A_RANGE = {"set", "of", "and", "with", "in", "the", "bag", "box", "pack", "small", "large", "jumbo", "mini",
               "design", "red", "pink", "blue", "white", "green", "black", "cream", "ivory", "heart", "hanging",
               "metal", "wooden", "glass", "ceramic", "holder", "cake", "lunch", "tea", "hot", "water", "bottle",
               "cases", "sign", "paper", "card", "tin", "tins", "decoration", "christmas", "colour", "assorted",
               "kit", "cups", "cup", "light", "t-light", "party", "home", "bowl", "plate", "mug", "clock",
               "alarm", "frame", "drawer", "knob", "doormat", "bunting", "storage", "picture", "hand", "boxes",
               "jar", "love", "i", "a", "&", "spot", "craft", "natural", "antique", "silver", "pantry"}


def category_of(title: str) -> str:
    words = set(re.findall(r"[a-z][a-z-]*", title.lower()))
    words |= {w[:-1] for w in words if w.endswith("s")}
    return next((name for name, keys in CATEGORIES if words & set(keys)), "Gifts")


def title_of(description: str) -> str:
    return description.strip().capitalize()


@dataclass
class DemoProduct:
    code: str
    title: str
    price: Decimal
    times_sold: int
    facts: dict[str, str]

    @property
    def handle(self) -> str:
        """The product's slug (a title such as "Lunch bag  black skull." has no URL-safe form of its own)."""
        return slugify(f"{self.code}-{self.title}")[:200]

    @property
    def category(self) -> str:
        return category_of(self.title)


def read_products(limit: int | None = None) -> list[DemoProduct]:
    with (DATA_DIR / FACTS).open(newline="") as f:
        facts = {row["stock_code"]: row for row in csv.DictReader(f)}
    with (DATA_DIR / PRODUCTS).open(newline="") as f:
        rows = list(csv.DictReader(f))[:limit]
    return [DemoProduct(code=row["stock_code"], title=title_of(row["description"]), price=Decimal(row["unit_price"]),
                        times_sold=int(row["times_sold"]), facts=facts.get(row["stock_code"], {})) for row in rows]


def _words(title: str) -> list[str]:
    return re.findall(r"[a-z][a-z'-]+", title.lower())


def ranges_of(products: list[DemoProduct]) -> dict[str, list[DemoProduct]]:
    counts = Counter(word for p in products for word in set(_words(p.title)) if word not in NOT_A_RANGE)
    members: dict[str, list[DemoProduct]] = {}
    for p in products:
        for word in _words(p.title):
            if counts[word] >= 3:
                members.setdefault(word, []).append(p)
    return members


def _money(value: Decimal) -> str:
    return f"£{value:.2f}"


def _listing(titles: list[str]) -> str:
    return titles[0] if len(titles) == 1 else ", ".join(titles[:-1]) + " and " + titles[-1]


def describe(product: DemoProduct, *, by_code: dict[str, DemoProduct], ranges: dict[str, list[DemoProduct]],
             rank: int) -> str:
    lower = product.title.lower()
    kind = next((text for words, text in KINDS if any(w in lower for w in words)), None)
    parts = [kind or f"From our {product.category.lower()} collection."]
    words = [w for w in _words(product.title) if w in ranges]
    if words:
        name = max(words, key=lambda w: len(ranges[w]))
        others = [p.title.lower() for p in ranges[name] if p.code != product.code][:2]
        if others:
            parts.append(f"Part of the {name.capitalize()} range, alongside the {_listing(others)}.")
    facts = product.facts
    pack, trade = int(facts.get("pack_size") or 0), int(facts.get("trade_size") or 0)
    if trade and facts.get("trade_unit_price"):
        parts.append(f"{_money(product.price)} each; buy {trade} or more and they are "
                     f"{_money(Decimal(facts['trade_unit_price']))} each.")
    elif pack >= 4:
        parts.append(f"{_money(product.price)} each, and most often ordered {pack} at a time.")
    customers = int(facts.get("customers") or 0)
    if rank < 20:
        parts.append(f"One of the shop's twenty best sellers, bought by {customers:,} customers last year.")
    elif customers >= 50:
        month = facts.get("busiest_month")
        parts.append(f"Bought by {customers:,} customers last year" + (f", most of all in {month}." if month else "."))
    pairs = [by_code[code].title.lower() for code in (facts.get("bought_with") or "").split(";") if code in by_code]
    if pairs:
        parts.append(f"Often bought with the {_listing(pairs[:3])}.")
    return " ".join(parts)


def variants_of(product: DemoProduct) -> list[dict]:
    """The single item, and for small things the packs the shop really sold them in: the usual
    order size, and its trade quantity at the data set's lower unit price."""
    single = {"sku": product.code, "price": product.price}
    facts = product.facts
    pack, trade = int(facts.get("pack_size") or 0), int(facts.get("trade_size") or 0)
    lower = product.title.lower()
    if product.price >= Decimal("5") or pack < 4 or "pack of" in lower or "set" in lower.split():
        return [single]
    rows = [{**single, "options": {"Pack": "Single"}}]
    rows.append({"sku": f"{product.code}-P{pack}", "options": {"Pack": f"Pack of {pack}"},
                 "price": Decimal(facts["pack_unit_price"]) * pack})
    if trade and trade <= 100 and facts.get("trade_unit_price"):
        unit = Decimal(facts["trade_unit_price"])
        rows.append({"sku": f"{product.code}-T{trade}", "options": {"Pack": f"Box of {trade}"}, "price": unit * trade,
                     "compare_at_price": product.price * trade})
    return rows
