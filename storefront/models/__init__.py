"""The commerce domain of one shop (every table lives in the shop's schema).

Money is Decimal (12 digits, 2 places) in the shop's currency; order lines keep what was paid.
The models live in modules by concern; everything is importable from `storefront.models`."""
from storefront.models.base import (
    ZERO,
    MoneyField,
)
from storefront.models.catalog import (
    Category,
    ImportJob,
    Product,
    ProductImage,
    ProductStatus,
    ProductVariant,
    TitleWord,
    import_file_path,
    product_image_path,
)
from storefront.models.checkout import (
    Address,
    Cart,
    CartLine,
    DiscountCode,
    DiscountKind,
    ShippingRate,
    ShippingZone,
    ShopSettings,
    TaxRate,
)
from storefront.models.orders import (
    Order,
    OrderEmail,
    OrderEmailKind,
    OrderEvent,
    OrderLine,
    OrderStatus,
    Payment,
    PaymentStatus,
)
from storefront.models.preferences import EmailPreferences

__all__ = [
    "Address",
    "Cart",
    "CartLine",
    "Category",
    "DiscountCode",
    "DiscountKind",
    "EmailPreferences",
    "ImportJob",
    "MoneyField",
    "Order",
    "OrderEmail",
    "OrderEmailKind",
    "OrderEvent",
    "OrderLine",
    "OrderStatus",
    "Payment",
    "PaymentStatus",
    "Product",
    "ProductImage",
    "ProductStatus",
    "ProductVariant",
    "ShippingRate",
    "ShippingZone",
    "ShopSettings",
    "TaxRate",
    "TitleWord",
    "ZERO",
    "import_file_path",
    "product_image_path",
]
