import { useEffect, useRef, useState } from 'react'
import { Alert } from '../../../components/Alert'
import { parseApiError } from '../../../lib/apiError'
import { useSaveCardMutation, useStartCardSetupMutation, type Billing } from '../billingApi'
import { loadStripe, type StripeCardElement, type StripeJs } from '../stripeJs'

/** The subscription's card, entered in Stripe's own card element: the number goes to Stripe, never to us. */
export function CardForm({ billing }: { billing: Billing }) {
  const [open, setOpen] = useState(false)
  const card = billing.subscription.card
  if (billing.subscription.comped) return null
  return (
    <section aria-labelledby="card-title" className="card">
      <h2 id="card-title">Payment card</h2>
      <p>{card ? `${card.brand.toUpperCase()} ending in ${card.last4}` : 'No card yet: add one before choosing a paid plan.'}</p>
      {!billing.stripe.configured ? (
        <p className="muted">Card payments are not set up on this platform yet.</p>
      ) : open ? (
        <CardElement billing={billing} onDone={() => setOpen(false)} />
      ) : (
        <button type="button" className="btn btn-secondary" onClick={() => setOpen(true)}>
          {card ? 'Replace card' : 'Add a card'}
        </button>
      )}
    </section>
  )
}

function CardElement({ billing, onDone }: { billing: Billing; onDone: () => void }) {
  const mountRef = useRef<HTMLDivElement>(null)
  const [stripe, setStripe] = useState<{ js: StripeJs; element: StripeCardElement } | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [startSetup] = useStartCardSetupMutation()
  const [saveCard] = useSaveCardMutation()

  useEffect(() => {
    let element: StripeCardElement | null = null
    let cancelled = false
    loadStripe(billing.stripe.js_url)
      .then((factory) => {
        if (cancelled || !mountRef.current) return
        const js = factory(billing.stripe.publishable_key)
        element = js.elements().create('card')
        element.mount(mountRef.current)
        setStripe({ js, element })
      })
      .catch((err: Error) => setError(err.message))
    return () => {
      cancelled = true
      element?.destroy()
    }
  }, [billing.stripe.js_url, billing.stripe.publishable_key])

  async function submit() {
    if (!stripe) return
    setBusy(true)
    setError(null)
    try {
      const setup = await startSetup().unwrap()
      const confirmed = await stripe.js.confirmCardSetup(setup.client_secret, { payment_method: { card: stripe.element } })
      if (confirmed.error || !confirmed.setupIntent) {
        setError(confirmed.error?.message ?? 'The card could not be confirmed.')
        return
      }
      await saveCard(confirmed.setupIntent.id).unwrap()
      onDone()
    } catch (err) {
      setError(parseApiError(err).message)
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="card-entry">
      {error && <Alert>{error}</Alert>}
      <div className="card-element" ref={mountRef} aria-label="Card details" role="group" />
      {!stripe && !error && <p role="status">Loading the secure card form…</p>}
      <div className="inline-row">
        <button type="button" className="btn btn-primary" disabled={!stripe || busy} onClick={() => void submit()}>
          {busy ? 'Saving card…' : 'Save card'}
        </button>
        <button type="button" className="btn btn-secondary" onClick={onDone} disabled={busy}>
          Cancel
        </button>
      </div>
    </div>
  )
}
