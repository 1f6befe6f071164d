import type { RouteObject } from 'react-router'
import { NotFound } from '../../components/NotFound'
import { AdminShopsPage } from '../../features/admin/components/AdminShopsPage'
import { RequireAuth } from '../../features/auth/components/RequireAuth'
import { CreateShopPage } from '../../features/platform/components/CreateShopPage'
import { LandingPage } from '../../features/platform/components/LandingPage'
import { MyShopsPage } from '../../features/platform/components/MyShopsPage'
import { PlatformLoginPage, PlatformSignupPage } from '../../features/platform/components/PlatformAuthPages'
import { PlatformLayout } from '../../features/platform/components/PlatformLayout'
import { ForgotPasswordPage, ResetPasswordPage, VerifyEmailPage } from '../../features/account/components/RecoveryPages'
import { SecurityPage } from '../../features/account/components/SecurityPage'

/** Routes on the root host (kind "platform"). */
export const platformRoutes: RouteObject[] = [
  {
    element: <PlatformLayout />,
    children: [
      { index: true, element: <LandingPage /> },
      { path: 'signup', element: <PlatformSignupPage /> },
      { path: 'login', element: <PlatformLoginPage /> },
      { path: 'forgot-password', element: <ForgotPasswordPage loginPath="/login" /> },
      { path: 'reset-password', element: <ResetPasswordPage loginPath="/login" /> },
      { path: 'verify-email', element: <VerifyEmailPage loginPath="/shops" /> },
      {
        element: <RequireAuth />,
        children: [
          { path: 'shops', element: <MyShopsPage /> },
          { path: 'shops/new', element: <CreateShopPage /> },
          { path: 'admin', element: <AdminShopsPage /> },
          { path: 'account/security', element: <SecurityPage loginPath="/login" /> },
        ],
      },
      { path: '*', element: <NotFound /> },
    ],
  },
]
