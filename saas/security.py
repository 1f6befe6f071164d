"""Content-Security-Policy on every response, pages and API alike.

Pages (the React app, the API docs) load only this host's own scripts, styles, images and
sockets: the app's config is a JSON script element, which a browser never runs, so no inline
script is allowed anywhere. Everything else (JSON, files) may load nothing at all. No response
may be framed by another site (with X-Frame-Options DENY from Django's middleware, for older
browsers). Sits above the shop and catalog-cache middlewares, so early answers get it too."""
from __future__ import annotations

from django.conf import settings
from django.core.exceptions import DisallowedHost

HEADER = "Content-Security-Policy"
NOTHING = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"


def _origin(url: str) -> str:
    """The origin of an absolute URL (media in object storage), or '' for a path on this host."""
    if "://" not in url:
        return ""
    scheme, rest = url.split("://", 1)
    return f"{scheme}://{rest.split('/', 1)[0]}"


def stripe_origins() -> tuple[str, str]:
    """(Stripe.js's origin, the API's) when the platform takes cards, else blanks: the billing page
    loads Stripe.js, which talks to Stripe's API and frames its card fields from its own origin."""
    if not settings.STRIPE_PLATFORM_PUBLISHABLE_KEY:
        return "", ""
    return _origin(settings.STRIPE_JS_URL), _origin(settings.STRIPE_API_BASE) or "https://api.stripe.com"


# Shops take cards through Stripe.js and its card fields (iframes): the card number never reaches this server.
STRIPE_JS = "https://js.stripe.com"
STRIPE_CONNECT = "https://api.stripe.com https://js.stripe.com"


def _joined(*parts: str) -> str:
    seen: list[str] = []
    for part in " ".join(parts).split():
        if part not in seen:
            seen.append(part)
    return " ".join(seen)


def page_policy(host: str, *, inline_styles: bool = False) -> str:
    media = _origin(settings.MEDIA_URL)
    styles = "'self' 'unsafe-inline'" if inline_styles else "'self'"
    stripe_js, stripe_api = stripe_origins()
    connect = f"connect-src 'self' ws://{host} wss://{host}" if host else "connect-src 'self'"
    directives = [
        "default-src 'self'",
        _joined("script-src 'self'", STRIPE_JS, stripe_js),
        _joined("frame-src", STRIPE_JS, "https://hooks.stripe.com", stripe_js),
        f"style-src {styles}",
        " ".join(["img-src 'self' data: blob:", media]).strip(),
        "font-src 'self' data:",
        # 'self' covers ws: and wss: in CSP 3 only; older engines need them named
        _joined(connect, STRIPE_CONNECT, stripe_api, stripe_js),
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
    return "; ".join(directives)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if HEADER in response:  # a page that needs its own (e.g. a hash for its inline style)
            return response
        if response.get("Content-Type", "").startswith("text/html"):
            # Swagger UI sets style attributes from its script: styles only, never scripts
            docs = request.path.startswith("/api/docs")
            try:
                host = request.get_host()
            except DisallowedHost:
                host = ""
            response[HEADER] = page_policy(host, inline_styles=docs)
        else:
            response[HEADER] = NOTHING
        return response
