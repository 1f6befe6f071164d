"""Test data for the commerce domain, created in whatever schema the connection is set to.

Products go through `product_create` (the service, with its rules and events); the rows a
service only reads (discount codes, shipping, carts) are factory-boy factories."""
from __future__ import annotations

from decimal import Decimal
from itertools import count
from typing import cast

import factory

from storefront.models import (
    Cart,
    CartLine,
    DiscountCode,
    DiscountKind,
    Product,
    ProductVariant,
    ShippingRate,
    ShippingZone,
    ShopSettings,
    TaxRate,
)
from storefront.services import product_create

_seq = count(1)


def make_product(title: str = "Mug", price: str = "10.00", stock: int = 5, sizes: tuple[str, ...] = (),
                 **kwargs) -> Product:
    n = next(_seq)
    if sizes:
        variants = [{"sku": f"T{n}-{size}", "options": {"Size": size}, "price": Decimal(price), "stock": stock}
                    for size in sizes]
    else:
        variants = [{"sku": f"T{n}", "price": Decimal(price), "stock": stock}]
    return product_create(title=title, variants=variants, **kwargs)


def make_variant(price: str = "10.00", stock: int = 5, **kwargs) -> ProductVariant:
    """The one variant of a new product."""
    return make_product(price=price, stock=stock, **kwargs).variants.get()


class DiscountCodeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DiscountCode

    code = factory.Sequence(lambda n: f"CODE{n}")
    kind = DiscountKind.PERCENT
    value = Decimal("10")


class ShippingZoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ShippingZone

    name = factory.Sequence(lambda n: f"Zone {n}")
    countries = factory.LazyFunction(lambda: ["GB"])


class ShippingRateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ShippingRate

    zone = factory.SubFactory(ShippingZoneFactory)
    name = factory.Sequence(lambda n: f"Rate {n}")
    price = Decimal("4.00")


class TaxRateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TaxRate
        django_get_or_create = ("country",)

    country = "DE"
    rate = Decimal("19.00")


class CartFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cart


class CartLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CartLine

    cart = factory.SubFactory(CartFactory)
    variant = factory.LazyFunction(make_variant)
    quantity = 1


def shop_settings(**fields) -> ShopSettings:
    """The shop's one settings row, with `fields` set."""
    ShopSettings.objects.update_or_create(pk=1, defaults=fields)
    return ShopSettings.load()


APPROVED_CARD = {"card_number": "4242 4242 4242 4242", "exp_month": 12, "exp_year": 2031, "cvc": "123"}
DECLINED_CARD = {**APPROVED_CARD, "card_number": "4000 0000 0000 0002"}
ADDRESS = {"full_name": "Ada Buyer", "line1": "1 High St", "city": "London", "postcode": "N1 9GU", "country": "GB"}


def place_order(*lines: tuple[ProductVariant, int], email: str = "ada@buyer.test", card: dict | None = None,
                discount_code: str = "", currency: str = "GBP"):
    """An order placed through checkout (a guest's cart, the template's Standard rate), paid with
    the test gateway's approved card unless `card` says otherwise."""
    from storefront.checkout import checkout_place

    cart = Cart.objects.create()
    for variant, quantity in lines:
        CartLineFactory(cart=cart, variant=variant, quantity=quantity)
    rate = ShippingRate.objects.filter(name="Standard").first() or cast(ShippingRate, ShippingRateFactory())
    return checkout_place(user=None, cart_token=str(cart.token), email=email, shipping_address=dict(ADDRESS),
                          shipping_rate_id=rate.pk, discount_code=discount_code, payment=card or APPROVED_CARD,
                          idempotency_key=f"factory-{next(_seq)}", currency=currency).order
