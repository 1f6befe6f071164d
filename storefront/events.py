"""What happened in the commerce domain. Other apps (realtime, recs, webhooks) subscribe;
storefront imports none of them. Signals are sent after the transaction commits."""
from django.dispatch import Signal

order_placed = Signal()  # kwargs: order
order_status_changed = Signal()  # kwargs: order, status, note
product_viewed = Signal()  # kwargs: product, user
