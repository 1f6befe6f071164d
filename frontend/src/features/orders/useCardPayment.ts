import { useStripeCard } from '../../lib/stripeCard'
import type { Order } from '../../types/commerce'
import { usePaymentConfigQuery } from './ordersApi'

/**
 * How this shop takes cards: Stripe's card element when the shop has its Stripe keys, otherwise
 * the offline test gateway's own fields. Checkout and "pay this order" share it.
 */
export function useCardPayment() {
  const config = usePaymentConfigQuery()
  const stripeKey = config.data?.gateway === 'stripe' ? config.data.publishable_key : null
  const card = useStripeCard(stripeKey)
  return { loading: config.isLoading, stripe: Boolean(stripeKey), card }
}

/**
 * A payment that answered `requires_action` goes through the card's authentication step, then the
 * same request (same Idempotency-Key) is sent again: the server reads the payment from Stripe and
 * answers paid or declined. The browser's own word on the outcome is never taken.
 */
export async function completeAuthentication(
  answer: Order,
  authenticate: (clientSecret: string) => Promise<{ error?: string }>,
  sendAgain: () => Promise<Order>,
): Promise<Order> {
  if (answer.payment?.status !== 'requires_action' || !answer.payment.client_secret) return answer
  await authenticate(answer.payment.client_secret)
  return sendAgain()
}
