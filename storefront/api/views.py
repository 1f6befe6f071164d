"""The shopper's API on a shop's host: catalog, cart, checkout, orders."""
from __future__ import annotations

from django.conf import settings
from django.http import HttpResponse
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.response import Response

from saas.kernel.api import Access, ShopAPIView
from saas.kernel.errors import AppError, ErrorCode, NotFound, error_body
from saas.kernel.events import publish
from saas.kernel.pagination import PageNumberPagination
from saas.kernel.tenancy import current_schema, media_prefix
from storefront import cart as carts
from storefront import (
    catalog_cache,
    catalog_reads,
    checkout,
    events,
    orders,
    payment_attempts,
    pricing,
    selectors,
    shipping,
)
from storefront.addresses import address_save_from_checkout
from storefront.api import payment_serializers as ps
from storefront.api import serializers as s
from storefront.api.paging import EstimatedCountPagination
from storefront.api.throttles import CHECKOUT_THROTTLES, OrderLookupThrottle
from storefront.errors import StorefrontErrorCode
from storefront.models import Order
from storefront.payments import ChargeResult

CART_HEADER = "X-Cart-Token"
ORDER_TOKEN_HEADER = "X-Order-Token"
IDEMPOTENCY_HEADER = "Idempotency-Key"


def paginated(view, request, queryset, serializer_class, context=None, paginator=None):
    """A page of `queryset` by the view's `pagination_class` (which the OpenAPI document describes too)."""
    paginator = paginator or getattr(view, "pagination_class", PageNumberPagination)()
    page = paginator.paginate_queryset(queryset, request, view=view)
    ctx = {"request": request, **(context or {})}
    return paginator.get_paginated_response(serializer_class(page, many=True, context=ctx).data)


def money(value) -> str:
    return f"{value:.2f}"


def cart_values(request, cart) -> dict:
    """The cart's values, for CartOutSerializer to render (it is the documented answer)."""
    lines = selectors.cart_lines(cart)
    currency = request.shop.currency
    return {
        "token": str(cart.token) if cart and cart.user_id is None else None,
        "currency": currency,
        "item_count": sum(line.quantity for line in lines),
        "subtotal": pricing.subtotal_of(pricing.priced(lines, currency), currency),
        "lines": [{
            "id": line.id, "variant_id": line.variant_id, "product_slug": line.variant.product.slug,
            "product_title": line.variant.product.title, "variant_title": line.variant.title,
            "sku": line.variant.sku, "unit_price": pricing.unit_price(line.variant, currency),
            "quantity": line.quantity, "line_total": pricing.line_amount(line.variant, line.quantity, currency),
            "image": s.first_image(line.variant.product), "available": max(line.variant.stock, 0),
        } for line in lines],
    }


def cart_payload(request, cart) -> dict:
    return s.CartOutSerializer(cart_values(request, cart)).data


class CatalogView(ShopAPIView):
    access = Access.PUBLIC_TOKEN_OPTIONAL


def json_response(body: bytes) -> HttpResponse:
    return HttpResponse(body, content_type="application/json")


class ProductListView(CatalogView):
    pagination_class = EstimatedCountPagination

    @extend_schema(parameters=[OpenApiParameter(n, str) for n in
                               ("search", "category", "min_price", "max_price", "in_stock", "sort")],
                   responses={200: s.ProductCardSerializer(many=True)})
    def get(self, request):
        _, params = catalog_cache.request_key(request)
        return json_response(catalog_cache.cached("list", params, lambda: catalog_reads.list_body(request)))


class ProductDetailView(CatalogView):
    @extend_schema(responses={200: s.ProductDetailSerializer})
    def get(self, request, slug: str):
        body = catalog_cache.cached(
            "product", slug, lambda: catalog_reads.detail_body(slug=slug, currency=request.shop.currency))
        if request.user and request.user.is_authenticated:
            publish(events.ProductViewed(schema_name=current_schema(), slug=slug, user_id=request.user.pk))
        return json_response(body)


class CategoryListView(CatalogView):
    @extend_schema(responses={200: s.CategorySerializer(many=True)})
    def get(self, request):
        return Response(s.CategorySerializer(selectors.category_list(), many=True).data)


