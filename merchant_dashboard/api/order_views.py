"""The staff API of orders (list, detail, fulfil, cancel, refund) and of the customers who
placed them."""
from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from merchant_dashboard.api import serializers as ds
from saas.accounts.roles import Area
from saas.kernel.api import StaffAPIView
from saas.kernel.errors import NotFound
from saas.kernel.pagination import PageNumberPagination
from storefront import orders, selectors
from storefront.api import serializers as s
from storefront.api.views import paginated
from storefront.models import Order


class OrdersView(StaffAPIView):
    dashboard_area = Area.ORDERS
    pagination_class = PageNumberPagination

    @extend_schema(responses={200: s.OrderSummarySerializer(many=True)})
    def get(self, request):
        p = request.query_params
        return paginated(self, request, selectors.staff_orders(status=p.get("status", ""), search=p.get("search", "")),
                         s.OrderSummarySerializer)


class OrderMixin:
    def order(self, order_id: int) -> Order:
        order = selectors.order_detail_qs().filter(pk=order_id).first()
        if order is None:
            raise NotFound("No such order.")
        return order

    def respond(self, order: Order) -> Response:
        return Response(s.OrderSerializer(self.order(order.pk)).data)


class OrderView(OrderMixin, StaffAPIView):
    dashboard_area = Area.ORDERS

    @extend_schema(responses={200: s.OrderSerializer})
    def get(self, request, order_id: int):
        return self.respond(self.order(order_id))


class OrderFulfilView(OrderMixin, StaffAPIView):
    dashboard_area = Area.ORDERS

    @extend_schema(request=ds.FulfilSerializer, responses={200: s.OrderSerializer})
    def post(self, request, order_id: int):
        data = ds.FulfilSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return self.respond(orders.order_fulfil(order=self.order(order_id), **data.validated_data))


class OrderCancelView(OrderMixin, StaffAPIView):
    dashboard_area = Area.ORDERS

    @extend_schema(request=ds.ReasonSerializer, responses={200: s.OrderSerializer})
    def post(self, request, order_id: int):
        data = ds.ReasonSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return self.respond(orders.order_cancel(order=self.order(order_id), reason=data.validated_data["reason"]))


class OrderRefundView(OrderMixin, StaffAPIView):
    dashboard_area = Area.ORDERS

    @extend_schema(request=ds.RefundInSerializer, responses={200: s.OrderSerializer},
                   description="Refunds `amount` (or all that is left). Send a new Idempotency-Key per refund: "
                               "the same key again returns that refund instead of making another.")
    def post(self, request, order_id: int):
        data = ds.RefundInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        key = request.headers.get("Idempotency-Key", "").strip()[:200]
        return self.respond(orders.order_refund(order=self.order(order_id), amount=data.validated_data["amount"],
                                                reason=data.validated_data["reason"], idempotency_key=key))


class CustomersView(StaffAPIView):
    dashboard_area = Area.CUSTOMERS
    pagination_class = PageNumberPagination

    @extend_schema(responses={200: ds.CustomerSerializer(many=True)})
    def get(self, request):
        return paginated(self, request, selectors.customers(search=request.query_params.get("search", "")),
                         ds.CustomerSerializer)


class CustomerView(StaffAPIView):
    dashboard_area = Area.CUSTOMERS

    @extend_schema(responses={200: ds.CustomerDetailSerializer})
    def get(self, request, customer_id: int):
        customer = selectors.customers().filter(pk=customer_id).first()
        if customer is None:
            raise NotFound("No such customer.")
        history = selectors.orders_for(user=customer).order_by("-created_at")[:100]
        return Response(ds.CustomerDetailSerializer(customer, context={"orders": history}).data)
