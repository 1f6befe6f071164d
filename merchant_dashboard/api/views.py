"""The staff API of a shop: catalog, orders, customers, discounts, shipping, tax, import/export."""
from __future__ import annotations

from collections.abc import Callable

from django.db.models import Count, Model
from django.http import StreamingHttpResponse
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response
from rest_framework.serializers import ModelSerializer

from merchant_dashboard import services as ms
from merchant_dashboard.api import serializers as ds
from merchant_dashboard.exports import export_stream
from merchant_dashboard.selectors import shop_overview, staff_list
from saas.accounts.api.serializers import UserSerializer
from saas.accounts.roles import Area
from saas.kernel.api import StaffAPIView
from saas.kernel.errors import NotFound
from saas.kernel.pagination import PageNumberPagination
from storefront import images, orders, selectors, services
from storefront.api import serializers as s
from storefront.api.paging import EstimatedCountPagination
from storefront.api.views import paginated
from storefront.models import (
    Category,
    DiscountCode,
    ImportJob,
    Order,
    Product,
    ProductImage,
    ShippingRate,
    ShippingZone,
    ShopSettings,
    TaxRate,
)
from tenants.models import Shop


def _get(model, pk, message="Not found."):
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


class StaffListView(StaffAPIView):
    dashboard_area = Area.STAFF
    pagination_class = PageNumberPagination

    @extend_schema(responses={200: UserSerializer(many=True)})
    def get(self, request):
        return paginated(self, request, staff_list(), UserSerializer)


class ProductsView(StaffAPIView):
    dashboard_area = Area.CATALOG
    pagination_class = EstimatedCountPagination

    @extend_schema(responses={200: ds.StaffProductRowSerializer(many=True)})
    def get(self, request):
        qs = Product.objects.annotate(variant_count=Count("variants")).prefetch_related(
            selectors.first_image_prefetch()).order_by("-updated_at", "-id")
        if request.query_params.get("status"):
            qs = qs.filter(status=request.query_params["status"])
        if request.query_params.get("search", "").strip():
            qs = selectors.product_search(qs, request.query_params["search"].strip()[:100])
        return paginated(self, request, qs, ds.StaffProductRowSerializer, paginator=EstimatedCountPagination())

    @extend_schema(request=ds.ProductInSerializer, responses={201: ds.StaffProductSerializer})
    def post(self, request):
        data = ds.ProductInSerializer(data=request.data, context={"currency": request.shop.currency})
        data.is_valid(raise_exception=True)
        v = data.validated_data
        category = Category.objects.filter(pk=v.get("category_id")).first() if v.get("category_id") else None
        product = services.product_create(title=v["title"], description=v.get("description", ""),
                                          status=v.get("status", "active"), category=category,
                                          variants=v.get("variants", []))
        return Response(ds.StaffProductSerializer(selectors.product_detail(slug=product.slug, staff=True),
                                                  context={"request": request}).data, status=status.HTTP_201_CREATED)


class ProductView(StaffAPIView):
    dashboard_area = Area.CATALOG

    def _detail(self, request, product_id: int) -> Response:
        product = _get(Product, product_id, "No such product.")
        return Response(ds.StaffProductSerializer(selectors.product_detail(slug=product.slug, staff=True),
                                                  context={"request": request}).data)

    @extend_schema(responses={200: ds.StaffProductSerializer})
    def get(self, request, product_id: int):
        return self._detail(request, product_id)

    @extend_schema(request=ds.ProductInSerializer, responses={200: ds.StaffProductSerializer})
    def patch(self, request, product_id: int):
        product = _get(Product, product_id, "No such product.")
        data = ds.ProductInSerializer(data=request.data, partial=True, context={"currency": request.shop.currency})
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        variants = fields.pop("variants", None)
        if "category_id" in fields:
            fields["category"] = Category.objects.filter(pk=fields.pop("category_id")).first()
        services.product_update(product=product, variants=variants, **fields)
        return self._detail(request, product_id)

    @extend_schema(responses={204: None})
    def delete(self, request, product_id: int):
        services.product_archive(product=_get(Product, product_id, "No such product."))
        return Response(status=status.HTTP_204_NO_CONTENT)


