/** A shopper's order screens (confirmation, history, detail), fetched when first visited. */
export { OrderConfirmationPage } from '../../features/checkout/components/OrderConfirmationPage'
export { OrderDetailPage } from '../../features/orders/components/OrderDetailPage'
export { OrdersPage } from '../../features/orders/components/OrdersPage'
export { GuestOrderPage } from '../../features/orders/components/GuestOrderPage'
export { OrderLookupPage } from '../../features/orders/components/OrderLookupPage'
