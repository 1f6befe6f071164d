"""Settings of the whole deployment, read from the environment (see saas/env.py)."""
from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import dj_database_url
from celery.schedules import crontab

from saas.env import PRODUCTION, env, env_bool, env_int, env_list, local_secret_key

# Settings with a module of their own: the channel layer, payments (checkout's gateway, Stripe,
# plans) and social sign-in.
from saas.settings.channels import channel_layers
from saas.settings.payments import *  # noqa: F403
from saas.settings.payments import beat_schedule as payments_beat_schedule
from saas.settings.social import *  # noqa: F403

BASE_DIR = Path(__file__).resolve().parent.parent.parent
DATA_DIR = BASE_DIR / ".data"

# Production must be given its key; elsewhere it is a random one kept under .data/ (never a
# default written here, which anyone could use to sign tokens).
SECRET_KEY = (
    env("SECRET_KEY", required_in_production=True)
    if PRODUCTION
    else env("SECRET_KEY", "") or local_secret_key(Path(env("SECRET_KEY_FILE", str(DATA_DIR / "secret_key"))))
)
DEBUG = env_bool("DEBUG", False)

# The platform lives on ROOT_URL's host; every shop on <subdomain>.<ROOT_DOMAIN> or a custom domain.
ROOT_URL = env("ROOT_URL", "http://localhost:8000", required_in_production=True).rstrip("/")
ROOT_DOMAIN = env("ROOT_DOMAIN", urlsplit(ROOT_URL).hostname or "localhost")
PLATFORM_HOSTS = set(env_list("PLATFORM_HOSTS", [ROOT_DOMAIN, f"www.{ROOT_DOMAIN}"]))
# Hosts are checked against the shops' domains by tenants.middleware, so Django's own check is open.
ALLOWED_HOSTS = ["*"]
# The scheme allauth builds the social sign-in's callback URLs with (the rest: saas/settings/social.py).
ACCOUNT_DEFAULT_HTTP_PROTOCOL = urlsplit(ROOT_URL).scheme or "http"

SHARED_APPS = [
    # tenants comes before django_tenants so that its migrate/migrate_schemas commands win.
    "tenants",
    "django_tenants",
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "saas",
    "saas.accounts",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "channels",
    "billing",
    # social sign-in: allauth's provider code runs on the root domain only (saas/accounts/social*.py)
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.google",
    "allauth.socialaccount.providers.facebook",
]
TENANT_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "saas.accounts",
    "storefront",
    "merchant_dashboard",
    "recs",
    "realtime",
    "realtime.notifications",
    "billing",  # in both lists: the platform's Stripe records in public, each shop's in its schema
]
INSTALLED_APPS = SHARED_APPS + [app for app in TENANT_APPS if app not in SHARED_APPS]

TENANT_MODEL = "tenants.Shop"
TENANT_DOMAIN_MODEL = "tenants.Domain"
# New shops are cloned from this schema, which migrate_schemas keeps migrated.
TENANT_BASE_SCHEMA = "shop_template"
TENANT_CREATION_FAKES_MIGRATIONS = True
# Set search_path when the schema changes, not before every query (halves the round trips).
TENANT_LIMIT_SET_CALLS = True
SHOP_HOST_LOCAL_TTL = float(env("SHOP_HOST_LOCAL_TTL", "5"))
SHOP_HOST_CACHE_TTL = env_int("SHOP_HOST_CACHE_TTL", 300)

# The security headers come first, so that answers made early (unknown or suspended shop,
# catalog cache hits) carry them as well.
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "saas.security.ContentSecurityPolicyMiddleware",
    "tenants.middleware.ShopMiddleware",
    "storefront.middleware.CatalogCacheMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.common.CommonMiddleware",
    "saas.kernel.errors.JsonErrorMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "saas.urls_tenant"
# An API path without its trailing slash answers a JSON 404 naming the right path, rather than
# a redirect that turns a POST into a GET.
APPEND_SLASH = False
PUBLIC_SCHEMA_URLCONF = "saas.urls_public"
WSGI_APPLICATION = "saas.wsgi.application"
ASGI_APPLICATION = "saas.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/shopyard", required_in_production=True),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
# django-tenants' backend that does not repeat an unchanged search path on every request
DATABASES["default"]["ENGINE"] = "saas.db"
# Typo-tolerant search: "lantrn" should still find "lantern" (the default 0.6 misses it).
DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c pg_trgm.word_similarity_threshold=0.4"
DATABASE_ROUTERS = ["django_tenants.routers.TenantSyncRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL", "redis://127.0.0.1:6379/0", required_in_production=True)
CACHES: dict[str, dict[str, Any]] = {
    "default": {
        "BACKEND": "saas.cache.FastRedisCache",
        "LOCATION": REDIS_URL,
        # Every key carries the schema it was written from: no shop reads another's entries.
        "KEY_FUNCTION": "django_tenants.cache.make_key",
        "REVERSE_KEY_FUNCTION": "django_tenants.cache.reverse_key",
        "KEY_PREFIX": env("CACHE_PREFIX", "shopyard"),
    }
}

