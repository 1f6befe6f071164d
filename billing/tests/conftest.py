"""localstripe on 127.0.0.1, started once for the tests that talk to Stripe, stopped by its pid."""
from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

RUNNER = Path(__file__).resolve().parents[2] / "infra" / "localstripe_server.py"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def localstripe_url():
    port = _free_port()
    proc = subprocess.Popen([sys.executable, str(RUNNER), "--port", str(port)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    deadline = time.monotonic() + 20
    while True:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                break
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise RuntimeError(f"localstripe did not start: {proc.stderr.read().decode() if proc.stderr else ''}")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture
def platform_stripe(settings, localstripe_url):
    """The platform's Stripe account, pointed at localstripe, with a webhook secret."""
    settings.STRIPE_PLATFORM_SECRET_KEY = "sk_test_platform"
    settings.STRIPE_PLATFORM_PUBLISHABLE_KEY = "pk_test_platform"
    settings.STRIPE_PLATFORM_WEBHOOK_SECRET = "whsec_platform_test"
    settings.STRIPE_API_BASE = localstripe_url
    settings.STRIPE_JS_URL = f"{localstripe_url}/js.stripe.com/v3/"
    return localstripe_url
