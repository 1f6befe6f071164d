"""Channel group names: always prefixed by the shop's schema, so no socket hears another shop."""


def shop_group(schema_name: str) -> str:
    return f"{schema_name}.shop"


def user_group(schema_name: str, user_id: int) -> str:
    return f"{schema_name}.user.{user_id}"