# The WebSocket consumers' channel layer (saas/settings/channels.py).
CHANNEL_LAYERS = channel_layers(REDIS_URL)

CELERY_BROKER_URL = REDIS_URL
CELERY_RESULT_BACKEND = REDIS_URL
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_RESULT_EXPIRES = 3600
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True

AUTH_USER_MODEL = "accounts.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_TIMEOUT", 3600)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["saas.accounts.authentication.ShopBoundJWTAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["saas.kernel.parsers.SafeJSONParser"],
    "DEFAULT_PAGINATION_CLASS": "saas.kernel.pagination.PageNumberPagination",
    "PAGE_SIZE": 24,
    "EXCEPTION_HANDLER": "saas.kernel.errors.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_RATES": {
        "auth": env("AUTH_THROTTLE_RATE", "30/min"),
        # Checkout and paying an order, per cart, per signed-in customer and per client address:
        # far above what a shopper does, far below what a script holding stock needs.
        "checkout_cart": env("CHECKOUT_THROTTLE_CART", "10/min"),
        "checkout_customer": env("CHECKOUT_THROTTLE_CUSTOMER", "10/min"),
        "checkout_client": env("CHECKOUT_THROTTLE_CLIENT", "60/min"),
        "order_lookup": env("ORDER_LOOKUP_THROTTLE_RATE", "10/min"),
        # A visitor's page asks for one per (re)connection: a few a minute per open tab.
        "ws_ticket_visitor": env("WS_TICKET_VISITOR_THROTTLE_RATE", "60/min"),
        # New visitor ids per address (each counts once in a public promotion's figures).
        "ws_visitor_new": env("WS_VISITOR_NEW_THROTTLE_RATE", "20/hour"),
    },
    "UNAUTHENTICATED_USER": None,
    # Throttles key on the client address: X-Forwarded-For is believed only for as many hops
    # as there are proxies of ours in front (0: the header is ignored, so forging it gains nothing).
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
}
SIMPLE_JWT = {
    "ACCESS_TOKEN_LIFETIME": timedelta(minutes=env_int("JWT_ACCESS_MINUTES", 15)),
    "REFRESH_TOKEN_LIFETIME": timedelta(days=env_int("JWT_REFRESH_DAYS", 14)),
    "ROTATE_REFRESH_TOKENS": True,
    "BLACKLIST_AFTER_ROTATION": True,
    "UPDATE_LAST_LOGIN": False,
    "ALGORITHM": "HS256",
    "SIGNING_KEY": env("JWT_SIGNING_KEY", SECRET_KEY),
    "AUTH_HEADER_TYPES": ("Bearer",),
}
# A repeated refresh with the same token inside this window returns the same new pair (a retry,
# a racing tab); after it, reuse of a rotated token revokes the whole sign-in.
LOGIN_FAILURES_PER_ACCOUNT = env_int("LOGIN_FAILURES_PER_ACCOUNT", 5)
LOGIN_FAILURE_WINDOW_SECONDS = env_int("LOGIN_FAILURE_WINDOW_SECONDS", 900)
JWT_REFRESH_GRACE_SECONDS = env_int("JWT_REFRESH_GRACE_SECONDS", 10)
SPECTACULAR_SETTINGS = {
    "TITLE": "Shopyard API",
    "DESCRIPTION": "One schema per host: the platform's API on the root domain, each shop's API on its own host.",
    "VERSION": "0.1.0",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "ProductStatusEnum": "storefront.models.ProductStatus",
        "OrderStatusEnum": "storefront.models.OrderStatus",
        "ShopStatusEnum": "tenants.models.ShopStatus",
        "RoleEnum": "saas.accounts.models.Role",
        "InvitableRoleEnum": "saas.accounts.models.INVITABLE_ROLE_CHOICES",
    },
}

# A body larger than this is refused with 413 before any parsing.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("MAX_BODY_BYTES", 1024 * 1024)
# Any request, uploads included (CSV imports up to 50 MB), is refused above this.
MAX_REQUEST_BYTES = env_int("MAX_REQUEST_BYTES", 55 * 1024 * 1024)

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(DATA_DIR / "static")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
FRONTEND_DIST = BASE_DIR / "frontend" / "dist"
STATICFILES_DIRS = [FRONTEND_DIST] if FRONTEND_DIST.exists() else []
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # collectstatic writes a gzip copy of each file beside it; WhiteNoise serves it to clients
    # that accept gzip. Vite already names built files by content, so no manifest is needed.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}


def vite_hashed(path: str, url: str) -> bool:
    """Vite's built assets carry their content hash ("index-CSliV9zW.js"): cacheable for ever."""
    return re.match(r"^.+[.-][0-9a-zA-Z_-]{8,12}\..+$", url) is not None


