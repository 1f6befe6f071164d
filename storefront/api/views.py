from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions

from saas.api import ShopAPIView
from saas.pagination import PageNumberPagination
from storefront.api.serializers import ProductSerializer
from storefront.selectors import product_list


class ProductListView(ShopAPIView):
    permission_classes = [permissions.AllowAny]

    @extend_schema(parameters=[OpenApiParameter("search", str)], responses={200: ProductSerializer(many=True)})
    def get(self, request):
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(product_list(search=request.query_params.get("search", "")), request,
                                           view=self)
        return paginator.get_paginated_response(ProductSerializer(page, many=True, context={"request": request}).data)
