"""The platform's host (public schema)."""
from django.urls import include, path, re_path

from billing.api import plan_urls as billing_urls
from saas.accounts.api.social_views import root_urlpatterns as social_root_urlpatterns
from saas.kernel import spa as views
from saas.kernel.api import DocsView, SchemaView
from tenants.api.urls import platform_urlpatterns

urlpatterns = [
    path("api/platform/auth/", include("saas.accounts.api.urls")),
    path("api/platform/social/", include(social_root_urlpatterns)),
    path("api/platform/admin/", include(billing_urls.admin_urlpatterns)),
    path("api/platform/", include(platform_urlpatterns)),
    path("api/billing/", include(billing_urls.platform_urlpatterns)),
    path("api/schema/", SchemaView.as_view(urlconf="saas.urls_public"), name="schema"),
    path("api/docs/", DocsView.as_view(url_name="schema"), name="docs"),
    re_path(r"^(?!api(?:/|$)|static/|media/|ws/).*$", views.spa, name="spa"),
]

handler404 = "saas.kernel.errors.handler404"
handler500 = "saas.kernel.errors.handler500"
