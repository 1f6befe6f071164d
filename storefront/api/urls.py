from django.urls import path

from storefront.api import account, views

catalog_urlpatterns = [
    path("products/", views.ProductListView.as_view(), name="catalog-products"),
    path("products/<slug:slug>/", views.ProductDetailView.as_view(), name="catalog-product"),
    path("categories/", views.CategoryListView.as_view(), name="catalog-categories"),
]
cart_urlpatterns = [
    path("", views.CartView.as_view(), name="cart"),
    path("lines/", views.CartLinesView.as_view(), name="cart-lines"),
    path("lines/<int:line_id>/", views.CartLineView.as_view(), name="cart-line"),
    path("merge/", views.CartMergeView.as_view(), name="cart-merge"),
]
checkout_urlpatterns = [
    path("", views.CheckoutView.as_view(), name="checkout"),
    path("options/", views.CheckoutOptionsView.as_view(), name="checkout-options"),
    path("quote/", views.CheckoutQuoteView.as_view(), name="checkout-quote"),
]
orders_urlpatterns = [
    path("", views.MyOrdersView.as_view(), name="orders"),
    path("lookup/", views.OrderLookupView.as_view(), name="order-lookup"),
    path("<int:order_id>/", views.MyOrderView.as_view(), name="order"),
    path("<int:order_id>/pay/", views.OrderPayView.as_view(), name="order-pay"),
    path("<int:order_id>/reorder/", views.ReorderView.as_view(), name="order-reorder"),
]
account_urlpatterns = [
    path("addresses/", account.AddressesView.as_view(), name="account-addresses"),
    path("addresses/<int:address_id>/", account.AddressView.as_view(), name="account-address"),
    path("email-preferences/", account.EmailPreferencesView.as_view(), name="account-email-preferences"),
]