CART_TOKEN = OpenApiParameter(CART_HEADER, str, OpenApiParameter.HEADER, required=False,
                              description="A guest cart's token, as returned in `token`.")


class CartBase(ShopAPIView):
    """Guests and signed-in shoppers; a guest cart travels in the X-Cart-Token header."""

    access = Access.PUBLIC_TOKEN_OPTIONAL

    def token(self, request) -> str | None:
        return request.headers.get(CART_HEADER)

    def cart(self, request, create: bool = False):
        user = request.user if request.user and request.user.is_authenticated else None
        if create:
            return carts.cart_get_or_create(user=user, token=self.token(request))
        return carts.cart_find(user=user, token=self.token(request))

    def respond(self, request, cart, http_status=status.HTTP_200_OK) -> Response:
        return Response(cart_payload(request, cart), status=http_status)


class CartView(CartBase):
    @extend_schema(parameters=[CART_TOKEN], responses={200: s.CartOutSerializer})
    def get(self, request):
        return self.respond(request, self.cart(request))


class CartLinesView(CartBase):
    @extend_schema(request=s.CartLineInSerializer, parameters=[CART_TOKEN], responses={201: s.CartOutSerializer})
    def post(self, request):
        data = s.CartLineInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        cart = self.cart(request, create=True)
        carts.cart_add(cart=cart, **data.validated_data)
        return self.respond(request, cart, status.HTTP_201_CREATED)


class CartLineView(CartBase):
    def _cart(self, request):
        cart = self.cart(request)
        if cart is None:
            raise NotFound("Your cart is empty.")
        return cart

    @extend_schema(request=s.QuantitySerializer, parameters=[CART_TOKEN], responses={200: s.CartOutSerializer})
    def patch(self, request, line_id: int):
        data = s.QuantitySerializer(data=request.data)
        data.is_valid(raise_exception=True)
        cart = self._cart(request)
        carts.cart_set_quantity(cart=cart, line_id=line_id, quantity=data.validated_data["quantity"])
        return self.respond(request, cart)

    @extend_schema(parameters=[CART_TOKEN], responses={200: s.CartOutSerializer})
    def delete(self, request, line_id: int):
        cart = self._cart(request)
        carts.cart_remove(cart=cart, line_id=line_id)
        return self.respond(request, cart)


class CartMergeView(CartBase):
    access = Access.SIGNED_IN

    @extend_schema(request=s.CartTokenSerializer, responses={200: s.CartOutSerializer})
    def post(self, request):
        data = s.CartTokenSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        cart = carts.cart_merge(user=request.user, token=data.validated_data["token"] or self.token(request))
        return self.respond(request, cart)


def quote_payload(quote, currency: str) -> dict:
    return s.QuoteOutSerializer({
        "subtotal": quote.subtotal, "discount_total": quote.discount_total, "shipping_total": quote.shipping_total,
        "tax_total": quote.tax_total, "total": quote.total, "currency": currency,
        "discount": {"code": quote.discount.code, "description": (
            f"{quote.discount.value.normalize():f}% off" if quote.discount.kind == "percent"
            else f"{money(quote.discount.value)} off")} if quote.discount else None,
    }).data


COUNTRY = OpenApiParameter("country", str, required=False,
                           description="The destination (ISO 3166-1 alpha-2): only the rates offered there, "
                                       "and its tax.")


class CheckoutOptionsView(CartBase):
    @extend_schema(parameters=[CART_TOKEN, COUNTRY], responses={200: s.CheckoutOptionsOutSerializer})
    def get(self, request):
        query = s.CountryQuerySerializer(data={k: v for k, v in request.query_params.items() if k == "country" and v})
        query.is_valid(raise_exception=True)
        country = query.validated_data.get("country", "")
        lines = selectors.cart_lines(self.cart(request))
        currency = request.shop.currency
        subtotal = pricing.subtotal_of(pricing.priced(lines, currency), currency)
        tax = shipping.tax_for(country)
        rates = list(shipping.rates_for(country))
        return Response(s.CheckoutOptionsOutSerializer({
            "currency": currency,
            "country": country or None,
            "delivers": bool(rates) or not country,
            "shipping_rates": [{"id": r.id, "name": r.name, "price": pricing.money(r.price, currency),
                                "free_over": r.free_over,
                                "price_for_cart": pricing.shipping_price(r, subtotal, currency)}
                               for r in rates],
            "tax": {"rate": tax.rate, "included": tax.included, "label": tax.label},
        }).data)