class ProductImagesView(StaffAPIView):
    dashboard_area = Area.CATALOG
    parser_classes = [MultiPartParser]

    @extend_schema(request={"multipart/form-data": {"type": "object", "properties": {
        "image": {"type": "string", "format": "binary"}, "alt": {"type": "string"}}}},
        responses={201: s.GalleryImageSerializer})
    def post(self, request, product_id: int):
        product = _get(Product, product_id, "No such product.")
        image = images.image_add(product=product, upload=request.FILES.get("image"),
                                 alt=request.data.get("alt", ""))
        return Response(s.GalleryImageSerializer(image).data, status=status.HTTP_201_CREATED)


class ProductImagesOrderView(StaffAPIView):
    dashboard_area = Area.CATALOG

    @extend_schema(request=ds.ImageOrderSerializer, responses={200: s.GalleryImageSerializer(many=True)})
    def post(self, request, product_id: int):
        data = ds.ImageOrderSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        ordered = images.images_reorder(product=_get(Product, product_id, "No such product."),
                                        image_ids=data.validated_data["image_ids"])
        return Response(s.GalleryImageSerializer(ordered, many=True).data)


class ProductImageView(StaffAPIView):
    dashboard_area = Area.CATALOG

    @extend_schema(request=ds.ImageUpdateSerializer, responses={200: s.GalleryImageSerializer})
    def patch(self, request, product_id: int, image_id: int):
        image = ProductImage.objects.filter(pk=image_id, product_id=product_id).first()
        if image is None:
            raise NotFound("No such image.")
        data = ds.ImageUpdateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        image = images.image_update(image=image, **data.validated_data)
        return Response(s.GalleryImageSerializer(image).data)

    @extend_schema(responses={204: None})
    def delete(self, request, product_id: int, image_id: int):
        image = ProductImage.objects.filter(pk=image_id, product_id=product_id).first()
        if image is None:
            raise NotFound("No such image.")
        images.image_delete(image=image)
        return Response(status=status.HTTP_204_NO_CONTENT)


class CategoriesView(StaffAPIView):
    dashboard_area = Area.CATALOG

    @extend_schema(responses={200: s.CategorySerializer(many=True)})
    def get(self, request):
        return Response(s.CategorySerializer(selectors.category_list(), many=True).data)

    @extend_schema(request=ds.CategoryInSerializer, responses={201: s.CategorySerializer})
    def post(self, request):
        data = ds.CategoryInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        parent = Category.objects.filter(pk=data.validated_data.get("parent_id")).first()
        category = services.category_create(name=data.validated_data["name"], parent=parent)
        return Response(s.CategorySerializer(category).data, status=status.HTTP_201_CREATED)


class ImportView(StaffAPIView):
    dashboard_area = Area.CATALOG
    parser_classes = [MultiPartParser]

    @extend_schema(request={"multipart/form-data": {"type": "object", "properties": {
        "file": {"type": "string", "format": "binary"}}}}, responses={202: ds.ImportJobSerializer})
    def post(self, request):
        job = ms.import_job_create(upload=request.FILES.get("file"))
        return Response(ds.ImportJobSerializer(job).data, status=status.HTTP_202_ACCEPTED)


class ImportJobView(StaffAPIView):
    dashboard_area = Area.CATALOG

    @extend_schema(responses={200: ds.ImportJobSerializer})
    def get(self, request, job_id: int):
        return Response(ds.ImportJobSerializer(_get(ImportJob, job_id, "No such import.")).data)


class ExportView(StaffAPIView):
    dashboard_area = Area.CATALOG

    @extend_schema(responses={(200, "text/csv"): {"type": "string"}})
    def get(self, request):
        response = StreamingHttpResponse(export_stream(request.shop.schema_name), content_type="text/csv")
        response["Content-Disposition"] = f'attachment; filename="{request.shop.subdomain}-products.csv"'
        return response


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


