import { Link } from 'react-router'
import { TextField } from '../../../components/Fields'
import type { User } from '../../auth/types'

interface ContactFieldsetProps {
  user: User | null
  email: string
  onEmailChange: (email: string) => void
  errors?: string[]
  disabled: boolean
}

export function ContactFieldset({ user, email, onEmailChange, errors, disabled }: ContactFieldsetProps) {
  return (
    <fieldset className="form-section" disabled={disabled}>
      <legend>Contact</legend>
      {user ? (
        <p>
          Signed in as <strong>{user.email}</strong>. We will send the receipt there.
        </p>
      ) : (
        <>
          <TextField
            label="Email"
            type="email"
            name="email"
            autoComplete="email"
            value={email}
            onChange={(e) => onEmailChange(e.target.value)}
            errors={errors}
            hint="For your receipt and delivery updates."
          />
          <p className="muted small">
            Have an account?{' '}
            <Link to="/account/login" state={{ from: '/checkout' }}>
              Sign in
            </Link>{' '}
            or{' '}
            <Link to="/account/signup" state={{ from: '/checkout' }}>
              create one
            </Link>{' '}
            to follow your orders. Your cart comes with you.
          </p>
        </>
      )}
    </fieldset>
  )
}
