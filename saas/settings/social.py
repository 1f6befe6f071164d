"""Social sign-in (saas/accounts/social.py) through allauth, and the one cookie session its
OAuth state needs. base.py pulls these in; ACCOUNT_DEFAULT_HTTP_PROTOCOL stays there, beside the
ROOT_URL it is read from."""
from __future__ import annotations

from typing import Any

from saas.env import env, env_int

# One app per provider for every shop, set here once; a provider without both values is off and
# its buttons are hidden. Register the callbacks <ROOT_URL>/api/platform/social/google/callback/
# and .../facebook/callback/ with the providers.
SOCIAL_PROVIDER_APPS = {
    "google": {"client_id": env("GOOGLE_CLIENT_ID", ""), "secret": env("GOOGLE_CLIENT_SECRET", "")},
    "facebook": {"client_id": env("FACEBOOK_CLIENT_ID", ""), "secret": env("FACEBOOK_CLIENT_SECRET", "")},
}
SOCIAL_STATE_MAX_AGE = env_int("SOCIAL_STATE_MAX_AGE", 600)  # seconds from the button to the callback
SOCIAL_HANDBACK_SECONDS = env_int("SOCIAL_HANDBACK_SECONDS", 60)


def social_providers(*, google_url: str = "", facebook_url: str = "") -> dict[str, dict[str, Any]]:
    """allauth's provider settings. The URLs point a provider at a stand-in (tests, e2e): an OpenID
    Connect server for Google, Graph-API-shaped endpoints for Facebook."""
    google: dict[str, Any] = {"SCOPE": ["openid", "profile", "email"], "OAUTH_PKCE_ENABLED": True}
    if google_url:
        google.update(AUTHORIZE_URL=f"{google_url}/oauth2/authorize", ACCESS_TOKEN_URL=f"{google_url}/oauth2/token",
                      IDENTITY_URL=f"{google_url}/userinfo", ID_TOKEN_ISSUER=google_url, CERTS_URL=f"{google_url}/jwks")
    # allauth reports Facebook e-mails unverified (Facebook does not say): they never link to an account
    facebook: dict[str, Any] = {"SCOPE": ["email", "public_profile"], "METHOD": "oauth2", "VERIFIED_EMAIL": False}
    if facebook_url:
        facebook.update(AUTHORIZE_URL=f"{facebook_url}/dialog/oauth", GRAPH_API_URL=facebook_url)
    return {"google": google, "facebook": facebook}


SOCIALACCOUNT_PROVIDERS = social_providers(google_url=env("GOOGLE_OIDC_URL", ""),
                                           facebook_url=env("FACEBOOK_GRAPH_URL", ""))
SOCIALACCOUNT_ADAPTER = "saas.accounts.social_adapter.SocialAccountAdapter"
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False  # linking by e-mail is ours (verified addresses only)
SOCIALACCOUNT_STORE_TOKENS = False
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
# Only the root domain's begin and callback views have a session (allauth's OAuth state), in Redis.
SESSION_ENGINE = "django.contrib.sessions.backends.cache"
SESSION_COOKIE_NAME = "shopyard_oauth"
SESSION_COOKIE_PATH = "/api/platform/social/"
SESSION_COOKIE_AGE = SOCIAL_STATE_MAX_AGE
SESSION_COOKIE_SAMESITE = "Lax"  # the provider's redirect back is a top-level GET, which Lax allows
