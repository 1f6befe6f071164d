import { useState } from 'react'
import { useNavigate } from 'react-router'
import { Alert } from '../../../components/Alert'
import { parseApiError } from '../../../lib/apiError'
import { useDocumentTitle } from '../../../lib/useDocumentTitle'
import { useFocusAfterRender } from '../../../lib/useFocusAfterRender'
import { useAppDispatch } from '../../../app/hooks'
import { api } from '../../../app/api'
import { signedOut } from '../../auth/authSlice'
import { useCurrentUser } from '../../auth/hooks'
import { useLogoutEverywhereMutation, useResendVerificationMutation } from '../accountApi'
import { LinkedProviders } from './LinkedProviders'

/** The account's e-mail status and "Sign out everywhere", on the platform and on shops. */
export function SecurityPage({ loginPath }: { loginPath: string }) {
  useDocumentTitle('Sign-in and security')
  const user = useCurrentUser()
  const dispatch = useAppDispatch()
  const navigate = useNavigate()
  const [resend, resendState] = useResendVerificationMutation()
  const [logoutEverywhere, logoutState] = useLogoutEverywhereMutation()
  const [confirming, setConfirming] = useState(false)
  const [confirmRef, focusConfirm] = useFocusAfterRender<HTMLButtonElement>()

  async function endEverySession() {
    try {
      await logoutEverywhere().unwrap()
      dispatch(signedOut())
      dispatch(api.util.resetApiState())
      navigate(loginPath, { replace: true })
    } catch {
      // Shown below from the mutation state.
    }
  }

  if (!user) return null
  return (
    <section aria-labelledby="security-title" className="page-stack">
      <h1 id="security-title">Sign-in and security</h1>
      <div className="card">
        <h2>E-mail address</h2>
        <p>
          {user.email}{' '}
          {user.email_verified ? (
            <span className="badge badge-ok">Confirmed</span>
          ) : (
            <span className="badge badge-warn">Not confirmed yet</span>
          )}
        </p>
        {!user.email_verified && (
          <>
            <p className="muted">Open the link we e-mailed you when you signed up. Lost it? We can send another.</p>
            <button
              type="button"
              className="btn btn-secondary"
              onClick={() => resend().catch(() => undefined)}
              disabled={resendState.isLoading}
            >
              {resendState.isLoading ? 'Sending…' : 'Send the link again'}
            </button>
            {resendState.data && (
              <Alert tone="success">
                <p>{resendState.data.detail}</p>
              </Alert>
            )}
            {resendState.error && (
              <Alert>
                <p>{parseApiError(resendState.error).message}</p>
              </Alert>
            )}
          </>
        )}
      </div>
      <div className="card">
        <h2>Linked sign-ins</h2>
        <LinkedProviders />
      </div>
      <div className="card">
        <h2>Sessions</h2>
        <p>Signed in on another computer, or lost a phone? End every session of this account, this one included.</p>
        {confirming ? (
          <div className="actions" role="group" aria-label="Confirm signing out everywhere">
            <button
              type="button"
              className="btn btn-danger"
              onClick={endEverySession}
              disabled={logoutState.isLoading}
              ref={confirmRef}
            >
              {logoutState.isLoading ? 'Signing out…' : 'Yes, sign out everywhere'}
            </button>
            <button type="button" className="btn btn-secondary" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        ) : (
          <button
            type="button"
            className="btn btn-secondary"
            onClick={() => {
              setConfirming(true)
              focusConfirm()
            }}
          >
            Sign out everywhere
          </button>
        )}
        {logoutState.error && (
          <Alert>
            <p>{parseApiError(logoutState.error).message}</p>
          </Alert>
        )}
      </div>
    </section>
  )
}
