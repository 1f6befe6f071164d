"""The React app's index page, served for every non-API path with the host's config inlined."""
from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Callable
from functools import cache
from typing import Any

from django.conf import settings
from django.http import HttpResponse
from django.utils.html import escape, json_script
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


ShopConfigPart = Callable[[Any], dict[str, Any]]
_shop_config_parts: list[ShopConfigPart] = []


def shop_config_part(fn: ShopConfigPart) -> ShopConfigPart:
    """Registers `fn(shop) -> dict` whose keys are merged into the page's `shop` config (tenants:
    the plan's `features`). The kernel knows no app; apps add what the page needs to know."""
    _shop_config_parts.append(fn)
    return fn


def app_config(request) -> dict:
    config: dict[str, Any] = {"kind": "platform", "root_domain": settings.ROOT_DOMAIN, "root_url": settings.ROOT_URL}
    # sign-in buttons: only the providers whose client id and secret are configured
    config["social_providers"] = [name for name, app in settings.SOCIAL_PROVIDER_APPS.items()
                                  if app.get("client_id") and app.get("secret")]
    shop = getattr(request, "shop", None)
    if shop is not None:
        config["kind"] = "shop"
        config["shop"] = {"name": shop.name, "subdomain": shop.subdomain, "currency": shop.currency,
                          "status": shop.status, "footer_note": shop.footer_note}
        for part in _shop_config_parts:
            config["shop"].update(part(shop))
    return config


def spa_response(request, status: int = 200) -> HttpResponse:
    # json_script writes <, > and & as \u escapes: nothing in a shop's name can end the element
    # or open a comment that swallows the rest of the page.
    tag = json_script(app_config(request), "app-config")
    html = _index_html().replace(PLACEHOLDER, tag)
    shop = getattr(request, "shop", None)
    if shop is not None and "<title>" in html:
        html = html.replace("<title>", f"<title>{escape(shop.name)} · ", 1)
    response = HttpResponse(html, status=status, content_type="text/html; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    return response


# The client's routes, kept beside the React route modules (a front-end test checks the two agree).
ROUTES_FILE = settings.BASE_DIR / "frontend" / "src" / "app" / "routes" / "paths.json"


def _pattern(route: str) -> str:
    parts = [("[^/]+" if part.startswith(":") else re.escape(part)) for part in route.strip("/").split("/") if part]
    return "/" + "/".join(parts)


@cache
def client_routes() -> dict[str, re.Pattern[str]] | None:
    try:
        routes = json.loads(ROUTES_FILE.read_text())
    except FileNotFoundError:
        return None  # a deployment without the sources: every path is the app's to judge
    return {kind: re.compile("^(?:" + "|".join(_pattern(r) for r in routes[kind]) + ")/?$")
            for kind in ("shop", "platform")}


ShopPageCheck = Callable[[re.Match[str]], bool]
_shop_page_checks: list[tuple[re.Pattern[str], ShopPageCheck]] = []


def shop_page_check(pattern: str) -> Callable[[ShopPageCheck], ShopPageCheck]:
    """Registers `fn(match) -> bool` deciding whether a shop page whose path matches `pattern`
    exists (storefront: a product page exists when the shop sells that product). The kernel
    knows no app; apps register their pages."""

    def register(fn: ShopPageCheck) -> ShopPageCheck:
        _shop_page_checks.append((re.compile(pattern), fn))
        return fn

    return register


def page_exists(request) -> bool:
    """Whether the app has a page at this path: a route it knows, and for pages an app
    registered a check for (a product page), the thing it shows."""
    shop = getattr(request, "shop", None)
    routes = client_routes()
    if routes is not None and not routes["shop" if shop is not None else "platform"].match(request.path):
        return False
    if shop is not None:
        for pattern, check in _shop_page_checks:
            match = pattern.match(request.path)
            if match is not None:
                return check(match)
    return True


@require_safe
def spa(request, *args, **kwargs) -> HttpResponse:
    """The app renders its own "not found" page; the status tells crawlers and tools the truth."""
    return spa_response(request, status=200 if page_exists(request) else 404)


UNKNOWN_SHOP_STYLE = ("body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;"
                      "color:#1a1a1a}a{color:#0b57d0}")
UNKNOWN_SHOP_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>No shop here</title>
<style>{style}</style></head><body><main><h1>There is no shop at this address</h1>
<p>Check the spelling of the address, or <a href="{root}">visit the platform</a> to find or open a shop.</p>
</main></body></html>"""


def unknown_shop_page() -> HttpResponse:
    html = UNKNOWN_SHOP_PAGE.format(root=escape(settings.ROOT_URL + "/"), style=UNKNOWN_SHOP_STYLE)
    response = HttpResponse(html, status=404, content_type="text/html; charset=utf-8")
    digest = base64.b64encode(hashlib.sha256(UNKNOWN_SHOP_STYLE.encode()).digest()).decode()
    response["Content-Security-Policy"] = (f"default-src 'none'; style-src 'sha256-{digest}'; "
                                           "frame-ancestors 'none'; base-uri 'none'; form-action 'none'")
    return response
