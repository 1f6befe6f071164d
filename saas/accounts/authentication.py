"""JWTs bound to the schema (shop, or the platform) that issued them."""
from __future__ import annotations

from rest_framework import exceptions
from rest_framework_simplejwt.authentication import JWTAuthentication
from rest_framework_simplejwt.tokens import Token

from saas.kernel.tenancy import current_schema

SHOP_CLAIM = "shop"


def check_token_shop(token: Token) -> None:
    """Neither simplejwt nor the tenancy library ties a token to a tenant: user ids repeat
    across schemas, so without this a shop-A token would sign in shop B's user with the same id."""
    if token.get(SHOP_CLAIM) != current_schema():
        raise exceptions.AuthenticationFailed("This token was not issued for this shop.", code="token_wrong_shop")


class ShopBoundJWTAuthentication(JWTAuthentication):
    www_authenticate_realm = "api"

    def get_validated_token(self, raw_token: bytes) -> Token:
        token = super().get_validated_token(raw_token)
        check_token_shop(token)
        return token
