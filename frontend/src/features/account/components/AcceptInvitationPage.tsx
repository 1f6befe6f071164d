import { useEffect, useRef, useState, type FormEvent } from 'react'
import { useNavigate, useSearchParams } from 'react-router'
import { useShopInfo } from '../../../app/shop'
import { Alert } from '../../../components/Alert'
import { TextField } from '../../../components/Fields'
import { Loading } from '../../../components/States'
import { formMessage, parseApiError } from '../../../lib/apiError'
import { useDocumentTitle } from '../../../lib/useDocumentTitle'
import { PASSWORD_RULE } from '../../auth/components/AuthForm'
import { useAcceptInvitationMutation, usePreviewInvitationMutation } from '../accountApi'

const roleNames: Record<string, string> = { manager: 'a manager', staff: 'staff', support: 'support' }

/** The page an invitation e-mail opens: choose a password and land in the dashboard. */
export function AcceptInvitationPage() {
  const shop = useShopInfo()
  useDocumentTitle(`Join the ${shop.name} team`)
  const navigate = useNavigate()
  const [params] = useSearchParams()
  const token = params.get('token') ?? ''
  const [preview, previewState] = usePreviewInvitationMutation()
  const [accept, acceptState] = useAcceptInvitationMutation()
  const [fullName, setFullName] = useState('')
  const [password, setPassword] = useState('')
  const asked = useRef(false)

  useEffect(() => {
    if (!token || asked.current) return
    asked.current = true
    preview({ token }).catch(() => undefined)
  }, [token, preview])

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    try {
      await accept({ token, password, ...(fullName.trim() ? { full_name: fullName.trim() } : {}) }).unwrap()
      navigate('/dashboard', { replace: true })
    } catch {
      // Shown from the mutation state.
    }
  }

  const acceptError = acceptState.error ? parseApiError(acceptState.error) : null
  return (
    <section className="card auth-card" aria-labelledby="invite-title">
      <h1 id="invite-title">Join the {shop.name} team</h1>
      {!token && <p>This link is incomplete: open the link from the invitation e-mail again.</p>}
      {previewState.isLoading && <Loading label="Checking the invitation…" />}
      {previewState.error && (
        <Alert>
          <p>{parseApiError(previewState.error).message}</p>
        </Alert>
      )}
      {previewState.data && (
        <form onSubmit={onSubmit} noValidate aria-busy={acceptState.isLoading}>
          <p>
            You are invited to join as {roleNames[previewState.data.role] ?? previewState.data.role}, with{' '}
            <strong>{previewState.data.email}</strong>. Choose a password to finish.
          </p>
          {acceptError && (
            <Alert>
              <p>{formMessage(acceptError, ['password', 'full_name'])}</p>
            </Alert>
          )}
          <TextField
            label="Full name (optional)"
            name="full_name"
            autoComplete="name"
            value={fullName}
            onChange={(e) => setFullName(e.target.value)}
            errors={acceptError?.fields.full_name}
          />
          <TextField
            label="Password"
            name="password"
            type="password"
            autoComplete="new-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            errors={acceptError?.fields.password}
            hint={PASSWORD_RULE}
          />
          <button type="submit" className="btn btn-primary btn-block" disabled={acceptState.isLoading}>
            {acceptState.isLoading ? 'Joining…' : 'Join the team'}
          </button>
        </form>
      )}
    </section>
  )
}