WHITENOISE_IMMUTABLE_FILE_TEST = vite_hashed
WHITENOISE_MAX_AGE = env_int("STATIC_MAX_AGE", 3600)  # files without a hash in their name
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(DATA_DIR / "media")))

EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_FILE_PATH = env("EMAIL_FILE_PATH", str(DATA_DIR / "mail"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Shopyard <no-reply@localhost>")

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = False
USE_TZ = True

SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # No endpoint authenticates by cookie (JWTs travel in the Authorization header, which a
    # cross-site form cannot set), so there is nothing for CSRF middleware to protect; a view that
    # ever reads a cookie session must add it. The one session (the social sign-in's begin and
    # callback, GET only) holds OAuth state that allauth's `state` check and our nonce protect.
    # HSTS preload is the domain owner's commitment.
    SILENCED_SYSTEM_CHECKS = ["security.W003", *([] if SECURE_HSTS_PRELOAD else ["security.W021"])]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
    # 4xx answers are the API working as designed; log server errors only.
    "loggers": {"django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False}},
}

ORDER_TOKEN_MAX_AGE_DAYS = env_int("ORDER_TOKEN_MAX_AGE_DAYS", 90)
MAX_ADDRESSES = env_int("MAX_ADDRESSES", 20)
# CSV imports fetch `image_url` from the internet only: loopback and private networks are refused
# unless this is set (tests serve images from 127.0.0.1).
IMPORT_IMAGE_ALLOW_PRIVATE = env_bool("IMPORT_IMAGE_ALLOW_PRIVATE", False)
IMPORT_IMAGE_TIMEOUT = float(env("IMPORT_IMAGE_TIMEOUT", "10"))
MAX_IMAGE_BYTES = env_int("MAX_IMAGE_BYTES", 10 * 1024 * 1024)
CATALOG_CACHE = env_bool("CATALOG_CACHE", True)
CATALOG_LOCAL_TTL = float(env("CATALOG_LOCAL_TTL", "1"))
# how long a process keeps the planner's estimate of a filter's rows (past the exact counts)
CATALOG_ESTIMATE_TTL = float(env("CATALOG_ESTIMATE_TTL", "60"))
CELERY_BEAT_SCHEDULE = {
    "release-unpaid-orders": {"task": "storefront.tasks.release_unpaid_orders_everywhere", "schedule": 300.0},
    "purge-guest-carts": {"task": "storefront.tasks.purge_guest_carts_everywhere", "schedule": 86400.0},
    "reconcile-payments": {"task": "storefront.tasks.reconcile_payments_everywhere", "schedule": 60.0},
}

# Recommendations (recs/). Each process keeps at most this many bytes of shop models in memory.
RECS_MODEL_CACHE_BYTES = env_int("RECS_MODEL_CACHE_BYTES", 256 * 1024 * 1024)
RECS_VERSION_LOCAL_TTL = float(env("RECS_VERSION_LOCAL_TTL", "1"))
RECS_RAW_EVENT_DAYS = env_int("RECS_RAW_EVENT_DAYS", 180)
RECS_RETRAIN_AFTER_EVENTS = env_int("RECS_RETRAIN_AFTER_EVENTS", 2000)
RECS_BEACON_MAX_BYTES = env_int("RECS_BEACON_MAX_BYTES", 32 * 1024)
RECS_BEACON_MAX_EVENTS = env_int("RECS_BEACON_MAX_EVENTS", 50)
RECS_BEACON_RATE = env("RECS_BEACON_RATE", "120/min")
RECS_ATTRIBUTION_DAYS = env_int("RECS_ATTRIBUTION_DAYS", 7)
CELERY_BEAT_SCHEDULE["recs-train-nightly"] = {
    "task": "recs.tasks.train_everywhere", "schedule": crontab(hour=3, minute=0)}
CELERY_BEAT_SCHEDULE["recs-compact-events"] = {
    "task": "recs.tasks.compact_events_everywhere", "schedule": crontab(hour=4, minute=0)}

# Retention of the notification inbox and the merchant's feed (realtime.notifications.retention):
# a person keeps their notifications this many days and at most this many; feed items this many
# days. Deleted in batches of RETENTION_DELETE_BATCH rows, one short statement each.
NOTIFICATION_RETENTION_DAYS = env_int("NOTIFICATION_RETENTION_DAYS", 180)
NOTIFICATION_MAX_PER_RECIPIENT = env_int("NOTIFICATION_MAX_PER_RECIPIENT", 500)
FEED_RETENTION_DAYS = env_int("FEED_RETENTION_DAYS", 30)
RETENTION_DELETE_BATCH = env_int("RETENTION_DELETE_BATCH", 2000)
CELERY_BEAT_SCHEDULE["prune-inbox-and-feed"] = {
    "task": "realtime.notifications.tasks.prune_inbox_and_feed_everywhere", "schedule": crontab(hour=4, minute=30)}

CELERY_BEAT_SCHEDULE.update(payments_beat_schedule)
