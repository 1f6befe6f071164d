"""allauth's socialaccount adapter: apps come from the environment (one per provider, for every
shop), and a finished provider login is handed to our own flow (`social.social_callback_complete`)
instead of allauth's session login, which would sign the person in to the root domain."""
from __future__ import annotations

import logging

from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.internal import statekit
from allauth.socialaccount.models import SocialApp
from allauth.socialaccount.providers.base.constants import AuthError
from django.conf import settings
from django.http import HttpResponseRedirect, JsonResponse

from saas.accounts import social
from saas.kernel.errors import error_body

log = logging.getLogger(__name__)


def _redirect(url: str) -> HttpResponseRedirect:
    # the hosts were checked against the active shops' domains (social.handoff_verify / _active_shop)
    response = HttpResponseRedirect(url)
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response


def state_error_response() -> JsonResponse:
    err = social.state_error()
    return JsonResponse(error_body(err.code, err.message), status=err.status_code)


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def list_apps(self, request, provider=None, client_id=None):
        apps = []
        for name in social.enabled_providers():
            config = settings.SOCIAL_PROVIDER_APPS[name]
            if provider not in (None, name) or client_id not in (None, config["client_id"]):
                continue
            apps.append(SocialApp(provider=name, name=social.PROVIDER_NAMES[name], client_id=config["client_id"],
                                  secret=config["secret"], settings={}))
        return apps

    def pre_social_login(self, request, sociallogin):
        handoff = social.handoff_from_dict((sociallogin.state.get("data") or {})["handoff"])
        account = sociallogin.account
        addresses = sociallogin.email_addresses
        primary = next((a for a in addresses if a.primary), addresses[0] if addresses else None)
        data = account.extra_data or {}
        identity = social.ProviderIdentity(
            provider=account.provider, uid=str(account.uid),
            email=primary.email if primary else "", email_verified=bool(primary and primary.verified),
            full_name=str(data.get("name") or ""))
        raise ImmediateHttpResponse(_redirect(social.social_callback_complete(handoff=handoff, identity=identity)))

    def on_authentication_error(self, request, provider, error=None, exception=None, extra_context=None):
        state = (extra_context or {}).get("state") or {}
        raw = (state.get("data") or {}).get("handoff")
        if exception is not None:
            log.warning("social sign-in with %s failed: %r", getattr(provider, "id", provider), exception)
        if raw is None and "error" in request.GET and "state" not in request.GET:
            # some providers drop `state` from an error redirect; this browser's pending sign-in
            # (in its own root-domain session) says where it started, and an error signs no one in
            pending = statekit.unstash_last_state(request, provider_id=provider.sub_id) or {}
            raw = (pending.get("data") or {}).get("handoff")
        if raw is None:  # no state of ours in this session: a replayed, forged or stale callback
            raise ImmediateHttpResponse(state_error_response())
        cancelled = error == AuthError.CANCELLED or request.GET.get("error") == "access_denied"
        code = "cancelled" if cancelled else "provider_error"
        raise ImmediateHttpResponse(_redirect(social.error_url(social.handoff_from_dict(raw), code)))
