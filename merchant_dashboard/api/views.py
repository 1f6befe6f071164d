from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from merchant_dashboard.selectors import shop_overview, staff_list
from saas.accounts.api.serializers import UserSerializer
from saas.api import StaffAPIView
from saas.pagination import PageNumberPagination
from tenants.models import Shop


class OverviewView(StaffAPIView):
    @extend_schema(responses={200: dict})
    def get(self, request):
        shop = Shop.objects.select_related("plan").get(pk=request.shop.pk)
        return Response(shop_overview(shop=shop))


class StaffListView(StaffAPIView):
    @extend_schema(responses={200: UserSerializer(many=True)})
    def get(self, request):
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(staff_list(), request, view=self)
        return paginator.get_paginated_response(UserSerializer(page, many=True).data)
