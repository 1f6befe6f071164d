import type { RouteObject } from 'react-router'
import { NotFound } from '../../components/NotFound'
import { RequireAuth } from '../../features/auth/components/RequireAuth'
import { lazyPage } from './lazyPage'

const platform = () => import('./platformPages')
const accountPages = () => import('./accountPages')

/** Routes on the root host (kind "platform"); their screens load only there. */
export const platformRoutes: RouteObject[] = [
  {
    element: lazyPage(platform, 'PlatformLayout'),
    children: [
      { index: true, element: lazyPage(platform, 'LandingPage') },
      { path: 'signup', element: lazyPage(platform, 'PlatformSignupPage') },
      { path: 'login', element: lazyPage(platform, 'PlatformLoginPage') },
      { path: 'forgot-password', element: lazyPage(accountPages, 'PlatformForgotPasswordPage') },
      { path: 'reset-password', element: lazyPage(accountPages, 'PlatformResetPasswordPage') },
      { path: 'verify-email', element: lazyPage(accountPages, 'PlatformVerifyEmailPage') },
      { path: 'auth/social', element: lazyPage(accountPages, 'PlatformSocialCallbackPage') },
      {
        element: <RequireAuth />,
        children: [
          { path: 'shops', element: lazyPage(platform, 'MyShopsPage') },
          { path: 'shops/new', element: lazyPage(platform, 'CreateShopPage') },
          { path: 'admin', element: lazyPage(() => import('../../features/admin/components/AdminShopsPage'), 'AdminShopsPage') },
          { path: 'admin/plans', element: lazyPage(() => import('../../features/admin/components/AdminPlansPage'), 'AdminPlansPage') },
          { path: 'account/security', element: lazyPage(accountPages, 'PlatformSecurityPage') },
        ],
      },
      { path: '*', element: <NotFound /> },
    ],
  },
]
