"""Visitors (not signed in) counted in a public promotion's "reached" and "opened", once each.

A visitor id is made by the server and signed for this shop; the browser keeps the signed form
and shows it again with each ticket request, so reconnecting is the same visitor. A forged or
another shop's id is not taken. New ids per client address are limited (the ticket view's
`ws_visitor_new` rate); past it a visitor still gets promotions but is not counted. The socket
counts only a promotion it was sent itself (realtime.consumers)."""
from __future__ import annotations

import secrets

from django.core import signing
from django.db import connection
from django.utils import timezone

from realtime.notifications.models import Promotion, PromotionVisitor
from saas.kernel.tenancy import current_schema


def _signer() -> signing.Signer:
    return signing.Signer(salt=f"ws-visitor:{current_schema()}")


def visitor_id_new() -> tuple[str, str]:
    """(id, the signed form the browser keeps)."""
    visitor = secrets.token_hex(8)
    return visitor, _signer().sign(visitor)


def visitor_id_from(signed: object) -> str | None:
    if not isinstance(signed, str) or len(signed) > 200:
        return None
    try:
        return _signer().unsign(signed)
    except signing.BadSignature:
        return None


def promotion_visitor_record(*, promotion_id: int, visitor: str, opened: bool = False) -> bool:
    """Counts one visitor as reached by a public promotion (and as having opened it); says
    whether anything changed. Opening implies having been reached."""
    now = timezone.now()
    table, promos = (connection.ops.quote_name(m._meta.db_table) for m in (PromotionVisitor, Promotion))
    on_conflict = (f"DO UPDATE SET opened_at = EXCLUDED.opened_at WHERE {table}.opened_at IS NULL" if opened
                   else "DO NOTHING")
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (promotion_id, visitor, reached_at, opened_at) "
            f"SELECT id, %s, %s, %s FROM {promos} WHERE id = %s AND is_public "
            f"ON CONFLICT (promotion_id, visitor) {on_conflict}",
            [visitor, now, now if opened else None, promotion_id])
        return cursor.rowcount > 0
