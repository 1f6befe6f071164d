import { Link, Navigate, useLocation } from 'react-router'
import { AuthForm } from '../../auth/components/AuthForm'
import { useDocumentTitle } from '../../../lib/useDocumentTitle'
import { useCurrentUser } from '../../auth/hooks'

function useAfterAuthPath(): string {
  const from = (useLocation().state as { from?: string } | null)?.from
  return from && from.startsWith('/') ? from : '/shops'
}

export function PlatformLoginPage() {
  const user = useCurrentUser()
  const next = useAfterAuthPath()
  useDocumentTitle('Log in — Shopyard')
  if (user) return <Navigate to={next} replace />
  return (
    <>
      <AuthForm
        mode="login"
        title="Log in to Shopyard"
        footer={
          <p className="form-footer">
            New here? <Link to="/signup">Create your shop</Link>
          </p>
        }
      />
    </>
  )
}

export function PlatformSignupPage() {
  const user = useCurrentUser()
  const next = useAfterAuthPath()
  useDocumentTitle('Sign up — Shopyard')
  if (user) return <Navigate to={next} replace />
  return (
    <>
      <AuthForm
        mode="signup"
        title="Create your Shopyard account"
        intro={<p>Sign up first; you will name your shop and choose its address next.</p>}
        footer={
          <p className="form-footer">
            Already have an account? <Link to="/login">Log in</Link>
          </p>
        }
      />
    </>
  )
}
