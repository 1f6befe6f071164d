import type { StripeCard } from '../lib/stripeCard'

interface StripeCardFieldProps extends Pick<StripeCard, 'mount' | 'status' | 'cardError'> {
  errors?: string[]
}

/** Stripe's card element in the form's payment section, with its loading and error states. */
export function StripeCardField({ mount, status, cardError, errors }: StripeCardFieldProps) {
  const messages = [cardError, ...(errors ?? [])].filter(Boolean)
  return (
    <fieldset className="form-section">
      <legend>Payment</legend>
      <p className="label" id="stripe-card-label">
        Card
      </p>
      <div
        className="stripe-card"
        ref={mount}
        role="group"
        aria-labelledby="stripe-card-label"
        aria-describedby={messages.length ? 'stripe-card-error' : undefined}
        aria-busy={status === 'loading'}
      />
      {status === 'loading' && <p className="muted">Loading the secure card form…</p>}
      {status === 'error' && (
        <p className="field-errors" role="alert">
          The secure card form could not be loaded. Check your connection and reload the page.
        </p>
      )}
      {messages.length > 0 && (
        <p className="field-errors" id="stripe-card-error">
          {messages.join(' ')}
        </p>
      )}
      <p className="muted">Your card details go straight to Stripe, the shop's payment provider.</p>
    </fieldset>
  )
}
