"""Subdomain rules and the names derived from a subdomain."""
from __future__ import annotations

import re
import secrets

from django.conf import settings

SUBDOMAIN_RE = re.compile(r"^[a-z0-9][a-z0-9-]{1,28}[a-z0-9]$")
RESERVED_SUBDOMAINS = frozenset({
    "www", "api", "admin", "static", "media", "public", "app", "apps", "dashboard", "mail", "email",
    "smtp", "imap", "pop", "ftp", "ssh", "support", "help", "status", "docs", "doc", "blog", "shop",
    "shops", "store", "root", "platform", "billing", "auth", "login", "signup", "account", "accounts",
    "assets", "cdn", "ws", "wss", "socket", "template", "default", "test", "dev", "staging", "internal",
    "system", "localhost", "webhooks", "webhook", "oauth", "sso", "id", "dns", "ns1", "ns2", "mx",
})


def subdomain_problem(subdomain: str) -> tuple[str, str] | None:
    """(code, message) saying why a subdomain cannot be used, or None. Availability is checked apart."""
    if not 3 <= len(subdomain) <= 30:
        return "invalid", "Use 3 to 30 characters."
    if not re.fullmatch(r"[a-z0-9-]+", subdomain):
        return "invalid", "Use only lowercase letters, digits and hyphens."
    if not SUBDOMAIN_RE.match(subdomain) or "--" in subdomain:
        return "invalid", "Start and end with a letter or digit, and use no double hyphens."
    if subdomain in RESERVED_SUBDOMAINS:
        return "reserved", "This name is reserved."
    return None


def schema_for_subdomain(subdomain: str) -> str:
    """A schema name used once only: tokens, cache keys, socket groups, media and models are
    all namespaced by it, so a shop created later on a freed subdomain must not get the same
    name and inherit what the deleted shop left behind."""
    return f"s_{subdomain.replace('-', '_')}_{secrets.token_hex(4)}"


def domain_for_subdomain(subdomain: str) -> str:
    return f"{subdomain}.{settings.ROOT_DOMAIN}"
