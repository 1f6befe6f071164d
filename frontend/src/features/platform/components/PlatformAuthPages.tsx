import { Link, Navigate, useLocation } from 'react-router'
import { useDocumentTitle } from '../../../lib/useDocumentTitle'
import { AuthForm } from '../../auth/components/AuthForm'
import { useCurrentUser } from '../../auth/hooks'
import type { User } from '../../auth/types'

/**
 * Where a signed-in user goes from the log-in and sign-up pages: back to the page that sent them
 * here, else their home: /admin for a platform admin, and for a merchant My shops after logging in
 * or the new-shop form straight after signing up ("you will name your shop next").
 */
export function homeFor(user: Pick<User, 'role'>, after: 'login' | 'signup'): string {
  if (user.role === 'admin') return '/admin'
  return after === 'signup' ? '/shops/new' : '/shops'
}

function useReturnPath(): string | null {
  const from = (useLocation().state as { from?: unknown } | null)?.from
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') ? from : null
}

interface PlatformAuthPageProps {
  mode: 'login' | 'signup'
}

function PlatformAuthPage({ mode }: PlatformAuthPageProps) {
  const user = useCurrentUser()
  const from = useReturnPath()
  useDocumentTitle(mode === 'login' ? 'Log in — Shopyard' : 'Sign up — Shopyard')
  if (user) return <Navigate to={from ?? homeFor(user, mode)} replace />
  return mode === 'login' ? (
    <AuthForm
      mode="login"
      title="Log in to Shopyard"
      social
      socialNext={from}
      footer={
        <>
          <p className="form-footer">
            <Link to="/forgot-password">Forgot your password?</Link>
          </p>
          <p className="form-footer">
            New here? <Link to="/signup">Create your shop</Link>
          </p>
        </>
      }
    />
  ) : (
    <AuthForm
      mode="signup"
      title="Create your Shopyard account"
      social
      socialNext={from}
      intro={<p>Sign up first; you will name your shop and choose its address next.</p>}
      footer={
        <p className="form-footer">
          Already have an account? <Link to="/login">Log in</Link>
        </p>
      }
    />
  )
}

export function PlatformLoginPage() {
  return <PlatformAuthPage mode="login" />
}

export function PlatformSignupPage() {
  return <PlatformAuthPage mode="signup" />
}
