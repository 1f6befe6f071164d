"""The React app's index page, served for every non-API path with the host's config inlined."""
from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.http import HttpResponse
from django.utils.html import escape
from django.views.decorators.http import require_safe

_cache: dict[str, tuple[float, str]] = {}
PLACEHOLDER = "<!--app-config-->"
MISSING = ("<!doctype html><title>Shopyard</title><p>The front end is not built yet: run <code>make run</code>"
           " (or <code>npm run build</code> in frontend/).</p>")


def _index_html() -> str:
    path = settings.FRONTEND_DIST / "index.html"
    try:
        mtime = path.stat().st_mtime
    except FileNotFoundError:
        return MISSING
    cached = _cache.get("index")
    if cached is None or cached[0] != mtime:
        cached = (mtime, path.read_text())
        _cache["index"] = cached
    return cached[1]


def app_config(request) -> dict:
    config: dict[str, Any] = {"kind": "platform", "root_domain": settings.ROOT_DOMAIN, "root_url": settings.ROOT_URL}
    shop = getattr(request, "shop", None)
    if shop is not None:
        config["kind"] = "shop"
        config["shop"] = {"name": shop.name, "subdomain": shop.subdomain, "currency": shop.currency,
                          "status": shop.status, "footer_note": shop.footer_note}
    return config


def spa_response(request, status: int = 200) -> HttpResponse:
    # json.dumps escapes nothing HTML-significant; "</" would end the script element.
    payload = json.dumps(app_config(request)).replace("</", "<\\/")
    tag = f'<script id="app-config" type="application/json">{payload}</script>'
    html = _index_html().replace(PLACEHOLDER, tag)
    shop = getattr(request, "shop", None)
    if shop is not None and "<title>" in html:
        html = html.replace("<title>", f"<title>{escape(shop.name)} · ", 1)
    response = HttpResponse(html, status=status, content_type="text/html; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    return response


@require_safe
def spa(request, *args, **kwargs) -> HttpResponse:
    return spa_response(request)


UNKNOWN_SHOP_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>No shop here</title>
<style>body{{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#1a1a1a}}
a{{color:#0b57d0}}</style></head><body><main><h1>There is no shop at this address</h1>
<p>Check the spelling of the address, or <a href="{root}">visit the platform</a> to find or open a shop.</p>
</main></body></html>"""


def unknown_shop_page() -> HttpResponse:
    html = UNKNOWN_SHOP_PAGE.format(root=escape(settings.ROOT_URL + "/"))
    return HttpResponse(html, status=404, content_type="text/html; charset=utf-8")
