"""Payment settings: checkout's gateway and the shops' Stripe keys (storefront.payments,
billing.gateways), how long unpaid orders hold stock, and the plans merchants pay the platform
for (billing.subscriptions). base.py pulls these in; nothing here depends on its other values."""
from __future__ import annotations

from saas.env import env, env_int

# Checkout's payment gateway (storefront.payments): a shop with its Stripe keys entered in the
# dashboard takes cards through Stripe, any other through the offline test gateway (approves
# 4242 4242 4242 4242, declines 4000 0000 0000 0002).
PAYMENT_GATEWAY = env("PAYMENT_GATEWAY", "billing.gateways.shop_gateway")
# Where the Stripe SDK sends requests, for the shops' accounts and the platform's alike: Stripe
# itself unless set (tests and make test: localstripe on 127.0.0.1).
STRIPE_API_BASE = env("STRIPE_API_BASE", "")
# A Fernet key for the shops' stored Stripe secrets; derived from SECRET_KEY when empty.
STRIPE_SECRETS_KEY = env("STRIPE_SECRETS_KEY", "")
# Open payment attempts older than this are read again from the provider (payments_reconcile).
PAYMENT_RECONCILE_AFTER_SECONDS = env_int("PAYMENT_RECONCILE_AFTER_SECONDS", 120)
UNPAID_ORDER_MINUTES = env_int("UNPAID_ORDER_MINUTES", 30)
# A declined charge keeps its order's stock and discount use only this long (a retry with
# another card extends it, never past UNPAID_ORDER_MINUTES after placing).
DECLINED_HOLD_MINUTES = env_int("DECLINED_HOLD_MINUTES", 5)
MAX_UNPAID_ORDERS = env_int("MAX_UNPAID_ORDERS", 3)  # open unpaid orders per cart, customer or guest e-mail

# Plans: merchants pay the platform through the platform's own Stripe account (billing.subscriptions).
# STRIPE_JS_URL is where the billing page loads Stripe.js from.
STRIPE_PLATFORM_SECRET_KEY = env("STRIPE_PLATFORM_SECRET_KEY", "")
STRIPE_PLATFORM_PUBLISHABLE_KEY = env("STRIPE_PLATFORM_PUBLISHABLE_KEY", "")
STRIPE_PLATFORM_WEBHOOK_SECRET = env("STRIPE_PLATFORM_WEBHOOK_SECRET", "")
STRIPE_JS_URL = env("STRIPE_JS_URL", "https://js.stripe.com/v3/")
# A failed renewal leaves the shop open this long, with a warning to the owner, before it closes.
BILLING_GRACE_DAYS = env_int("BILLING_GRACE_DAYS", 7)

# Merged into base.CELERY_BEAT_SCHEDULE (lower case: not a setting of its own).
beat_schedule = {
    "billing-close-overdue-shops": {"task": "billing.tasks.close_overdue_shops", "schedule": 3600.0},
}
