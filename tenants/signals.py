"""What happens to shops, for other apps to act on (realtime closes sockets, billing, ...)."""
from django.dispatch import Signal

shop_created = Signal()  # kwargs: shop
shop_status_changed = Signal()  # kwargs: shop
shop_deleted = Signal()  # kwargs: schema_name, hosts (sent after the schema is dropped)
