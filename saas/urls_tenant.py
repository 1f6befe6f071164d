"""A shop's host (that shop's schema)."""
from django.urls import include, path, re_path

from billing.api import plan_urls as billing_urls
from realtime.api import support_urls
from realtime.notifications.api import urls as inbox_urls
from recs.api import urls as recs_urls
from saas.accounts.api.views import InvitationAcceptView, InvitationPreviewView
from saas.kernel import spa as views
from saas.kernel.api import DocsView, SchemaView
from storefront.api import urls as storefront_urls
from storefront.api.views import MediaView
from tenants.api.views import HandoffRedeemView, ShopInfoView

urlpatterns = [
    path("api/shop/", ShopInfoView.as_view(), name="shop-info"),
    path("api/auth/handoff/", HandoffRedeemView.as_view(), name="auth-handoff"),
    path("api/auth/invitations/preview/", InvitationPreviewView.as_view(), name="auth-invitation-preview"),
    path("api/auth/invitations/accept/", InvitationAcceptView.as_view(), name="auth-invitation-accept"),
    path("api/auth/", include("saas.accounts.api.urls")),
    path("api/catalog/", include(storefront_urls.catalog_urlpatterns)),
    path("api/cart/", include(storefront_urls.cart_urlpatterns)),
    path("api/checkout/", include(storefront_urls.checkout_urlpatterns)),
    path("api/orders/", include(storefront_urls.orders_urlpatterns)),
    path("api/account/", include(storefront_urls.account_urlpatterns)),
    path("api/recs/", include(recs_urls.shopper_urlpatterns)),
    path("media/<path:path>", MediaView.as_view(), name="media"),
    path("api/dashboard/recs/", include(recs_urls.dashboard_urlpatterns)),
    path("api/dashboard/support/", include(support_urls.dashboard_urlpatterns)),
    path("api/dashboard/promotions/", include(inbox_urls.promotions_urlpatterns)),
    path("api/dashboard/feed/", include(inbox_urls.feed_urlpatterns)),
    path("api/dashboard/", include("merchant_dashboard.api.urls")),
    path("api/notifications/", include("realtime.api.urls")),
    path("api/support/", include(support_urls.shopper_urlpatterns)),
    path("api/billing/", include(billing_urls.shop_urlpatterns)),
    path("api/billing/", include("billing.api.payments_urls")),
    path("api/schema/", SchemaView.as_view(urlconf="saas.urls_tenant"), name="schema"),
    path("api/docs/", DocsView.as_view(url_name="schema"), name="docs"),
    re_path(r"^(?!api(?:/|$)|static/|media/|ws/).*$", views.spa, name="spa"),
]

handler404 = "saas.kernel.errors.handler404"
handler500 = "saas.kernel.errors.handler500"
