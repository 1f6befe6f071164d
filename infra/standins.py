"""Loopback stand-ins for the outside services the tests cannot reach: Google (a real OpenID
Connect server) and Stripe (localstripe), started under the supervisor with the settings that
point the site at them."""
from __future__ import annotations

import os
import subprocess
import urllib.parse
import urllib.request

from datastores import PY, ROOT, free_port, wait_listening
from supervise import Supervisor


def google_stand_in(sup: Supervisor, port: int) -> dict[str, str]:
    """A real OpenID Connect server on loopback that plays Google for the browser journeys
    (oidc-provider-mock: any client id, an authorize page with Authorize and Deny), and the
    settings that point the site's Google sign-in at it."""
    sup.start(f"OpenID Connect stand-in for Google on :{port}",
              [str(PY), "-m", "oidc_provider_mock", "--host", "127.0.0.1", "--port", str(port)],
              env=dict(os.environ, NO_COLOR="1"), cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_listening([port], sup)
    return {"GOOGLE_CLIENT_ID": "shopyard-e2e", "GOOGLE_CLIENT_SECRET": "e2e-google-secret",
            "GOOGLE_OIDC_URL": f"http://127.0.0.1:{port}"}


def platform_stripe(base: str, site_port: int) -> dict[str, str]:
    """The test localstripe (`base`) as the platform's Stripe account too (the browser journeys pay
    plans through it), with its webhooks sent to the platform's endpoint; the settings for it."""
    secret = "whsec_e2e_platform"
    hook = urllib.parse.urlencode({"url": f"http://localhost:{site_port}/api/billing/webhooks/stripe/",
                                   "secret": secret}).encode()
    urllib.request.urlopen(urllib.request.Request(f"{base}/_config/webhooks/platform", data=hook), timeout=10).close()
    return {"STRIPE_PLATFORM_SECRET_KEY": "sk_test_e2e_platform", "STRIPE_PLATFORM_PUBLISHABLE_KEY": "pk_test_e2e",
            "STRIPE_PLATFORM_WEBHOOK_SECRET": secret, "STRIPE_API_BASE": base,
            "STRIPE_JS_URL": f"{base}/js.stripe.com/v3/"}


def localstripe_start(sup: Supervisor) -> str:
    """The fake Stripe the tests pay against (python and e2e suites), on 127.0.0.1 only."""
    port = free_port()
    sup.start("localstripe", [str(PY), str(ROOT / "infra" / "localstripe_server.py"), "--port", str(port)],
              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_listening([port], sup)
    return f"http://127.0.0.1:{port}"
