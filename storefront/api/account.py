"""A signed-in shopper's own account data on a shop: the address book."""
from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response

from saas.kernel.api import ShopAPIView
from storefront import addresses
from storefront.api import serializers as s


class AddressesView(ShopAPIView):
    @extend_schema(responses={200: s.AddressBookOutSerializer(many=True)})
    def get(self, request):
        return Response(s.AddressBookOutSerializer(addresses.addresses_of(user=request.user), many=True).data)

    @extend_schema(request=s.AddressBookSerializer, responses={201: s.AddressBookOutSerializer})
    def post(self, request):
        data = s.AddressBookSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        address = addresses.address_create(user=request.user, **data.validated_data)
        return Response(s.AddressBookOutSerializer(address).data, status=status.HTTP_201_CREATED)


class AddressView(ShopAPIView):
    @extend_schema(request=s.AddressBookSerializer, responses={200: s.AddressBookOutSerializer})
    def patch(self, request, address_id: int):
        address = addresses.address_get(user=request.user, address_id=address_id)
        data = s.AddressBookSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        address = addresses.address_update(address=address, **data.validated_data)
        return Response(s.AddressBookOutSerializer(address).data)

    @extend_schema(responses={204: None})
    def delete(self, request, address_id: int):
        addresses.address_delete(address=addresses.address_get(user=request.user, address_id=address_id))
        return Response(status=status.HTTP_204_NO_CONTENT)
