"""The staff API of the shop's settings: discount codes, shipping rates and zones, tax rates
(each a list and an item over its service) and the shop's own settings."""
from __future__ import annotations

from collections.abc import Callable

from django.db.models import Model
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.response import Response
from rest_framework.serializers import ModelSerializer

from merchant_dashboard import services as ms
from merchant_dashboard.api import serializers as ds
from merchant_dashboard.api.views import object_or_404
from saas.accounts.roles import Area
from saas.kernel.api import StaffAPIView
from storefront.models import DiscountCode, ShippingRate, ShippingZone, ShopSettings, TaxRate


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
        item = object_or_404(self.model, item_id)
        data = self.serializer_class(item, data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        item = type(self).update(**{self.item_name: item}, **data.validated_data)
        return Response(self.serializer_class(item).data)

    def get(self, request, item_id: int):
        return Response(self.serializer_class(object_or_404(self.model, item_id)).data)

    @extend_schema(responses={204: None})
    def delete(self, request, item_id: int):
        type(self).remove(**{self.item_name: object_or_404(self.model, item_id)})
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
