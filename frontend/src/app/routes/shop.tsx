import type { RouteObject } from 'react-router'
import { NotFound } from '../../components/NotFound'
import { DashboardGate } from '../../features/dashboard/components/DashboardGate'
import { HandoffPage } from '../../features/dashboard/components/HandoffPage'
import { OverviewPage } from '../../features/dashboard/components/OverviewPage'
import { StaffPage } from '../../features/dashboard/components/StaffPage'
import { ShopperLoginPage, ShopperSignupPage } from '../../features/storefront/components/AccountPages'
import { StorefrontHome } from '../../features/storefront/components/StorefrontHome'
import { StorefrontLayout } from '../../features/storefront/components/StorefrontLayout'
import { ShopGate } from './ShopGate'

/** Routes on a shop's own host (kind "shop"). */
export const shopRoutes: RouteObject[] = [
  {
    element: <ShopGate />,
    children: [
      {
        element: <StorefrontLayout />,
        children: [
          { index: true, element: <StorefrontHome /> },
          { path: 'account/login', element: <ShopperLoginPage /> },
          { path: 'account/signup', element: <ShopperSignupPage /> },
          { path: '*', element: <NotFound /> },
        ],
      },
      { path: 'dashboard/handoff', element: <HandoffPage /> },
      {
        path: 'dashboard',
        element: <DashboardGate />,
        children: [
          { index: true, element: <OverviewPage /> },
          { path: 'staff', element: <StaffPage /> },
        ],
      },
    ],
  },
]
