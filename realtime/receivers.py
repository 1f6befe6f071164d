from django.dispatch import receiver

from realtime.services import shop_broadcast
from tenants.signals import shop_status_changed


@receiver(shop_status_changed)
def close_sockets_of_suspended_shop(sender, shop, **kwargs) -> None:
    if shop.is_suspended:
        shop_broadcast(schema_name=shop.schema_name, event={"type": "shop.suspended"})
