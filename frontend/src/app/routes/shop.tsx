import type { RouteObject } from 'react-router'
import { NotFound } from '../../components/NotFound'
import { Loading } from '../../components/States'
import { RequireAuth } from '../../features/auth/components/RequireAuth'
import { CartPage } from '../../features/cart/components/CartPage'
import { CheckoutPage } from '../../features/checkout/components/CheckoutPage'
import { OrderConfirmationPage } from '../../features/checkout/components/OrderConfirmationPage'
import { DashboardGate } from '../../features/dashboard/components/DashboardGate'
import { HandoffPage } from '../../features/dashboard/components/HandoffPage'
import { OverviewPage } from '../../features/dashboard/components/OverviewPage'
import { StaffPage } from '../../features/dashboard/components/StaffPage'
import { OrderDetailPage } from '../../features/orders/components/OrderDetailPage'
import { OrdersPage } from '../../features/orders/components/OrdersPage'
import { ShopperLoginPage, ShopperSignupPage } from '../../features/storefront/components/AccountPages'
import { ProductPage } from '../../features/storefront/components/ProductPage'
import { StorefrontHome } from '../../features/storefront/components/StorefrontHome'
import { StorefrontLayout } from '../../features/storefront/components/StorefrontLayout'
import { ShopGate } from './ShopGate'

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
          {
            element: <RequireAuth loginPath="/account/login" />,
            children: [
              { path: 'account/orders', element: <OrdersPage /> },
              { path: 'account/orders/:orderId', element: <OrderDetailPage /> },
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
          {
            // its own chunk: the chart library never reaches the storefront's bundle
            path: 'recommendations',
            lazy: async () => ({ Component: (await import('../../features/recs/panel/RecsPanelPage')).RecsPanelPage }),
            HydrateFallback: SectionLoading,
          },
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
]
