import { Link, Navigate, useLocation } from 'react-router'
import { useDocumentTitle } from '../../../lib/useDocumentTitle'
import { AuthForm } from '../../auth/components/AuthForm'
import { useCurrentUser } from '../../auth/hooks'
import { useShopInfo } from '../../../app/shop'

/** Where to go after signing in: back to the page that asked (e.g. checkout), else home. */
function useReturnPath(): string {
  const from = (useLocation().state as { from?: unknown } | null)?.from
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') ? from : '/'
}

export function ShopperLoginPage() {
  const shop = useShopInfo()
  const user = useCurrentUser()
  const returnTo = useReturnPath()
  useDocumentTitle(`Sign in — ${shop.name}`)
  if (user) return <Navigate to={returnTo} replace />
  return (
    <AuthForm
      mode="login"
      title={`Sign in to ${shop.name}`}
      submitLabel="Sign in"
      social
      socialNext={returnTo}
      footer={
        <>
          <p className="form-footer">
            <Link to="/account/forgot-password">Forgot your password?</Link>
          </p>
          <p className="form-footer">
            No account yet?{' '}
            <Link to="/account/signup" state={returnTo !== '/' ? { from: returnTo } : undefined}>
              Sign up
            </Link>
            <br />
            Ordered without an account? <Link to="/orders/lookup">Find your order</Link>
          </p>
        </>
      }
    />
  )
}

export function ShopperSignupPage() {
  const shop = useShopInfo()
  const user = useCurrentUser()
  const returnTo = useReturnPath()
  useDocumentTitle(`Sign up — ${shop.name}`)
  if (user) return <Navigate to={returnTo} replace />
  return (
    <AuthForm
      mode="signup"
      title={`Create your ${shop.name} account`}
      social
      socialNext={returnTo}
      intro={<p className="muted">This account is for {shop.name} only. Anything in your cart stays there.</p>}
      footer={
        <p className="form-footer">
          Already have an account?{' '}
          <Link to="/account/login" state={returnTo !== '/' ? { from: returnTo } : undefined}>
            Sign in
          </Link>
        </p>
      }
    />
  )
}
