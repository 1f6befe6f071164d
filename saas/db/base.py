"""django-tenants' backend, minus one round trip per request: it forgets the search path on
every `set_tenant` (the shop middleware sets the shop, then public, on each request), so each
request began with `SET search_path`. Here the path last set on the server is remembered and
not sent again while it is unchanged. Anything that can undo a SET (a rollback, a savepoint
rollback, a closed connection) forgets it, as django-tenants itself does.

The health check Django runs at the start of each request (CONN_HEALTH_CHECKS) is a `SELECT 1`
round trip: on an uncached catalog read it cost as much as the read. Here it asks the socket
first: a connection the server closed or terminated (a restart, `pg_terminate_backend`, an idle
timeout) has its goodbye or its end-of-file waiting to be read, while a healthy idle connection
has nothing to read at all. Only then is the `SELECT 1` asked, and only a connection that answers
it is kept."""
from __future__ import annotations

import select

from django_tenants.postgresql_backend import base
from django_tenants.utils import get_limit_set_calls


class DatabaseWrapper(base.DatabaseWrapper):
    def __init__(self, *args, **kwargs):
        self.server_search_path: list[str] | None = None
        super().__init__(*args, **kwargs)

    def _forget(self) -> None:
        self.server_search_path = None

    def close(self):
        self._forget()
        super().close()

    def rollback(self):
        self._forget()
        super().rollback()

    def savepoint_rollback(self, sid):
        self._forget()
        super().savepoint_rollback(sid)

    def _handle_search_path(self, cursor=None):
        if (get_limit_set_calls() and not self._setting_search_path and self.search_path_set_schemas is None
                and self.schema_name and self.server_search_path is not None
                and self.server_search_path == self._get_cursor_search_paths()):
            self.search_path_set_schemas = self.server_search_path
            return
        super()._handle_search_path(cursor)
        self.server_search_path = self.search_path_set_schemas

    def is_usable(self):
        if self.connection is None or self.connection.closed or self.connection.broken:
            return False
        try:
            poll = select.poll()
            poll.register(self.connection.fileno(), select.POLLIN | select.POLLPRI)
            waiting = poll.poll(0)
        except (OSError, ValueError):
            return False
        if not waiting:
            return True  # the server has said nothing since its last answer
        return super().is_usable()