class CheckoutQuoteView(CartBase):
    @extend_schema(request=s.QuoteInSerializer, parameters=[CART_TOKEN], responses={200: s.QuoteOutSerializer})
    def post(self, request):
        data = s.QuoteInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        country = data.validated_data.get("country", "")
        lines = selectors.cart_lines(self.cart(request))
        currency = request.shop.currency
        quote = pricing.quote(lines=pricing.priced(lines, currency), currency=currency, country=country,
                              shipping_rate=shipping.rate_for(rate_id=data.validated_data["shipping_rate_id"],
                                                              country=country),
                              discount_code=data.validated_data["discount_code"])
        return Response(quote_payload(quote, currency))


def idempotency_key(request) -> str:
    key = request.headers.get(IDEMPOTENCY_HEADER, "").strip()
    if not key or len(key) > 200:
        raise AppError(StorefrontErrorCode.IDEMPOTENCY_KEY_REQUIRED,
                       "Send an Idempotency-Key header (a new UUID per checkout).",
                       fields={"Idempotency-Key": ["Required, at most 200 characters."]})
    return key


def order_response(request, order_id: int, charge: ChargeResult, created: int = status.HTTP_201_CREATED):
    """Paid: the order and its `order_token`. Pending: 202 with `payment` (`requires_action`
    and the client secret the browser authenticates with, then sends the same request again;
    or `creating`/`processing`, which the order page sees settle). Declined: 402 with the
    error, the order (with its token) and `order_token`, so a guest can come back to pay it."""
    order = selectors.order_detail_qs().get(pk=order_id)
    token = checkout.order_token_for(order)
    if charge.ok:
        return Response(s.OrderPlacedSerializer(order, context={"order_token": token}).data, status=created)
    if charge.pending:
        order.payment = {"status": str(charge.state), "client_secret": charge.client_secret,  # type: ignore[attr-defined]
                         "code": charge.code, "message": charge.message}
        return Response(s.OrderPendingSerializer(order, context={"order_token": token}).data,
                        status=status.HTTP_202_ACCEPTED)
    code = charge.code or StorefrontErrorCode.CARD_DECLINED
    error = error_body(code, charge.message or "The payment did not go through.")["error"]
    return Response(s.PaymentDeclinedSerializer({"error": error, "order": order, "order_token": token},
                                                context={"order_token": token}).data,
                    status=status.HTTP_402_PAYMENT_REQUIRED)


class CheckoutView(CartBase):
    throttle_classes = CHECKOUT_THROTTLES

    @extend_schema(request=s.CheckoutInSerializer,
                   responses={201: s.OrderPlacedSerializer, 202: s.OrderPendingSerializer,
                              402: s.PaymentDeclinedSerializer},
                   parameters=[CART_TOKEN,
                               OpenApiParameter(IDEMPOTENCY_HEADER, str, OpenApiParameter.HEADER, required=True)])
    def post(self, request):
        key = idempotency_key(request)
        data = s.CheckoutInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = request.user if request.user and request.user.is_authenticated else None
        email = data.validated_data.get("email") or (user.email if user else "")
        if not email:
            raise AppError(ErrorCode.VALIDATION_ERROR, "Enter your email address.", fields={"email": ["Required."]})
        result = checkout.checkout_place(
            user=user, cart_token=self.token(request), email=email,
            shipping_address=data.validated_data["shipping_address"],
            shipping_rate_id=data.validated_data["shipping_rate_id"],
            discount_code=data.validated_data["discount_code"], payment=data.validated_data["payment"],
            idempotency_key=key, currency=request.shop.currency)
        if user is not None and data.validated_data["save_address"]:
            address_save_from_checkout(user=user, shipping_address=data.validated_data["shipping_address"])
        return order_response(request, result.order_id, result.charge)


