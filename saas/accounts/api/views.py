"""Sign-up, log-in, refresh, log-out and "me": the same views serve the platform (merchants,
admins) and every shop (customers, staff), each in its own schema with its own tokens."""
from __future__ import annotations

from django.db import transaction
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, status
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from saas.accounts import services
from saas.accounts.api.serializers import (
    LoginSerializer,
    RefreshSerializer,
    SessionSerializer,
    SignupSerializer,
    TokenPairSerializer,
    UserSerializer,
)
from saas.accounts.models import Role, User
from saas.accounts.tasks import send_welcome_email
from saas.api import on_platform


def session_response(user: User, http_status: int = status.HTTP_200_OK) -> Response:
    body = {**services.tokens_for_user(user=user), "user": UserSerializer(user).data}
    return Response(body, status=http_status)


class AuthView(APIView):
    permission_classes = [permissions.AllowAny]
    authentication_classes: list = []
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "auth"


class SignupView(AuthView):
    @extend_schema(request=SignupSerializer, responses={201: SessionSerializer})
    def post(self, request):
        data = SignupSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        role = Role.MERCHANT if on_platform() else Role.CUSTOMER
        user = services.user_signup(**data.validated_data, role=role)
        transaction.on_commit(lambda: send_welcome_email.delay(user.pk))
        return session_response(user, status.HTTP_201_CREATED)


class LoginView(AuthView):
    @extend_schema(request=LoginSerializer, responses={200: SessionSerializer})
    def post(self, request):
        data = LoginSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = services.user_login(**data.validated_data)
        return session_response(user)


class RefreshView(AuthView):
    @extend_schema(request=RefreshSerializer, responses={200: TokenPairSerializer})
    def post(self, request):
        data = RefreshSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return Response(services.session_refresh(refresh=data.validated_data["refresh"]))


class LogoutView(AuthView):
    @extend_schema(request=RefreshSerializer, responses={204: None})
    def post(self, request):
        data = RefreshSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.session_logout(refresh=data.validated_data["refresh"])
        return Response(status=status.HTTP_204_NO_CONTENT)


class MeView(APIView):
    @extend_schema(responses={200: UserSerializer})
    def get(self, request):
        return Response(UserSerializer(request.user).data)
