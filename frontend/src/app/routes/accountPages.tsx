/** Sign-in recovery, security and invitation screens, fetched when first visited. Each host
 * gets its own wrappers, since the sign-in page lives at a different path on each. */
import { AcceptInvitationPage } from '../../features/account/components/AcceptInvitationPage'
import { AccountPage } from '../../features/account/components/AccountPage'
import { ForgotPasswordPage, ResetPasswordPage, VerifyEmailPage } from '../../features/account/components/RecoveryPages'
import { SecurityPage } from '../../features/account/components/SecurityPage'
import { SocialCallbackPage } from '../../features/auth/components/SocialCallbackPage'
import { homeFor } from '../../features/platform/components/PlatformAuthPages'

export { AcceptInvitationPage, AccountPage }

export const ShopForgotPasswordPage = () => <ForgotPasswordPage loginPath="/account/login" />
export const ShopResetPasswordPage = () => <ResetPasswordPage loginPath="/account/login" />
export const ShopVerifyEmailPage = () => <VerifyEmailPage loginPath="/" />
export const ShopSecurityPage = () => <SecurityPage loginPath="/account/login" />
export const ShopSocialCallbackPage = () => <SocialCallbackPage home={() => '/'} loginPath="/account/login" />

export const PlatformForgotPasswordPage = () => <ForgotPasswordPage loginPath="/login" />
export const PlatformResetPasswordPage = () => <ResetPasswordPage loginPath="/login" />
export const PlatformVerifyEmailPage = () => <VerifyEmailPage loginPath="/shops" />
export const PlatformSecurityPage = () => <SecurityPage loginPath="/login" />
export const PlatformSocialCallbackPage = () => (
  <SocialCallbackPage home={(user) => homeFor(user, 'login')} loginPath="/login" />
)
