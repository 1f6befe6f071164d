"""Host -> shop for WebSocket connections (django-tenants has no ASGI middleware)."""
from __future__ import annotations

from channels.db import database_sync_to_async
from django.conf import settings

from tenants.middleware import host_of
from tenants.selectors import shop_for_host, shop_for_host_in_process

CLOSE_UNKNOWN_SHOP = 4404
CLOSE_SUSPENDED = 4403


def _header(scope, name: bytes) -> str:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return value.decode("latin-1")
    return ""


class ShopWebsocketMiddleware:
    """Sets scope["shop"]; refuses unknown hosts, the platform host and suspended shops."""

    def __init__(self, inner):
        self.inner = inner

    async def __call__(self, scope, receive, send):
        host = host_of(_header(scope, b"host"))
        shop = None
        if host not in settings.PLATFORM_HOSTS:
            # a warm host costs no hop to the one database thread, which connects queue behind
            shop = shop_for_host_in_process(host) or await database_sync_to_async(shop_for_host)(host)
        if shop is None or shop.is_suspended:
            code = CLOSE_SUSPENDED if shop is not None else CLOSE_UNKNOWN_SHOP
            message = await receive()
            if message["type"] == "websocket.connect":
                await send({"type": "websocket.close", "code": code})
            return None
        return await self.inner(dict(scope, shop=shop, schema_name=shop.schema_name), receive, send)
