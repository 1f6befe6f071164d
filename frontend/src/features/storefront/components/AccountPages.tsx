import { Link, Navigate } from 'react-router'
import { useDocumentTitle } from '../../../lib/useDocumentTitle'
import { AuthForm } from '../../auth/components/AuthForm'
import { useCurrentUser } from '../../auth/hooks'
import { useShopInfo } from '../../../app/shop'

export function ShopperLoginPage() {
  const shop = useShopInfo()
  const user = useCurrentUser()
  useDocumentTitle(`Sign in — ${shop.name}`)
  if (user) return <Navigate to="/" replace />
  return (
    <AuthForm
      mode="login"
      title={`Sign in to ${shop.name}`}
      submitLabel="Sign in"
      footer={
        <p className="form-footer">
          No account yet? <Link to="/account/signup">Sign up</Link>
        </p>
      }
    />
  )
}

export function ShopperSignupPage() {
  const shop = useShopInfo()
  const user = useCurrentUser()
  useDocumentTitle(`Sign up — ${shop.name}`)
  if (user) return <Navigate to="/" replace />
  return (
    <AuthForm
      mode="signup"
      title={`Create your ${shop.name} account`}
      intro={<p className="muted">This account is for {shop.name} only.</p>}
      footer={
        <p className="form-footer">
          Already have an account? <Link to="/account/login">Sign in</Link>
        </p>
      }
    />
  )
}
