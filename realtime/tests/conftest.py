import asyncio

import pytest
from channels.db import database_sync_to_async
from django.db import connections
from django_tenants.utils import schema_context


@pytest.fixture(autouse=True)
def _close_socket_thread_connections():
    """Consumers reach the database from asgiref's worker thread; close what it opened so the
    test database can be dropped at the end of the session."""
    yield

    async def close():
        await database_sync_to_async(connections.close_all)()

    asyncio.run(close())


def _in(schema: str, fn, *args, **kwargs):
    with schema_context(schema):
        return fn(*args, **kwargs)


def _wipe(schemas):
    from realtime.notifications.models import FeedItem, Notification, Promotion, RecipientSequence

    for schema in schemas:
        with schema_context(schema):
            Promotion.objects.all().delete()
            Notification.objects.all().delete()
            RecipientSequence.objects.all().delete()
            FeedItem.objects.all().delete()


@pytest.fixture
def committed(world):
    """`await committed(schema, fn, ...)` runs fn in the sockets' thread (autocommit)."""
    run = database_sync_to_async(_in)
    yield run
    asyncio.run(database_sync_to_async(_wipe)([world.shop_a.schema_name, world.shop_b.schema_name]))
