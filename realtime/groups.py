"""Channel group names: always prefixed by the shop's schema, so no socket hears another shop."""


def shop_group(schema_name: str) -> str:
    return f"{schema_name}.shop"


def user_group(schema_name: str, user_id: int) -> str:
    return f"{schema_name}.user.{user_id}"


def visitors_group(schema_name: str) -> str:
    """Sockets of people who are not signed in: public promotions only."""
    return f"{schema_name}.visitors"


def feed_group(schema_name: str, area: str) -> str:
    """Staff sockets whose role may read one dashboard area (orders, catalog, support)."""
    return f"{schema_name}.feed.{area}"