class MyOrdersView(ShopAPIView):
    pagination_class = PageNumberPagination

    @extend_schema(responses={200: s.OrderSummarySerializer(many=True)})
    def get(self, request):
        return paginated(self, request, selectors.orders_for(user=request.user), s.OrderSummarySerializer)


class MyOrderMixin:
    """A signed-in shopper's own order, or a guest's, proven by the cart token it was placed with
    or by its order token (X-Order-Token, from the checkout answer, the e-mail link or a lookup)."""

    def order(self, request, order_id: int) -> Order:
        order = selectors.order_detail_qs().filter(pk=order_id).first()
        user = request.user if request.user and request.user.is_authenticated else None
        if order is None or not checkout.order_owned(order, user, request.headers.get(CART_HEADER),
                                                     request.headers.get(ORDER_TOKEN_HEADER)):
            raise NotFound("No such order.")
        return order


ORDER_TOKEN = OpenApiParameter(ORDER_TOKEN_HEADER, str, OpenApiParameter.HEADER, required=False,
                               description="A guest's order token, as returned in `order_token`.")


class MyOrderView(MyOrderMixin, ShopAPIView):
    access = Access.PUBLIC_TOKEN_OPTIONAL

    @extend_schema(parameters=[CART_TOKEN, ORDER_TOKEN], responses={200: s.OrderSerializer})
    def get(self, request, order_id: int):
        return Response(s.OrderSerializer(self.order(request, order_id)).data)


class OrderPayView(MyOrderMixin, ShopAPIView):
    access = Access.PUBLIC_TOKEN_OPTIONAL
    throttle_classes = CHECKOUT_THROTTLES

    @extend_schema(request=ps.PayInSerializer,
                   responses={200: s.OrderPlacedSerializer, 202: s.OrderPendingSerializer,
                              402: s.PaymentDeclinedSerializer},
                   parameters=[CART_TOKEN, ORDER_TOKEN,
                               OpenApiParameter(IDEMPOTENCY_HEADER, str, OpenApiParameter.HEADER, required=True)])
    def post(self, request, order_id: int):
        key = idempotency_key(request)
        data = ps.PayInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        order = self.order(request, order_id)
        charge = payment_attempts.order_pay(order=order, payment=data.validated_data["payment"], idempotency_key=key)
        return order_response(request, order.pk, charge, created=status.HTTP_200_OK)


NO_SUCH_ORDER = "We found no order with that number and e-mail address."


class OrderLookupView(ShopAPIView):
    """A guest finds an order again by its number and e-mail address. One answer for every
    mismatch, and a throttle per client address, so pairs cannot be enumerated."""

    access = Access.PUBLIC_TOKEN_OPTIONAL
    throttle_classes = [OrderLookupThrottle]

    @extend_schema(request=s.OrderLookupInSerializer, responses={200: s.OrderLookupOutSerializer})
    def post(self, request):
        data = s.OrderLookupInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        order = selectors.order_detail_qs().filter(
            number=data.validated_data["number"].strip().lstrip("#"),
            email__iexact=data.validated_data["email"].strip()).first()
        if order is None:
            raise NotFound(NO_SUCH_ORDER)
        token = checkout.order_token_for(order)
        return Response(s.OrderLookupOutSerializer({"order": order, "order_token": token}).data)


class ReorderView(MyOrderMixin, ShopAPIView):
    @extend_schema(request=None, responses={200: s.ReorderOutSerializer})
    def post(self, request, order_id: int):
        cart, added, unavailable = orders.order_reorder(order=self.order(request, order_id), user=request.user)
        return Response(s.ReorderOutSerializer({"cart": cart_values(request, cart), "added": added,
                                                "unavailable": unavailable}).data)


class MediaView(ShopAPIView):
    """Serves this shop's own uploads in development (object storage does it in production)."""

    access = Access.PUBLIC_NO_TOKEN

    @extend_schema(exclude=True)
    def get(self, request, path: str):
        from django.views.static import serve

        if not path.startswith(media_prefix(current_schema())) or ".." in path or "/imports/" in path:
            raise NotFound("Not found.")
        return serve(request, path, document_root=str(settings.MEDIA_ROOT))
