"""Error codes of the commerce core: catalog, cart, checkout, orders, addresses, images."""
from __future__ import annotations

from enum import StrEnum


class StorefrontErrorCode(StrEnum):
    UNKNOWN_VARIANT = "unknown_variant"
    OUT_OF_STOCK = "out_of_stock"
    UNAVAILABLE = "unavailable"
    CART_EMPTY = "cart_empty"
    ORDER_TOO_LARGE = "order_too_large"
    INVALID_DISCOUNT = "invalid_discount"
    SHIPPING_UNAVAILABLE = "shipping_unavailable"
    IDEMPOTENCY_KEY_REQUIRED = "idempotency_key_required"
    IDEMPOTENCY_KEY_REUSED = "idempotency_key_reused"
    TOO_MANY_UNPAID_ORDERS = "too_many_unpaid_orders"
    ALREADY_PAID = "already_paid"
    NOT_PAYABLE = "not_payable"
    CARD_DECLINED = "card_declined"
    INVALID_TRANSITION = "invalid_transition"
    REFUND_FAILED = "refund_failed"
    STILL_HELD = "still_held"
    SKU_TAKEN = "sku_taken"
    INVALID_IMAGE = "invalid_image"
    IMAGE_FETCH_FAILED = "image_fetch_failed"
    TOO_MANY_ADDRESSES = "too_many_addresses"
    PAYMENT_IN_PROGRESS = "payment_in_progress"
    NOT_REFUNDABLE = "not_refundable"
    INVALID_REFUND_AMOUNT = "invalid_refund_amount"
    REFUND_UNCONFIRMED = "refund_unconfirmed"
