/** The platform's screens, one chunk fetched on the root host only (see platform.tsx). */
export { CreateShopPage } from '../../features/platform/components/CreateShopPage'
export { LandingPage } from '../../features/platform/components/LandingPage'
export { MyShopsPage } from '../../features/platform/components/MyShopsPage'
export { PlatformLoginPage, PlatformSignupPage } from '../../features/platform/components/PlatformAuthPages'
export { PlatformLayout } from '../../features/platform/components/PlatformLayout'
