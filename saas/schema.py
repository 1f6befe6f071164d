"""OpenAPI: describe the shop-bound JWT so the docs offer an Authorize button."""
from drf_spectacular.extensions import OpenApiAuthenticationExtension


class ShopBoundJWTScheme(OpenApiAuthenticationExtension):
    target_class = "saas.accounts.authentication.ShopBoundJWTAuthentication"
    name = "jwt"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "bearerFormat": "JWT",
                "description": "An access token from this host's own sign-in; tokens of other shops are refused."}
