"""Product pictures for the demo, drawn with Pillow: a card in the category's palette with a
simple drawing of what the title names (a bag, a mug, a lantern...) in the colour the title
names, and the product's name. Nothing is downloaded; the same title always gives the same picture."""
from __future__ import annotations

import io
import re
import zlib
from collections.abc import Callable
from functools import cache

from PIL import Image, ImageDraw, ImageFont

SIZE = 480  # the thumbnail size: the image service keeps it as it is, no resize
SCALE = 1
INK = (44, 40, 37)

# background, panel, accent
PALETTES = {
    "Bags": ((238, 226, 214), (248, 241, 233), (155, 93, 64)),
    "Candles & lights": ((52, 60, 86), (252, 244, 226), (196, 140, 50)),
    "Kitchen": ((222, 236, 230), (240, 247, 243), (60, 120, 100)),
    "Decorations": ((245, 222, 225), (252, 240, 241), (178, 58, 72)),
    "Stationery": ((226, 232, 245), (243, 246, 252), (66, 92, 160)),
    "Home": ((230, 226, 240), (246, 244, 250), (96, 78, 140)),
    "Gifts": ((240, 232, 205), (250, 246, 232), (150, 110, 40)),
}
COLOURS = [("retrospot", (196, 48, 43)), ("red", (196, 48, 43)), ("pink", (222, 120, 155)),
           ("blue", (66, 110, 180)), ("green", (76, 140, 92)), ("black", (45, 45, 48)),
           ("ivory", (236, 226, 200)), ("cream", (236, 226, 200)), ("white", (246, 244, 238)),
           ("silver", (170, 176, 182)), ("zinc", (160, 168, 172)), ("gold", (205, 165, 70)),
           ("chocolate", (110, 70, 40)), ("strawberry", (214, 70, 86)), ("purple", (130, 80, 150)),
           ("yellow", (232, 196, 60)), ("orange", (230, 130, 50)), ("wood", (176, 134, 88)),
           ("wicker", (188, 150, 96)), ("natural", (196, 164, 120))]
SPOTTY = ("retrospot", "polkadot", "spot", "dotcomgiftshop")


TONES = [(155, 93, 64), (70, 110, 140), (96, 130, 90), (170, 120, 60), (140, 80, 110), (60, 120, 100)]


def _colour_of(title: str) -> tuple[int, int, int]:
    """The colour the title names, else a muted tone picked by the title."""
    words = title.lower()
    return next((rgb for word, rgb in COLOURS if word in words), TONES[zlib.crc32(title.encode()) % len(TONES)])


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return _fonts(size)


@cache
def _fonts(size: int):
    for name in ("DejaVuSans-Bold.ttf", "LiberationSans-Bold.ttf", "FreeSansBold.ttf"):
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)  # Pillow's own scalable font (Pillow >= 10.1)


def _outline(fill: tuple[int, int, int]) -> tuple[int, int, int]:
    return tuple(max(0, int(c * 0.62)) for c in fill)  # type: ignore[return-value]


# Each drawing fits the box (x0, y0, x1, y1) on a canvas of SIZE*SCALE.
Box = tuple[int, int, int, int]


