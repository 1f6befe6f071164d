"""What happened in the commerce domain. Other apps (realtime, recs, webhooks) subscribe;
storefront imports none of them. Signals go out after the transaction commits, and carry
the schema they happened in (by then the request may have left the shop's schema)."""
from django.db import transaction
from django.dispatch import Signal

from saas.tenancy import current_schema

order_placed = Signal()  # kwargs: schema_name, order
order_status_changed = Signal()  # kwargs: schema_name, order, status, note
product_viewed = Signal()  # kwargs: schema_name, slug, user_id (signed-in shoppers only)


def send_after_commit(signal: Signal, **kwargs) -> None:
    schema_name = current_schema()
    transaction.on_commit(lambda: signal.send(sender=None, schema_name=schema_name, **kwargs))
