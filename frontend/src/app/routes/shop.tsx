import type { RouteObject } from 'react-router'
import { NotFound } from '../../components/NotFound'
import { RequireAuth } from '../../features/auth/components/RequireAuth'
import { StorefrontHome } from '../../features/storefront/components/StorefrontHome'
import { StorefrontLayout } from '../../features/storefront/components/StorefrontLayout'
import { lazyPage } from './lazyPage'
import { ShopGate } from './ShopGate'

// The catalog's first page is in the entry chunk; every other screen is fetched when visited.
const dashboard = () => import('./dashboardPages')
const account = () => import('../../features/storefront/components/AccountPages')
const orders = () => import('./orderPages')
const accountPages = () => import('./accountPages')

const commercePages = () => import('../../features/dashboard/commercePages')
const support = () => import('../../features/support/components/SupportResumePage')
const inbox = () => import('../../features/support/components/InboxPage')

/** A dashboard section from the lazily loaded commerce chunk. */
function commerce(name: keyof Awaited<ReturnType<typeof commercePages>>): Pick<RouteObject, 'element'> {
  return { element: lazyPage(commercePages, name) }
}

/** Routes on a shop's own host (kind "shop"). */
export const shopRoutes: RouteObject[] = [
  {
    element: <ShopGate />,
    children: [
      {
        element: <StorefrontLayout />,
        children: [
          { index: true, element: <StorefrontHome /> },
          { path: 'products/:slug', element: lazyPage(() => import('../../features/storefront/components/ProductPage'), 'ProductPage') },
          { path: 'cart', element: lazyPage(() => import('../../features/cart/components/CartPage'), 'CartPage') },
          { path: 'checkout', element: lazyPage(() => import('../../features/checkout/components/CheckoutPage'), 'CheckoutPage') },
          { path: 'checkout/confirmation/:orderId', element: lazyPage(orders, 'OrderConfirmationPage') },
          { path: 'account/login', element: lazyPage(account, 'ShopperLoginPage') },
          { path: 'account/signup', element: lazyPage(account, 'ShopperSignupPage') },
          { path: 'account/forgot-password', element: lazyPage(accountPages, 'ShopForgotPasswordPage') },
          { path: 'reset-password', element: lazyPage(accountPages, 'ShopResetPasswordPage') },
          { path: 'verify-email', element: lazyPage(accountPages, 'ShopVerifyEmailPage') },
          { path: 'auth/social', element: lazyPage(accountPages, 'ShopSocialCallbackPage') },
          { path: 'accept-invitation', element: lazyPage(accountPages, 'AcceptInvitationPage') },
          { path: 'orders/lookup', element: lazyPage(orders, 'OrderLookupPage') },
          { path: 'orders/:orderId', element: lazyPage(orders, 'GuestOrderPage') },
          { path: 'support/:conversationId', element: lazyPage(support, 'SupportResumePage') },
          {
            element: <RequireAuth loginPath="/account/login" />,
            children: [
              { path: 'account', element: lazyPage(accountPages, 'AccountPage') },
              { path: 'account/orders', element: lazyPage(orders, 'OrdersPage') },
              { path: 'account/orders/:orderId', element: lazyPage(orders, 'OrderDetailPage') },
              { path: 'account/security', element: lazyPage(accountPages, 'ShopSecurityPage') },
            ],
          },
          { path: '*', element: <NotFound /> },
        ],
      },
      { path: 'dashboard/handoff', element: lazyPage(dashboard, 'HandoffPage') },
      {
        path: 'dashboard',
        element: lazyPage(dashboard, 'DashboardGate'),
        children: [
          { index: true, element: lazyPage(dashboard, 'OverviewPage') },
          { path: 'orders', ...commerce('DashboardOrdersPage') },
          { path: 'orders/:orderId', ...commerce('DashboardOrderPage') },
          { path: 'products', ...commerce('ProductsPage') },
          { path: 'products/new', ...commerce('NewProductPage') },
          { path: 'products/:productId', ...commerce('EditProductPage') },
          { path: 'categories', ...commerce('CategoriesPage') },
          { path: 'import', ...commerce('ImportPage') },
          { path: 'customers', ...commerce('CustomersPage') },
          { path: 'customers/:customerId', ...commerce('CustomerPage') },
          { path: 'discounts', ...commerce('DiscountsPage') },
          { path: 'shipping', ...commerce('ShippingPage') },
          { path: 'tax', ...commerce('TaxPage') },
          { path: 'stock-alerts', ...commerce('StockAlertsPage') },
          { path: 'payments', ...commerce('PaymentsPage') },
          { path: 'staff', element: lazyPage(dashboard, 'StaffPage') },
          { path: 'support', element: lazyPage(inbox, 'InboxPage') },
          { path: 'support/:conversationId', element: lazyPage(inbox, 'InboxPage') },
          { path: 'billing', element: lazyPage(() => import('../../features/billing/components/BillingPage'), 'BillingPage') },
          { path: 'feed', ...commerce('LiveFeedPage') },
          { path: 'promotions', ...commerce('PromotionsPage') },
          {
            // its own chunk: the chart library never reaches the storefront's bundle
            path: 'recommendations',
            element: lazyPage(() => import('../../features/recs/panel/RecsPanelPage'), 'RecsPanelPage'),
          },
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
]
