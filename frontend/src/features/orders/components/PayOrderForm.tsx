import { useState, type FormEvent } from 'react'
import { ErrorSummary } from '../../../components/ErrorSummary'
import { parseApiError, type ApiError, type FieldErrors } from '../../../lib/apiError'
import { formatMoney, formatOrderNumber } from '../../../lib/format'
import { useFocusAfterRender } from '../../../lib/useFocusAfterRender'
import { useIdempotentSubmit } from '../../../lib/useIdempotentSubmit'
import type { Order, PaymentDetails } from '../../../types/commerce'
import { useCurrentUser } from '../../auth/hooks'
import { declinedOrder, emptyPayment, PAYMENT_FIELDS, validatePayment } from '../../../lib/payment'
import { PaymentFields } from '../../../components/PaymentFields'
import { StripeCardField } from '../../../components/StripeCardField'
import { usePayOrderMutation } from '../ordersApi'
import { completeAuthentication, useCardPayment } from '../useCardPayment'

interface PayOrderFormProps {
  order: Order
  onPaid: (order: Order) => void
  /** The decline that brought the shopper here, shown until the next try. */
  initialError?: string
}

/** Pays an order that was placed but not paid (POST /orders/{id}/pay/), e.g. after a declined card. */
export function PayOrderForm({ order, onPaid, initialError }: PayOrderFormProps) {
  const [pay, payState] = usePayOrderMutation()
  const [authenticating, setAuthenticating] = useState(false)
  const isLoading = payState.isLoading || authenticating
  const { stripe, card, loading: optionsLoading } = useCardPayment()
  const user = useCurrentUser()
  const [payment, setPayment] = useState(emptyPayment)
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({})
  const [error, setError] = useState<ApiError | null>(null)
  const [declined, setDeclined] = useState(initialError ?? '')
  const submitOnce = useIdempotentSubmit()
  // Arriving from a declined checkout: the button that was pressed is gone, so focus the news.
  const [summaryRef, focusSummary] = useFocusAfterRender<HTMLDivElement>(Boolean(initialError))

  async function cardDetails(): Promise<PaymentDetails | null> {
    if (stripe) {
      setFieldErrors({})
      const made = await card.paymentMethod()
      if ('id' in made) return { payment_method: made.id }
      setError({ status: undefined, code: 'invalid', message: made.error, fields: {} })
      return null
    }
    const checked = validatePayment(payment)
    setFieldErrors(checked.errors)
    if (!checked.payment) setError({ status: undefined, code: 'invalid', message: 'Check the card details below.', fields: {} })
    return checked.payment
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    setAuthenticating(true)
    const details = await cardDetails()
    if (!details) {
      setAuthenticating(false)
      setDeclined('')
      focusSummary()
      return
    }
    setError(null)
    const outcome = await submitOnce({ order: order.id, payment: details }, async (key) => {
      const send = () => pay({ orderId: order.id, payment: details, idempotencyKey: key }).unwrap()
      return completeAuthentication(await send(), card.authenticate, send)
    })
    setAuthenticating(false)
    if (outcome.ok && outcome.data.payment) {
      // not settled yet (Stripe still processing, or no answer came): the page updates when it is
      setDeclined('')
      setError({ status: 202, code: outcome.data.payment.code || 'payment_pending', fields: {},
        message: outcome.data.payment.message || 'Your payment is being confirmed. This page updates when it is.' })
      focusSummary()
      return
    }
    if (outcome.ok) {
      onPaid(outcome.data)
      return
    }
    const failure = outcome.error
    const parsed = parseApiError(failure)
    if (declinedOrder(failure) || parsed.code === 'card_declined') {
      setDeclined(parsed.message)
      setPayment((p) => ({ ...p, card_number: '', cvc: '' }))
    } else if (!user && (parsed.status === 401 || parsed.status === 403 || parsed.status === 404)) {
      // The server would not let a guest pay for this order from here.
      setDeclined('')
      setError({
        ...parsed,
        fields: {},
        message: `We could not take another payment for ${formatOrderNumber(order.number, { midSentence: true })} here. Nothing has been charged. Please contact the shop and quote ${formatOrderNumber(order.number, { midSentence: true })}.`,
      })
    } else {
      setDeclined('')
      setError(
        outcome.network
          ? { ...parsed, message: `${parsed.message} Press Pay again to retry; you will not be charged twice.` }
          : parsed,
      )
      setFieldErrors(parsed.fields)
    }
    focusSummary()
  }

  return (
    <form className="pay-form" onSubmit={onSubmit} noValidate aria-busy={isLoading}>
      {declined && (
        <div className="alert alert-error" role="alert" ref={summaryRef} tabIndex={-1}>
          <p className="alert-title">Payment declined</p>
          <p>{declined}</p>
          <p>
            Your {formatOrderNumber(order.number, { midSentence: true })} is placed but not paid yet. Try another card below.
          </p>
        </div>
      )}
      {error && <ErrorSummary error={error} shownFields={PAYMENT_FIELDS} ref={summaryRef} />}
      {optionsLoading ? (
        <p className="muted">Loading payment options…</p>
      ) : stripe ? (
        <StripeCardField
          mount={card.mount}
          status={card.status}
          cardError={card.cardError}
          errors={fieldErrors['payment.payment_method']}
        />
      ) : (
        <PaymentFields value={payment} onChange={setPayment} errors={fieldErrors} disabled={isLoading} />
      )}
      <button type="submit" className="btn btn-primary" disabled={isLoading || optionsLoading}>
        {isLoading ? 'Paying…' : `Pay ${formatMoney(order.total, order.currency)}`}
      </button>
    </form>
  )
}
