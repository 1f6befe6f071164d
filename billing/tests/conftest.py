"""localstripe for the tests that talk to Stripe: the one `make test` started (STRIPE_API_BASE),
or one started here on 127.0.0.1 and stopped by its pid at the end."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def localstripe_url():
    url = os.environ.get("STRIPE_API_BASE", "")
    proc = None
    if not url:
        port = _free_port()
        proc = subprocess.Popen([sys.executable, str(ROOT / "infra" / "localstripe_server.py"), "--port", str(port)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        url = f"http://127.0.0.1:{port}"
        for _ in range(200):
            try:
                requests.get(url + "/js.stripe.com/v3/", timeout=1)
                break
            except requests.ConnectionError:
                time.sleep(0.05)
    previous, settings.STRIPE_API_BASE = settings.STRIPE_API_BASE, url
    yield url
    settings.STRIPE_API_BASE = previous
    if proc is not None:
        proc.terminate()
        proc.wait(10)


@pytest.fixture
def platform_stripe(settings, localstripe_url):
    """The platform's Stripe account, pointed at localstripe, with a webhook secret."""
    settings.STRIPE_PLATFORM_SECRET_KEY = "sk_test_platform"
    settings.STRIPE_PLATFORM_PUBLISHABLE_KEY = "pk_test_platform"
    settings.STRIPE_PLATFORM_WEBHOOK_SECRET = "whsec_platform_test"
    settings.STRIPE_API_BASE = localstripe_url
    settings.STRIPE_JS_URL = f"{localstripe_url}/js.stripe.com/v3/"
    return localstripe_url


def card(url: str, number: str) -> str:
    """What Stripe.js makes in the browser: a PaymentMethod for the card (its id is all the
    server ever sees)."""
    res = requests.post(url + "/v1/payment_methods", auth=("sk_test_shopyard12345", ""),
                        data={"type": "card", "card[number]": number, "card[exp_month]": "12",
                              "card[exp_year]": "2034", "card[cvc]": "123"}, timeout=10)
    res.raise_for_status()
    return res.json()["id"]


def authenticate(url: str, payment_intent: str, client_secret: str, *, success: bool = True) -> None:
    """The 3-D Secure step Stripe.js takes the shopper through (localstripe's stand-in)."""
    res = requests.post(f"{url}/v1/payment_intents/{payment_intent}/_authenticate",
                        params={"success": "true" if success else "false"},
                        json={"key": "pk_test_shopyard12345", "client_secret": client_secret}, timeout=10)
    res.raise_for_status()
