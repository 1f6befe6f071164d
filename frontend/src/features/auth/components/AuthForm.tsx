import { useState, type FormEvent, type ReactNode } from 'react'
import { Alert } from '../../../components/Alert'
import { TextField } from '../../../components/Fields'
import { formMessage, parseApiError } from '../../../lib/apiError'
import { useFocusFirstInvalid } from '../../../lib/useFocusFirstInvalid'
import { useLoginMutation, useSignupMutation } from '../authApi'
import type { User } from '../types'
import { SocialButtons } from './SocialButtons'

interface AuthFormProps {
  mode: 'login' | 'signup'
  title: string
  submitLabel?: string
  intro?: ReactNode
  footer?: ReactNode
  onSuccess?: (user: User) => void
  /** Offer "Continue with Google / Facebook" (those configured) above the form. */
  social?: boolean
  /** Where a social sign-in lands once done (the page that asked for a sign-in). */
  socialNext?: string | null
}

const knownFields = ['email', 'password', 'full_name']

/** What the server's password validators ask for, shown before the first try. */
export const PASSWORD_RULE = 'At least 10 characters, not a common password.'

/** Sign-in and sign-up for every audience: merchants, admins, shoppers and shop staff. */
export function AuthForm({ mode, title, submitLabel, intro, footer, onSuccess, social, socialNext }: AuthFormProps) {
  const [login, loginState] = useLoginMutation()
  const [signup, signupState] = useSignupMutation()
  const { isLoading, error } = mode === 'login' ? loginState : signupState
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [fullName, setFullName] = useState('')
  const [formRef, focusFirstInvalid] = useFocusFirstInvalid<HTMLFormElement>()

  const apiError = error ? parseApiError(error) : null
  const fields = apiError?.fields ?? {}
  const otherFieldErrors = Object.entries(fields).filter(([name]) => !knownFields.includes(name))
  const label = submitLabel ?? (mode === 'login' ? 'Log in' : 'Create account')

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    try {
      const response =
        mode === 'login'
          ? await login({ email, password }).unwrap()
          : await signup({ email, password, ...(fullName.trim() ? { full_name: fullName.trim() } : {}) }).unwrap()
      onSuccess?.(response.user)
    } catch {
      // The errors are rendered from the mutation state below; each sits by its field.
      focusFirstInvalid()
    }
  }

  return (
    <section className="card auth-card" aria-labelledby="auth-title">
      <h1 id="auth-title">{title}</h1>
      {intro}
      {social && <SocialButtons next={socialNext} />}
      <form ref={formRef} onSubmit={onSubmit} noValidate aria-busy={isLoading}>
        {apiError && (
          <Alert>
            <p>{formMessage(apiError, knownFields)}</p>
            {otherFieldErrors.length > 0 && (
              <ul>
                {otherFieldErrors.flatMap(([name, messages]) => messages.map((m) => <li key={name + m}>{m}</li>))}
              </ul>
            )}
          </Alert>
        )}
        {mode === 'signup' && (
          <TextField
            label="Full name (optional)"
            name="full_name"
            autoComplete="name"
            value={fullName}
            onChange={(e) => setFullName(e.target.value)}
            errors={fields.full_name}
          />
        )}
        <TextField
          label="Email"
          name="email"
          type="email"
          autoComplete="email"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          errors={fields.email}
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete={mode === 'login' ? 'current-password' : 'new-password'}
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          errors={fields.password}
          hint={mode === 'signup' ? PASSWORD_RULE : undefined}
        />
        <button type="submit" className="btn btn-primary btn-block" disabled={isLoading}>
          {isLoading ? 'Please wait…' : label}
        </button>
      </form>
      {footer}
    </section>
  )
}
