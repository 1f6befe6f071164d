import type { RouteObject } from 'react-router'
import { NotFound } from '../../components/NotFound'
import { Loading } from '../../components/States'
import { AccountPage } from '../../features/account/components/AccountPage'
import { RequireAuth } from '../../features/auth/components/RequireAuth'
import { CartPage } from '../../features/cart/components/CartPage'
import { CheckoutPage } from '../../features/checkout/components/CheckoutPage'
import { OrderConfirmationPage } from '../../features/checkout/components/OrderConfirmationPage'
import { DashboardGate } from '../../features/dashboard/components/DashboardGate'
import { HandoffPage } from '../../features/dashboard/components/HandoffPage'
import { OverviewPage } from '../../features/dashboard/components/OverviewPage'
import { StaffPage } from '../../features/dashboard/components/StaffPage'
import { GuestOrderPage } from '../../features/orders/components/GuestOrderPage'
import { OrderDetailPage } from '../../features/orders/components/OrderDetailPage'
import { OrderLookupPage } from '../../features/orders/components/OrderLookupPage'
import { OrdersPage } from '../../features/orders/components/OrdersPage'
import { ShopperLoginPage, ShopperSignupPage } from '../../features/storefront/components/AccountPages'
import { ProductPage } from '../../features/storefront/components/ProductPage'
import { StorefrontHome } from '../../features/storefront/components/StorefrontHome'
import { StorefrontLayout } from '../../features/storefront/components/StorefrontLayout'
import { ShopGate } from './ShopGate'
import { AcceptInvitationPage } from '../../features/account/components/AcceptInvitationPage'
import { ForgotPasswordPage, ResetPasswordPage, VerifyEmailPage } from '../../features/account/components/RecoveryPages'
import { SecurityPage } from '../../features/account/components/SecurityPage'

type CommercePages = typeof import('../../features/dashboard/commercePages')
const loadCommercePages = () => import('../../features/dashboard/commercePages')

/** A dashboard section from the lazily loaded commerce chunk. */
function commerce(name: keyof CommercePages): Pick<RouteObject, 'lazy' | 'HydrateFallback'> {
  return {
    lazy: async () => ({ Component: (await loadCommercePages())[name] }),
    // Shown in the dashboard's content area while the chunk loads on a first visit.
    HydrateFallback: SectionLoading,
  }
}

function SectionLoading() {
  return <Loading label="Loading…" />
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
          { path: 'products/:slug', element: <ProductPage /> },
          { path: 'cart', element: <CartPage /> },
          { path: 'checkout', element: <CheckoutPage /> },
          { path: 'checkout/confirmation/:orderId', element: <OrderConfirmationPage /> },
          { path: 'account/login', element: <ShopperLoginPage /> },
          { path: 'account/signup', element: <ShopperSignupPage /> },
          { path: 'account/forgot-password', element: <ForgotPasswordPage loginPath="/account/login" /> },
          { path: 'reset-password', element: <ResetPasswordPage loginPath="/account/login" /> },
          { path: 'verify-email', element: <VerifyEmailPage loginPath="/" /> },
          { path: 'accept-invitation', element: <AcceptInvitationPage /> },
          { path: 'orders/lookup', element: <OrderLookupPage /> },
          { path: 'orders/:orderId', element: <GuestOrderPage /> },
          {
            element: <RequireAuth loginPath="/account/login" />,
            children: [
              { path: 'account', element: <AccountPage /> },
              { path: 'account/orders', element: <OrdersPage /> },
              { path: 'account/orders/:orderId', element: <OrderDetailPage /> },
              { path: 'account/security', element: <SecurityPage loginPath="/account/login" /> },
            ],
          },
          { path: '*', element: <NotFound /> },
        ],
      },
      { path: 'dashboard/handoff', element: <HandoffPage /> },
      {
        path: 'dashboard',
        element: <DashboardGate />,
        children: [
          { index: true, element: <OverviewPage /> },
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
          { path: 'staff', element: <StaffPage /> },
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
]
