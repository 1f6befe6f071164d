"""Test settings: the same real services (PostgreSQL, Redis), quicker hashing, mail to files."""
from typing import Any

from saas.settings.base import *  # noqa: F403
from saas.settings.base import REDIS_URL
from saas.settings.base import REST_FRAMEWORK as _BASE_REST_FRAMEWORK
from saas.settings.channels import channel_layer_host
from saas.settings.social import social_providers

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
SHOP_HOST_LOCAL_TTL = 0.0
CATALOG_ESTIMATE_TTL = 0.0
CATALOG_LOCAL_TTL = 0.0  # tests that want the in-process layer turn it on themselves
# A database number of its own so tests never see the development data.
_TEST_REDIS = REDIS_URL.rsplit("/", 1)[0] + "/1"
CACHES["default"]["LOCATION"] = _TEST_REDIS  # noqa: F405
CHANNEL_LAYERS["default"]["CONFIG"]["hosts"] = [channel_layer_host(_TEST_REDIS)]  # noqa: F405
CELERY_BROKER_URL = _TEST_REDIS
CELERY_RESULT_BACKEND = _TEST_REDIS
_RATES: Any = _BASE_REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]
REST_FRAMEWORK = {**_BASE_REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": dict.fromkeys(_RATES, "10000/min")}
# Threads that serve sockets (database_sync_to_async) must not keep connections past a call,
# or the test database cannot be dropped at the end.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# Social sign-in against servers the tests start on these ports (saas/accounts/tests/providers.py).
SOCIAL_TEST_GOOGLE_PORT = _free_port()
SOCIAL_TEST_FACEBOOK_PORT = _free_port()
SOCIAL_PROVIDER_APPS = {
    "google": {"client_id": "shopyard-test-google", "secret": "google-test-secret"},
    "facebook": {"client_id": "shopyard-test-facebook", "secret": "facebook-test-secret"},
}
SOCIALACCOUNT_PROVIDERS = social_providers(
    google_url=f"http://127.0.0.1:{SOCIAL_TEST_GOOGLE_PORT}", facebook_url=f"http://127.0.0.1:{SOCIAL_TEST_FACEBOOK_PORT}")
