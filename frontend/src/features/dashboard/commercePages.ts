/**
 * The dashboard's commerce sections, loaded on demand as one chunk (see app/routes/shop.tsx) so
 * that shoppers never download merchant screens.
 */
export { CategoriesPage } from './components/catalog/CategoriesPage'
export { ImportPage } from './components/catalog/ImportPage'
export { EditProductPage, NewProductPage } from './components/catalog/ProductFormPage'
export { ProductsPage } from './components/catalog/ProductsPage'
export { CustomerPage, CustomersPage } from './components/orders/CustomersPage'
export { DashboardOrderPage } from './components/orders/OrderPage'
export { DashboardOrdersPage } from './components/orders/OrdersPage'
export { DiscountsPage } from './components/settings/DiscountsPage'
export { PaymentsPage } from './components/settings/PaymentsPage'
export { ShippingPage } from './components/settings/ShippingPage'
export { StockAlertsPage } from './components/settings/StockAlertsPage'
export { TaxPage } from './components/settings/TaxPage'
export { LiveFeedPage } from './components/LiveFeedPage'
export { PromotionsPage } from './components/PromotionsPage'
