"""A signed-in shopper's own account data on a shop: the address book, e-mail preferences."""
from __future__ import annotations

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.response import Response

from saas.kernel.api import ShopAPIView
from saas.kernel.errors import AppError, ErrorCode
from storefront import addresses, preferences
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


class EmailPreferencesSerializer(serializers.Serializer):
    kind = serializers.CharField()
    title = serializers.CharField()
    email = serializers.BooleanField()


class EmailPreferencesView(ShopAPIView):
    """Which kinds of notification also come by e-mail (the inbox always has them all)."""

    @staticmethod
    def _payload(choices: dict[str, bool]) -> list[dict]:
        return [{"kind": kind, "title": label, "email": choices[kind]}
                for kind, (label, _) in preferences.EMAIL_KINDS.items()]

    @extend_schema(responses={200: EmailPreferencesSerializer(many=True)})
    def get(self, request):
        return Response(self._payload(preferences.email_preferences_of(user_id=request.user.pk)))

    @extend_schema(request=inline_serializer("EmailPreferencesIn", {"choices": serializers.DictField(
        child=serializers.BooleanField())}), responses={200: EmailPreferencesSerializer(many=True)})
    def put(self, request):
        choices = request.data.get("choices") if isinstance(request.data, dict) else None
        if not isinstance(choices, dict) or not choices:
            raise AppError(ErrorCode.VALIDATION_ERROR, "Say which kinds to change.", fields={"choices": ["Required."]})
        unknown = [k for k in choices if k not in preferences.EMAIL_KINDS]
        wrong = [k for k, v in choices.items() if not isinstance(v, bool)]
        if unknown or wrong:
            raise AppError(ErrorCode.VALIDATION_ERROR, "Check the choices.", fields={
                f"choices.{k}": ["Unknown kind." if k in unknown else "Must be true or false."]
                for k in unknown + wrong})
        return Response(self._payload(preferences.email_preferences_update(user_id=request.user.pk, changes=choices)))
