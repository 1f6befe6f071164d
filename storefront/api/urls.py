from django.urls import path

from storefront.api import views

urlpatterns = [
    path("products/", views.ProductListView.as_view(), name="catalog-products"),
]
