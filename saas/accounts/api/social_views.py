"""Social sign-in endpoints. On every host: start, redeem the hand-back code, the linked
providers. On the root domain only: begin (checks our signed state, then allauth redirects to
the provider) and allauth's callbacks, both with a Redis-backed session of their own."""
from __future__ import annotations

from collections.abc import Callable
from typing import cast

from allauth.socialaccount.adapter import get_adapter
from allauth.socialaccount.providers.facebook.views import oauth2_callback as facebook_callback
from allauth.socialaccount.providers.google.views import oauth2_callback as google_callback
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import HttpResponseBase
from django.urls import path
from django.utils.decorators import decorator_from_middleware
from django.views.decorators.cache import never_cache
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from saas.accounts import social
from saas.accounts.api.serializers import SessionSerializer
from saas.accounts.api.views import AuthView, session_response
from saas.accounts.models import SocialLink
from saas.accounts.social_adapter import state_error_response
from saas.kernel.api import AnyHostAPIView, on_platform
from saas.kernel.errors import AppError

_with_session = decorator_from_middleware(SessionMiddleware)


def with_session(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """A session (allauth's OAuth state) for the root domain's begin and callback views only."""
    return cast(Callable[..., HttpResponseBase], _with_session(view))


class StartSerializer(serializers.Serializer):
    provider = serializers.ChoiceField(choices=sorted(social.PROVIDER_NAMES))
    from_path = serializers.CharField(max_length=500, default="/login")


class StartAnswerSerializer(serializers.Serializer):
    url = serializers.CharField(help_text="Open this address (the root domain) in the same tab.")
    nonce = serializers.CharField(help_text="Keep it in this tab; send it back with the hand-back code.")


class RedeemSerializer(serializers.Serializer):
    code = serializers.CharField(max_length=128)
    nonce = serializers.CharField(max_length=128)


class SocialLinkSerializer(serializers.ModelSerializer):
    class Meta:
        model = SocialLink
        fields = ["id", "provider", "email", "created_at", "last_used_at"]
        read_only_fields = fields


class SocialLinksSerializer(serializers.Serializer):
    links = SocialLinkSerializer(many=True)
    has_password = serializers.BooleanField()
    providers = serializers.ListField(child=serializers.CharField(), help_text="Providers configured here.")


class SocialStartView(AuthView):
    @extend_schema(request=StartSerializer, responses={200: StartAnswerSerializer})
    def post(self, request):
        data = StartSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        host = request.get_host().rsplit(":", 1)[0]
        return Response(social.social_start(provider=data.validated_data["provider"], host=host,
                                            from_path=data.validated_data["from_path"]))


class SocialRedeemView(AuthView):
    @extend_schema(request=RedeemSerializer, responses={200: SessionSerializer})
    def post(self, request):
        data = RedeemSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return session_response(social.handback_redeem(**data.validated_data))


class SocialLinksView(AnyHostAPIView):
    @extend_schema(responses={200: SocialLinksSerializer})
    def get(self, request):
        links = SocialLink.objects.filter(user=request.user)
        return Response({"links": SocialLinkSerializer(links, many=True).data,
                         "has_password": request.user.has_usable_password(),
                         "providers": social.enabled_providers()})


class SocialLinkView(AnyHostAPIView):
    @extend_schema(responses={204: None})
    def delete(self, request, link_id: int):
        social.social_link_remove(user=request.user, link_id=link_id)
        return Response(status=status.HTTP_204_NO_CONTENT)


@never_cache
@with_session
def social_begin(request):
    """Root domain: our signed state in, allauth's redirect to the provider out."""
    if not on_platform():
        return state_error_response()
    try:
        handoff = social.handoff_verify(state=request.GET.get("state", ""))
    except AppError:
        return state_error_response()
    provider = get_adapter(request).get_provider(request, handoff.provider)
    return provider.redirect(request, process="login", data={"handoff": handoff.as_dict()})


urlpatterns = [
    path("social/start/", SocialStartView.as_view(), name="auth-social-start"),
    path("social/redeem/", SocialRedeemView.as_view(), name="auth-social-redeem"),
    path("social/links/", SocialLinksView.as_view(), name="auth-social-links"),
    path("social/links/<int:link_id>/", SocialLinkView.as_view(), name="auth-social-link"),
]

# the callback names are allauth's: its adapters reverse them to build the redirect_uri
root_urlpatterns = [
    path("begin/", social_begin, name="social-begin"),
    path("google/callback/", never_cache(with_session(google_callback)), name="google_callback"),
    path("facebook/callback/", never_cache(with_session(facebook_callback)), name="facebook_callback"),
]
