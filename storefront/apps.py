from django.apps import AppConfig


class StorefrontConfig(AppConfig):
    name = "storefront"
    verbose_name = "Storefront"

    def ready(self) -> None:
        from decimal import Decimal

        from saas.kernel.spa import shop_page_check
        from storefront import emails  # noqa: F401  (connects the order e-mails to the order events)
        from tenants import usage

        usage.register("products", "(SELECT count(*) FROM {schema}.storefront_product WHERE status <> 'archived')")
        usage.register("orders", "(SELECT count(*) FROM {schema}.storefront_order)")
        usage.register("revenue", "(SELECT coalesce(sum(total), 0) FROM {schema}.storefront_order "
                                  "WHERE payment_status = 'paid')", Decimal)

        @shop_page_check(r"^/products/(?P<slug>[^/]+)/?$")
        def product_page_exists(match) -> bool:
            from storefront.models import Product, ProductStatus

            return Product.objects.filter(slug=match["slug"], status=ProductStatus.ACTIVE).exists()
