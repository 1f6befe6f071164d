"""Sign-up, log-in, refresh, log-out and "me": the same views serve the platform (merchants,
admins) and every shop (customers, staff), each in its own schema with its own tokens."""
from __future__ import annotations

from django.db import transaction
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle

from saas.accounts import recovery, services, staff, tasks
from saas.accounts.api.serializers import (
    DetailSerializer,
    EmailSerializer,
    InvitationAcceptSerializer,
    InvitationPreviewSerializer,
    LoginSerializer,
    MeSerializer,
    PasswordResetConfirmSerializer,
    RefreshSerializer,
    SessionSerializer,
    SignupSerializer,
    TokenPairSerializer,
    TokenSerializer,
    UserSerializer,
)
from saas.accounts.models import Role, User
from saas.accounts.tasks import send_welcome_email
from saas.kernel.api import Access, AnyHostAPIView, ShopAPIView, on_platform
from saas.kernel.tenancy import on_commit_here


def session_response(user: User, http_status: int = status.HTTP_200_OK) -> Response:
    return Response(SessionSerializer({**services.tokens_for_user(user=user), "user": user}).data, status=http_status)


def detail(message: str, http_status: int = status.HTTP_200_OK) -> Response:
    return Response(DetailSerializer({"detail": message}).data, status=http_status)


class AuthView(AnyHostAPIView):
    access = Access.PUBLIC_NO_TOKEN
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "auth"


class ShopAuthView(ShopAPIView, AuthView):
    """An auth step that exists only on a shop's host (handoff, staff invitations)."""


class SignupView(AuthView):
    @extend_schema(request=SignupSerializer, responses={201: SessionSerializer})
    def post(self, request):
        data = SignupSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        role = Role.MERCHANT if on_platform() else Role.CUSTOMER
        user = services.user_signup(**data.validated_data, role=role)
        on_commit_here(lambda: send_welcome_email.delay(user.pk))
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
        return Response(TokenPairSerializer(services.session_refresh(refresh=data.validated_data["refresh"])).data)


class LogoutView(AuthView):
    @extend_schema(request=RefreshSerializer, responses={204: None})
    def post(self, request):
        data = RefreshSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.session_logout(refresh=data.validated_data["refresh"])
        return Response(status=status.HTTP_204_NO_CONTENT)


class MeView(AnyHostAPIView):
    @extend_schema(responses={200: MeSerializer})
    def get(self, request):
        return Response(MeSerializer(request.user).data)


class LogoutEverywhereView(AnyHostAPIView):
    """Ends every sign-in of this account (every refresh token) and closes its sockets."""

    @extend_schema(request=None, responses={204: None})
    def post(self, request):
        with transaction.atomic():
            services.sessions_revoke_all(user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


RESET_SENT = "If an account exists for this e-mail, we sent a link to reset its password."


class PasswordResetView(AuthView):
    @extend_schema(request=EmailSerializer, responses={202: DetailSerializer})
    def post(self, request):
        data = EmailSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user_id = recovery.password_reset_request(email=data.validated_data["email"])
        if user_id is not None:
            on_commit_here(lambda: tasks.send_password_reset_email.delay(user_id))
        return detail(RESET_SENT, status.HTTP_202_ACCEPTED)


class PasswordResetConfirmView(AuthView):
    @extend_schema(request=PasswordResetConfirmSerializer, responses={200: DetailSerializer})
    def post(self, request):
        data = PasswordResetConfirmSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        recovery.password_reset_confirm(**data.validated_data)
        return detail("Your password has been changed. Sign in with the new one.")


class EmailVerifyView(AuthView):
    @extend_schema(request=TokenSerializer, responses={200: UserSerializer})
    def post(self, request):
        data = TokenSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return Response(UserSerializer(recovery.email_verify(token=data.validated_data["token"])).data)


class EmailVerifyResendView(AnyHostAPIView):
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "auth"

    @extend_schema(request=None, responses={202: DetailSerializer})
    def post(self, request):
        if request.user.email_verified:
            return detail("Your e-mail address is already confirmed.", status.HTTP_202_ACCEPTED)
        user_id = request.user.pk
        on_commit_here(lambda: tasks.send_verification_email.delay(user_id))
        return detail(f"We sent a new link to {request.user.email}.", status.HTTP_202_ACCEPTED)


class InvitationPreviewView(ShopAuthView):
    @extend_schema(request=TokenSerializer, responses={200: InvitationPreviewSerializer})
    def post(self, request):
        data = TokenSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        invitation = staff.invitation_preview(token=data.validated_data["token"])
        return Response(InvitationPreviewSerializer(invitation).data)


class InvitationAcceptView(ShopAuthView):
    @extend_schema(request=InvitationAcceptSerializer, responses={201: SessionSerializer})
    def post(self, request):
        data = InvitationAcceptSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = staff.staff_invitation_accept(**data.validated_data)
        return session_response(user, status.HTTP_201_CREATED)