def _bag(d: ImageDraw.ImageDraw, b: Box, fill, line) -> None:
    x0, y0, x1, y1 = b
    w = x1 - x0
    d.arc((x0 + w * .28, y0, x1 - w * .28, y0 + w * .55), 180, 360, fill=line, width=w // 22)
    d.rounded_rectangle((x0, y0 + w * .25, x1, y1), radius=w // 18, fill=fill, outline=line, width=w // 60)


def _mug(d, b: Box, fill, line) -> None:
    x0, y0, x1, y1 = b
    w = x1 - x0
    d.ellipse((x1 - w * .38, y0 + w * .25, x1 + w * .02, y0 + w * .7), outline=line, width=w // 16)
    d.rounded_rectangle((x0, y0 + w * .1, x1 - w * .22, y1), radius=w // 12, fill=fill, outline=line, width=w // 60)


def _cakestand(d, b: Box, fill, line) -> None:
    x0, y0, x1, y1 = b
    w, cx = x1 - x0, (x0 + x1) // 2
    d.rectangle((cx - w * .02, y0, cx + w * .02, y1), fill=line)
    for n, (top, half) in enumerate([(.22, .24), (.52, .36), (.82, .48)]):
        y = y0 + (y1 - y0) * top
        d.ellipse((cx - w * half, y - w * .05, cx + w * half, y + w * .05), fill=fill, outline=line, width=w // 80)
        d.ellipse((cx - w * .06, y - w * (.12 + .02 * n), cx + w * .06, y - w * .03), fill=line)


def _cupcake(d, b: Box, fill, line) -> None:
    x0, y0, x1, y1 = b
    w = x1 - x0
    d.ellipse((x0 + w * .08, y0 + w * .05, x1 - w * .08, y0 + w * .6), fill=(250, 240, 235), outline=line,
              width=w // 70)
    d.polygon([(x0, y0 + w * .42), (x1, y0 + w * .42), (x1 - w * .15, y1), (x0 + w * .15, y1)],
              fill=fill, outline=line)
    for n in range(1, 6):
        x = x0 + w * n / 6
        d.line((x, y0 + w * .44, x0 + w * .15 + (w * .7) * n / 6, y1 - 4), fill=line, width=w // 90)


def _lantern(d, b: Box, fill, line) -> None:
    x0, y0, x1, y1 = b
    w, cx = x1 - x0, (x0 + x1) // 2
    d.arc((cx - w * .15, y0, cx + w * .15, y0 + w * .25), 180, 360, fill=line, width=w // 30)
    d.polygon([(cx - w * .3, y0 + w * .2), (cx + w * .3, y0 + w * .2), (cx + w * .22, y0 + w * .3),
               (cx - w * .22, y0 + w * .3)], fill=line)
    d.rectangle((cx - w * .22, y0 + w * .3, cx + w * .22, y1 - w * .1), fill=(255, 226, 150), outline=line,
                width=w // 40)
    d.ellipse((cx - w * .07, y0 + w * .5, cx + w * .07, y0 + w * .75), fill=(255, 170, 60))
    d.rectangle((cx - w * .3, y1 - w * .1, cx + w * .3, y1), fill=fill, outline=line, width=w // 80)


def _candle(d, b: Box, fill, line) -> None:
    x0, y0, x1, y1 = b
    w, cx = x1 - x0, (x0 + x1) // 2
    d.ellipse((cx - w * .08, y0, cx + w * .08, y0 + w * .3), fill=(255, 190, 70))
    d.ellipse((cx - w * .04, y0 + w * .12, cx + w * .04, y0 + w * .28), fill=(255, 245, 200))
    d.rounded_rectangle((cx - w * .22, y0 + w * .33, cx + w * .22, y1 - w * .12), radius=w // 30, fill=(240, 228, 200),
                        outline=(200, 180, 140), width=w // 80)
    d.rounded_rectangle((cx - w * .4, y1 - w * .2, cx + w * .4, y1), radius=w // 20, fill=fill, outline=line,
                        width=w // 80)


def _heart(d, b: Box, fill, line) -> None:
    x0, y0, x1, y1 = b
    w = x1 - x0
    d.ellipse((x0, y0, x0 + w * .55, y0 + w * .55), fill=fill)
    d.ellipse((x1 - w * .55, y0, x1, y0 + w * .55), fill=fill)
    d.polygon([(x0 + w * .03, y0 + w * .38), (x1 - w * .03, y0 + w * .38), ((x0 + x1) / 2, y1)], fill=fill)


def _bunting(d, b: Box, fill, line) -> None:
    x0, y0, x1, y1 = b
    w = x1 - x0
    d.line((x0, y0 + w * .1, (x0 + x1) / 2, y0 + w * .25, x1, y0 + w * .1), fill=line, width=w // 60)
    for n in range(5):
        left = x0 + w * (.02 + n * .195)
        top = y0 + w * (.1 + .15 * (1 - abs(n - 2) / 2))
        shade = fill if n % 2 == 0 else (250, 244, 230)
        d.polygon([(left, top), (left + w * .17, top), (left + w * .085, top + w * .38)], fill=shade, outline=line)


def _bottle(d, b: Box, fill, line) -> None:
    x0, y0, x1, y1 = b
    w, cx = x1 - x0, (x0 + x1) // 2
    d.rectangle((cx - w * .1, y0, cx + w * .1, y0 + w * .18), fill=line)
    d.rounded_rectangle((x0 + w * .1, y0 + w * .15, x1 - w * .1, y1), radius=w // 6, fill=fill, outline=line,
                        width=w // 60)


def _clock(d, b: Box, fill, line) -> None:
    x0, y0, x1, y1 = b
    w, cx, cy = x1 - x0, (x0 + x1) / 2, (y0 + y1) / 2
    d.ellipse(b, fill=fill, outline=line, width=w // 30)
    d.ellipse((x0 + w * .1, y0 + w * .1, x1 - w * .1, y1 - w * .1), fill=(252, 250, 244))
    d.line((cx, cy, cx, y0 + w * .2), fill=INK, width=w // 30)
    d.line((cx, cy, cx + w * .22, cy + w * .08), fill=INK, width=w // 30)


def _sign(d, b: Box, fill, line) -> None:
    x0, y0, x1, y1 = b
    w = x1 - x0
    d.line((x0 + w * .2, y0 + w * .3, (x0 + x1) / 2, y0, x1 - w * .2, y0 + w * .3), fill=line, width=w // 50)
    d.rounded_rectangle((x0, y0 + w * .28, x1, y1 - w * .1), radius=w // 25, fill=fill, outline=line, width=w // 40)
    for n in range(3):
        y = y0 + w * (.42 + n * .12)
        d.line((x0 + w * .15, y, x1 - w * (.15 + .1 * n), y), fill=_outline(fill), width=w // 40)


def _box(d, b: Box, fill, line) -> None:
    x0, y0, x1, y1 = b
    w = x1 - x0
    d.rectangle((x0 + w * .04, y0 + w * .3, x1 - w * .04, y1), fill=fill, outline=line, width=w // 60)
    d.rectangle((x0, y0 + w * .16, x1, y0 + w * .34), fill=_outline(fill), outline=line, width=w // 60)


def _gift(d, b: Box, fill, line) -> None:
    _box(d, b, fill, line)
    x0, y0, x1, y1 = b
    w, cx = x1 - x0, (x0 + x1) / 2
    ribbon = (205, 165, 70) if fill[0] > 150 and fill[1] < 100 else (196, 48, 43)
    d.rectangle((cx - w * .06, y0 + w * .16, cx + w * .06, y1), fill=ribbon)
    d.ellipse((cx - w * .3, y0, cx, y0 + w * .18), outline=ribbon, width=w // 30)
    d.ellipse((cx, y0, cx + w * .3, y0 + w * .18), outline=ribbon, width=w // 30)


def _card(d, b: Box, fill, line) -> None:
    x0, y0, x1, y1 = b
    w = x1 - x0
    d.rectangle((x0 + w * .1, y0 + w * .12, x1 - w * .1, y1 - w * .12), fill=(252, 250, 245), outline=line,
                width=w // 60)
    d.polygon([(x0 + w * .1, y0 + w * .12), (x1 - w * .1, y0 + w * .12), ((x0 + x1) / 2, y0 + w * .5)],
              fill=fill, outline=line)


def _star(d, b: Box, fill, line) -> None:
    import math
    x0, y0, x1, y1 = b
    cx, cy, r = (x0 + x1) / 2, (y0 + y1) / 2, (x1 - x0) / 2
    points = [(cx + (r if n % 2 == 0 else r * .45) * math.sin(math.pi * n / 5),
               cy - (r if n % 2 == 0 else r * .45) * math.cos(math.pi * n / 5)) for n in range(10)]
    d.polygon(points, fill=fill, outline=line)


def _jar(d, b: Box, fill, line) -> None:
    x0, y0, x1, y1 = b
    w = x1 - x0
    d.rectangle((x0 + w * .2, y0, x1 - w * .2, y0 + w * .15), fill=fill, outline=line, width=w // 60)
    d.rounded_rectangle((x0 + w * .08, y0 + w * .15, x1 - w * .08, y1), radius=w // 8, fill=(235, 242, 245),
                        outline=line, width=w // 60)
    d.rectangle((x0 + w * .2, y0 + w * .45, x1 - w * .2, y0 + w * .7), fill=(252, 250, 244), outline=line)


def _frame(d, b: Box, fill, line) -> None:
    x0, y0, x1, y1 = b
    w = x1 - x0
    d.rectangle(b, fill=fill, outline=line, width=w // 60)
    d.rectangle((x0 + w * .14, y0 + w * .14, x1 - w * .14, y1 - w * .14), fill=(235, 240, 246))
    d.polygon([(x0 + w * .14, y1 - w * .14), (x0 + w * .4, y0 + w * .45), (x0 + w * .6, y1 - w * .3),
               (x0 + w * .7, y0 + w * .55), (x1 - w * .14, y1 - w * .14)], fill=(120, 160, 120))


# first match wins: the thing a title names comes before the words that describe it
SHAPES: list[tuple[tuple[str, ...], Callable]] = [
    (("cake stand", "cakestand"), _cakestand), (("cake case",), _cupcake),
    (("lantern",), _lantern), (("t-light", "tealight", "candle", "light holder"), _candle),
    (("hot water bottle", "bottle"), _bottle), (("clock",), _clock),
    (("mug", "cup", "teacup", "saucer", "teapot", "jug"), _mug), (("bag", "shopper"), _bag),
    (("bunting", "garland"), _bunting), (("sign", "doormat", "plaque", "chalkboard"), _sign),
    (("frame", "picture"), _frame), (("jar", "bottle"), _jar),
    (("card", "wrap", "paper", "napkin", "tissues", "notebook", "envelope"), _card),
    (("heart", "love"), _heart), (("star", "christmas", "decoration", "bauble"), _star),
    (("box", "boxe", "tin", "drawer", "storage", "trinket"), _box),
]
SHAPE_FOR_CATEGORY = {"Bags": _bag, "Candles & lights": _candle, "Kitchen": _mug, "Decorations": _star,
                      "Stationery": _card, "Home": _frame, "Gifts": _gift}


def shape_for(title: str, category: str) -> Callable:
    lower = f" {' '.join(re.findall(r'[a-z][a-z-]*', title.lower()))} "
    return next((draw for words, draw in SHAPES if any(f" {w} " in lower or f" {w}s " in lower for w in words)),
                SHAPE_FOR_CATEGORY.get(category, _gift))


def _wrap(draw: ImageDraw.ImageDraw, text: str, font, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        trial = f"{lines[-1]} {word}" if lines else word
        if lines and draw.textlength(trial, font=font) <= width:
            lines[-1] = trial
        else:
            lines.append(word)
    return lines


def draw_product(title: str, category: str) -> bytes:
    """A PNG of SIZE x SIZE pixels."""
    background, panel, accent = PALETTES.get(category, PALETTES["Gifts"])
    big = SIZE * SCALE
    image = Image.new("RGB", (big, big), background)
    d = ImageDraw.Draw(image)
    seed = zlib.crc32(title.encode())
    # a soft pattern of the category, shifted per product so neighbours differ
    step = big // 8
    for n in range(-1, 10):
        for m in range(-1, 10):
            if (n + m) % 2 == 0:
                x, y = n * step + seed % step, m * step + (seed >> 8) % step
                d.ellipse((x - 4, y - 4, x + 4, y + 4), fill=panel)
    margin = big // 10
    d.rounded_rectangle((margin, margin, big - margin, big - margin), radius=big // 20, fill=panel)
    fill = _colour_of(title)
    line = _outline(fill)
    box_size = big * 40 // 100
    x0, y0 = (big - box_size) // 2, margin + big // 18
    shape = shape_for(title, category)
    shape(d, (x0, y0, x0 + box_size, y0 + box_size), fill, line)
    if any(word in title.lower() for word in SPOTTY) and shape in (_bag, _mug, _box, _bottle, _heart):
        for n in range(6):
            cx = x0 + box_size * (0.2 + 0.13 * n)
            cy = y0 + box_size * (0.55 + 0.15 * (n % 3))
            d.ellipse((cx - box_size * .03, cy - box_size * .03, cx + box_size * .03, cy + box_size * .03),
                      fill=(252, 250, 245))
    text_top = y0 + box_size + big // 20
    font = _font(big // 19)
    lines = _wrap(d, title.upper(), font, big - 2 * margin - big // 10)[:3]
    for n, text in enumerate(lines):
        width = d.textlength(text, font=font)
        d.text(((big - width) / 2, text_top + n * big // 15), text, font=font, fill=INK)
    small = _font(big // 34)
    label = category.upper()
    d.text(((big - d.textlength(label, font=small)) / 2, big - margin - big // 14), label, font=small,
           fill=_outline(accent))
    image = image.reduce(SCALE)
    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=1)
    return out.getvalue()
