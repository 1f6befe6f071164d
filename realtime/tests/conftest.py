import asyncio

import pytest
from channels.db import database_sync_to_async
from django.db import connections


@pytest.fixture(autouse=True)
def _close_socket_thread_connections():
    """Consumers reach the database from asgiref's worker thread; close what it opened so the
    test database can be dropped at the end of the session."""
    yield

    async def close():
        await database_sync_to_async(connections.close_all)()

    asyncio.run(close())
