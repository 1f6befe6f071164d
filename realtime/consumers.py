"""WebSocket consumers. The shop comes from tenants.asgi.ShopWebsocketMiddleware (scope["shop"]).

database_sync_to_async calls share one thread, so a schema set by one call would leak into
the next: every database call here sets the schema it needs itself (`in_schema`)."""
from __future__ import annotations

from urllib.parse import parse_qs

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from realtime.groups import shop_group, user_group
from saas.kernel.tenancy import tenant_connection

CLOSE_UNAUTHORIZED = 4401
CLOSE_SUSPENDED = 4403


def in_schema(schema_name: str, fn, *args, **kwargs):
    tenant_connection().set_schema(schema_name)
    try:
        return fn(*args, **kwargs)
    finally:
        tenant_connection().set_schema_to_public()


def _redeem(ticket: str):
    from realtime.services import ws_ticket_redeem
    from saas.accounts.models import User

    user_id = ws_ticket_redeem(ticket=ticket)
    if user_id is None:
        return None
    return User.objects.filter(pk=user_id, is_active=True).values("id", "email", "role").first()


class NotificationConsumer(AsyncJsonWebsocketConsumer):
    """A signed-in person's live feed on one shop: order updates, promotions, shop events."""

    async def connect(self):
        shop = self.scope["shop"]
        ticket = parse_qs(self.scope.get("query_string", b"").decode()).get("ticket", [""])[0]
        user = await database_sync_to_async(in_schema)(shop.schema_name, _redeem, ticket) if ticket else None
        if user is None:
            await self.close(code=CLOSE_UNAUTHORIZED)
            return
        self.user = user
        self.groups_joined = [shop_group(shop.schema_name), user_group(shop.schema_name, user["id"])]
        for group in self.groups_joined:
            await self.channel_layer.group_add(group, self.channel_name)
        await self.accept()
        await self.send_json({"type": "hello", "shop": shop.subdomain, "user": user["email"]})

    async def disconnect(self, code):
        for group in getattr(self, "groups_joined", []):
            await self.channel_layer.group_discard(group, self.channel_name)

    async def receive_json(self, content, **kwargs):
        if content.get("type") == "ping":
            # Renews this socket's group memberships, which the channel layer forgets after
            # its group_expiry (see CHANNEL_LAYERS): a page open for days keeps its feed.
            for group in self.groups_joined:
                await self.channel_layer.group_add(group, self.channel_name)
            await self.send_json({"type": "pong"})

    async def notify(self, event):
        await self.send_json(event["message"])

    async def shop_suspended(self, event):
        await self.close(code=CLOSE_SUSPENDED)

    async def session_revoked(self, event):
        await self.close(code=CLOSE_UNAUTHORIZED)
