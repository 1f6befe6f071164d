import { useEffect, useRef, useState, type FormEvent } from 'react'
import { Link, useSearchParams } from 'react-router'
import { Alert } from '../../../components/Alert'
import { TextField } from '../../../components/Fields'
import { Loading } from '../../../components/States'
import { formMessage, parseApiError } from '../../../lib/apiError'
import { useDocumentTitle } from '../../../lib/useDocumentTitle'
import { useFocusFirstInvalid } from '../../../lib/useFocusFirstInvalid'
import { PASSWORD_RULE } from '../../auth/components/AuthForm'
import {
  useConfirmPasswordResetMutation,
  useRequestPasswordResetMutation,
  useVerifyEmailMutation,
} from '../accountApi'

interface RecoveryPageProps {
  /** Where this host's sign-in page is: /login on the platform, /account/login on a shop. */
  loginPath: string
}

/** "Forgot your password?": always the same answer, whether or not the account exists. */
export function ForgotPasswordPage({ loginPath }: RecoveryPageProps) {
  useDocumentTitle('Reset your password')
  const [email, setEmail] = useState('')
  const [request, { data, error, isLoading }] = useRequestPasswordResetMutation()
  const [formRef, focusFirstInvalid] = useFocusFirstInvalid<HTMLFormElement>()
  const apiError = error ? parseApiError(error) : null

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    request({ email: email.trim() })
      .unwrap()
      .catch(() => focusFirstInvalid())
  }

  return (
    <section className="card auth-card" aria-labelledby="forgot-title">
      <h1 id="forgot-title">Reset your password</h1>
      {data ? (
        <Alert tone="success" title="Check your e-mail">
          <p>{data.detail}</p>
          <p>
            The link works once and for a limited time. <Link to={loginPath}>Back to sign in</Link>
          </p>
        </Alert>
      ) : (
        <form ref={formRef} onSubmit={onSubmit} noValidate aria-busy={isLoading}>
          <p>Enter the e-mail address of your account and we will send you a link to choose a new password.</p>
          {apiError && (
            <Alert>
              <p>{formMessage(apiError, ['email'])}</p>
            </Alert>
          )}
          <TextField
            label="Email"
            name="email"
            type="email"
            autoComplete="email"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            errors={apiError?.fields.email}
          />
          <button type="submit" className="btn btn-primary btn-block" disabled={isLoading}>
            {isLoading ? 'Sending…' : 'Send the link'}
          </button>
          <p className="form-footer">
            <Link to={loginPath}>Back to sign in</Link>
          </p>
        </form>
      )}
    </section>
  )
}

/** The page the e-mailed link opens: choose the new password. */
export function ResetPasswordPage({ loginPath }: RecoveryPageProps) {
  useDocumentTitle('Choose a new password')
  const [params] = useSearchParams()
  const uid = params.get('uid') ?? ''
  const token = params.get('token') ?? ''
  const [password, setPassword] = useState('')
  const [confirm, { data, error, isLoading }] = useConfirmPasswordResetMutation()
  const [formRef, focusFirstInvalid] = useFocusFirstInvalid<HTMLFormElement>()
  const apiError = error ? parseApiError(error) : null

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    confirm({ uid, token, password })
      .unwrap()
      .catch(() => focusFirstInvalid())
  }

  if (!uid || !token) {
    return (
      <section className="card auth-card" aria-labelledby="reset-title">
        <h1 id="reset-title">This link is incomplete</h1>
        <p>
          Open the link from the e-mail again, or <Link to="../forgot-password">ask for a new one</Link>.
        </p>
      </section>
    )
  }
  return (
    <section className="card auth-card" aria-labelledby="reset-title">
      <h1 id="reset-title">Choose a new password</h1>
      {data ? (
        <Alert tone="success" title="Password changed">
          <p>{data.detail}</p>
          <p>
            <Link to={loginPath}>Sign in</Link>
          </p>
        </Alert>
      ) : (
        <form ref={formRef} onSubmit={onSubmit} noValidate aria-busy={isLoading}>
          {apiError && (
            <Alert>
              <p>{formMessage(apiError, ['password'])}</p>
              {apiError.code === 'reset_link_invalid' && (
                <p>
                  <Link to="../forgot-password">Ask for a new link</Link>
                </p>
              )}
            </Alert>
          )}
          <TextField
            label="New password"
            name="password"
            type="password"
            autoComplete="new-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            errors={apiError?.fields.password}
            hint={PASSWORD_RULE}
          />
          <button type="submit" className="btn btn-primary btn-block" disabled={isLoading}>
            {isLoading ? 'Saving…' : 'Save the new password'}
          </button>
        </form>
      )}
    </section>
  )
}

/** The page the sign-up e-mail's link opens: confirms the address at once. */
export function VerifyEmailPage({ loginPath }: RecoveryPageProps) {
  useDocumentTitle('Confirm your e-mail address')
  const [params] = useSearchParams()
  const token = params.get('token') ?? ''
  const [verify, { isSuccess, error, isUninitialized }] = useVerifyEmailMutation()
  const sent = useRef(false)

  useEffect(() => {
    // Once per page, though React runs effects twice in development.
    if (!token || sent.current) return
    sent.current = true
    verify({ token }).catch(() => undefined)
  }, [token, verify])

  return (
    <section className="card auth-card" aria-labelledby="verify-title">
      <h1 id="verify-title">Confirm your e-mail address</h1>
      {!token && <p>This link is incomplete: open the link from the e-mail again.</p>}
      {token && (isUninitialized || (!isSuccess && !error)) && <Loading label="Confirming…" />}
      {isSuccess && (
        <Alert tone="success" title="Thank you">
          <p>Your e-mail address is confirmed.</p>
          <p>
            <Link to={loginPath}>Continue</Link>
          </p>
        </Alert>
      )}
      {error && (
        <Alert>
          <p>{parseApiError(error).message}</p>
        </Alert>
      )}
    </section>
  )
}
