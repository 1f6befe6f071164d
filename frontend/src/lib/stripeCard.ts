// The 'pure' entry loads Stripe.js only when loadStripe is called (a shop with a publishable key),
// not on import: a shop on the offline gateway makes no request to js.stripe.com.
import type { Stripe, StripeCardElement } from '@stripe/stripe-js'
import { loadStripe } from '@stripe/stripe-js/pure'
import { useCallback, useEffect, useRef, useState } from 'react'

export type StripeCardStatus = 'idle' | 'loading' | 'ready' | 'error'

export interface StripeCard {
  /** A callback ref: where Stripe's card field is mounted (the number is typed into Stripe's frame, never ours). */
  mount: (element: HTMLDivElement | null) => void
  status: StripeCardStatus
  /** What Stripe.js says about the card as it is typed (e.g. an incomplete number). */
  cardError: string
  /** The card as a Stripe payment method id: all this server ever sees of it. */
  paymentMethod: () => Promise<{ id: string } | { error: string }>
  /** The card's authentication step (3-D Secure), for a payment that answered `requires_action`. */
  authenticate: (clientSecret: string) => Promise<{ error?: string }>
}

/** Loads Stripe.js with the shop's publishable key and mounts its card element; nothing without a key. */
export function useStripeCard(publishableKey: string | null | undefined): StripeCard {
  const [element, mount] = useState<HTMLDivElement | null>(null)
  const stripeRef = useRef<Stripe | null>(null)
  const cardRef = useRef<StripeCardElement | null>(null)
  const [status, setStatus] = useState<StripeCardStatus>(publishableKey ? 'loading' : 'idle')
  const [cardError, setCardError] = useState('')

  useEffect(() => {
    if (!publishableKey || !element) return
    let cancelled = false
    setStatus('loading')
    loadStripe(publishableKey).then(
      (stripe) => {
        if (cancelled) return
        if (!stripe) {
          setStatus('error')
          return
        }
        const card = stripe.elements().create('card', { hidePostalCode: true })
        card.mount(element)
        card.on('change', (event) => setCardError(event?.error?.message ?? ''))
        stripeRef.current = stripe
        cardRef.current = card
        setStatus('ready')
      },
      () => {
        if (!cancelled) setStatus('error')
      },
    )
    return () => {
      cancelled = true
      cardRef.current?.destroy()
      cardRef.current = null
    }
  }, [publishableKey, element])

  const paymentMethod = useCallback(async (): Promise<{ id: string } | { error: string }> => {
    const stripe = stripeRef.current
    const card = cardRef.current
    if (!stripe || !card) return { error: 'The card form is still loading. Try again in a moment.' }
    const made = await stripe.createPaymentMethod({ type: 'card', card })
    if (made?.paymentMethod) return { id: made.paymentMethod.id }
    if (made?.error) return { error: made.error.message ?? 'Check the card details.' }
    // A Stripe.js stand-in without PaymentMethods (localstripe, in tests): the card of a token.
    const token = await stripe.createToken(card)
    if (token?.token?.card) return { id: token.token.card.id }
    return { error: token?.error?.message ?? 'Check the card details.' }
  }, [])

  const authenticate = useCallback(async (clientSecret: string) => {
    const stripe = stripeRef.current
    if (!stripe) return { error: 'The card form is not loaded.' }
    const result = await stripe.confirmCardPayment(clientSecret)
    return { error: result?.error?.message }
  }, [])

  return { mount, status, cardError, paymentMethod, authenticate }
}
