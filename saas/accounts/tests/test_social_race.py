"""The first social sign-in of one person, arriving several times at once (a double-clicked
consent, two tabs), makes one account and one link, and every copy still gets its hand-back
code. Runs on threads with their own committing connections, in a shop of its own."""
from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django_tenants.utils import schema_context

from saas.accounts import social
from saas.accounts.models import SocialHandback, SocialLink, User
from tenants.models import Shop
from tenants.services import shop_create

pytestmark = pytest.mark.django_db


def on_own_connection(fn):
    def call():
        try:
            return fn()
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(call).result()


@pytest.fixture(scope="module")
def race_shop(world, django_db_blocker):
    with django_db_blocker.unblock():
        shop = on_own_connection(
            lambda: shop_create(owner=world.merchant_a, name="Social race", subdomain="social-race"))
        yield shop
        on_own_connection(lambda: Shop.objects.get(pk=shop.pk).delete(force_drop=True))


def test_concurrent_first_sign_ins_make_one_account_and_one_link(race_shop):
    n = 4
    handoff = social.Handoff(schema=race_shop.schema_name, host="social-race.localhost", from_path="/account/login",
                             nonce_hash="n", provider="google")
    identity = social.ProviderIdentity(provider="google", uid="g-race", email="racer@example.test",
                                       email_verified=True)
    barrier = threading.Barrier(n)

    def sign_in(_):
        barrier.wait()
        try:
            return social.social_callback_complete(handoff=handoff, identity=identity)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=n) as pool:
        urls = list(pool.map(sign_in, range(n)))
    assert all(urlsplit(url).path == "/auth/social" for url in urls), urls

    def counts():
        with schema_context(race_shop.schema_name):
            return (User.objects.filter(email="racer@example.test").count(), SocialLink.objects.count(),
                    SocialHandback.objects.count())

    assert on_own_connection(counts) == (1, 1, n)
