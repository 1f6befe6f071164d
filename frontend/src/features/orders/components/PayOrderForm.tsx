import { useState, type FormEvent } from 'react'
import { ErrorSummary } from '../../../components/ErrorSummary'
import { parseApiError, type ApiError, type FieldErrors } from '../../../lib/apiError'
import { formatMoney } from '../../../lib/format'
import { useFocusAfterRender } from '../../../lib/useFocusAfterRender'
import { useIdempotentSubmit } from '../../../lib/useIdempotentSubmit'
import type { Order } from '../../../types/commerce'
import { useCurrentUser } from '../../auth/hooks'
import { declinedOrder, emptyPayment, PAYMENT_FIELDS, validatePayment } from '../../../lib/payment'
import { PaymentFields } from '../../../components/PaymentFields'
import { usePayOrderMutation } from '../ordersApi'

interface PayOrderFormProps {
  order: Order
  onPaid: (order: Order) => void
  /** The decline that brought the shopper here, shown until the next try. */
  initialError?: string
}

/** Pays an order that was placed but not paid (POST /orders/{id}/pay/), e.g. after a declined card. */
export function PayOrderForm({ order, onPaid, initialError }: PayOrderFormProps) {
  const [pay, { isLoading }] = usePayOrderMutation()
  const user = useCurrentUser()
  const [payment, setPayment] = useState(emptyPayment)
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({})
  const [error, setError] = useState<ApiError | null>(null)
  const [declined, setDeclined] = useState(initialError ?? '')
  const submitOnce = useIdempotentSubmit()
  // Arriving from a declined checkout: the button that was pressed is gone, so focus the news.
  const [summaryRef, focusSummary] = useFocusAfterRender<HTMLDivElement>(Boolean(initialError))

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const checked = validatePayment(payment)
    setFieldErrors(checked.errors)
    if (!checked.payment) {
      setError({ status: undefined, code: 'invalid', message: 'Check the card details below.', fields: {} })
      setDeclined('')
      focusSummary()
      return
    }
    setError(null)
    const details = checked.payment
    const outcome = await submitOnce({ order: order.id, payment: details }, (key) =>
      pay({ orderId: order.id, payment: details, idempotencyKey: key }).unwrap(),
    )
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
        message: `We could not take another payment for order ${order.number} here. Nothing has been charged. Please contact the shop and quote order ${order.number}.`,
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
            Your order {order.number} is placed but not paid yet. Try another card below.
          </p>
        </div>
      )}
      {error && <ErrorSummary error={error} shownFields={PAYMENT_FIELDS} ref={summaryRef} />}
      <PaymentFields value={payment} onChange={setPayment} errors={fieldErrors} disabled={isLoading} />
      <button type="submit" className="btn btn-primary" disabled={isLoading}>
        {isLoading ? 'Paying…' : `Pay ${formatMoney(order.total, order.currency)}`}
      </button>
    </form>
  )
}
