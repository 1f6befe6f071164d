"""The staff API of a shop, by subject: the overview here; the catalog (products, images,
categories, CSV import/export) in catalog_views, orders and customers in order_views,
discounts, shipping, tax and the shop's settings in settings_views, the team in staff_views."""
from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from merchant_dashboard.api import serializers as ds
from merchant_dashboard.selectors import shop_overview
from saas.accounts.roles import Area
from saas.kernel.api import StaffAPIView
from saas.kernel.errors import NotFound
from tenants.models import Shop


def object_or_404(model, pk, message="Not found."):
    obj = model.objects.filter(pk=pk).first()
    if obj is None:
        raise NotFound(message)
    return obj


class OverviewView(StaffAPIView):
    dashboard_area = Area.OVERVIEW

    @extend_schema(responses={200: ds.OverviewSerializer})
    def get(self, request):
        shop = Shop.objects.select_related("plan").get(pk=request.shop.pk)
        return Response(ds.OverviewSerializer(shop_overview(shop=shop)).data)