class CrudListView(StaffAPIView):
    """Lists a model and creates through its service: the serializer checks the shape only."""
    model: type[Model]
    serializer_class: type[ModelSerializer]
    create: Callable[..., Model]

    def get(self, request):
        return Response(self.serializer_class(self.model.objects.all(), many=True).data)

    def post(self, request):
        data = self.serializer_class(data=request.data)
        data.is_valid(raise_exception=True)
        item = type(self).create(**data.validated_data)
        return Response(self.serializer_class(item).data, status=status.HTTP_201_CREATED)


class CrudItemView(StaffAPIView):
    """One item: its service's update and delete take it as the keyword `item_name`."""
    model: type[Model]
    serializer_class: type[ModelSerializer]
    item_name: str
    update: Callable[..., Model]
    remove: Callable[..., None]

    def patch(self, request, item_id: int):
        item = _get(self.model, item_id)
        data = self.serializer_class(item, data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        item = type(self).update(**{self.item_name: item}, **data.validated_data)
        return Response(self.serializer_class(item).data)

    def get(self, request, item_id: int):
        return Response(self.serializer_class(_get(self.model, item_id)).data)

    @extend_schema(responses={204: None})
    def delete(self, request, item_id: int):
        type(self).remove(**{self.item_name: _get(self.model, item_id)})
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema_view(get=extend_schema(responses=ds.DiscountSerializer(many=True)))
class DiscountsView(CrudListView):
    dashboard_area = Area.SETTINGS
    model, serializer_class = DiscountCode, ds.DiscountSerializer
    create = staticmethod(ms.discount_create)


class DiscountView(CrudItemView):
    dashboard_area = Area.SETTINGS
    model, serializer_class, item_name = DiscountCode, ds.DiscountSerializer, "discount"
    update, remove = staticmethod(ms.discount_update), staticmethod(ms.discount_delete)


@extend_schema_view(get=extend_schema(responses=ds.ShippingRateSerializer(many=True)))
class ShippingRatesView(CrudListView):
    dashboard_area = Area.SETTINGS
    model, serializer_class = ShippingRate, ds.ShippingRateSerializer
    create = staticmethod(ms.shipping_rate_create)


class ShippingRateView(CrudItemView):
    dashboard_area = Area.SETTINGS
    model, serializer_class, item_name = ShippingRate, ds.ShippingRateSerializer, "rate"
    update, remove = staticmethod(ms.shipping_rate_update), staticmethod(ms.shipping_rate_delete)


@extend_schema_view(get=extend_schema(responses=ds.ShippingZoneSerializer(many=True)))
class ShippingZonesView(CrudListView):
    model, serializer_class = ShippingZone, ds.ShippingZoneSerializer
    create = staticmethod(ms.shipping_zone_create)


class ShippingZoneView(CrudItemView):
    model, serializer_class, item_name = ShippingZone, ds.ShippingZoneSerializer, "zone"
    update, remove = staticmethod(ms.shipping_zone_update), staticmethod(ms.shipping_zone_delete)


@extend_schema_view(get=extend_schema(responses=ds.TaxRateSerializer(many=True)))
class TaxRatesView(CrudListView):
    model, serializer_class = TaxRate, ds.TaxRateSerializer
    create = staticmethod(ms.tax_rate_create)


class TaxRateView(CrudItemView):
    model, serializer_class, item_name = TaxRate, ds.TaxRateSerializer, "tax_rate"
    update, remove = staticmethod(ms.tax_rate_update), staticmethod(ms.tax_rate_delete)


class SettingsView(StaffAPIView):
    dashboard_area = Area.SETTINGS

    @extend_schema(responses={200: ds.ShopSettingsSerializer})
    def get(self, request):
        return Response(ds.ShopSettingsSerializer(ShopSettings.load()).data)

    @extend_schema(request=ds.ShopSettingsSerializer, responses={200: ds.ShopSettingsSerializer})
    def put(self, request):
        data = ds.ShopSettingsSerializer(ShopSettings.load(), data=request.data)
        data.is_valid(raise_exception=True)
        return Response(ds.ShopSettingsSerializer(ms.shop_settings_update(**data.validated_data)).data)
