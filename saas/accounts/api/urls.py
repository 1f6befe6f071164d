from django.urls import path

from saas.accounts.api import social_views, views

urlpatterns = [
    path("signup/", views.SignupView.as_view(), name="auth-signup"),
    path("login/", views.LoginView.as_view(), name="auth-login"),
    path("refresh/", views.RefreshView.as_view(), name="auth-refresh"),
    path("logout/", views.LogoutView.as_view(), name="auth-logout"),
    path("me/", views.MeView.as_view(), name="auth-me"),
    path("logout-everywhere/", views.LogoutEverywhereView.as_view(), name="auth-logout-everywhere"),
    path("password-reset/", views.PasswordResetView.as_view(), name="auth-password-reset"),
    path("password-reset/confirm/", views.PasswordResetConfirmView.as_view(), name="auth-password-reset-confirm"),
    path("verify-email/", views.EmailVerifyView.as_view(), name="auth-verify-email"),
    path("verify-email/resend/", views.EmailVerifyResendView.as_view(), name="auth-verify-email-resend"),
    *social_views.urlpatterns,
]
