import { useState, type FormEvent } from 'react'
import { Link, useParams } from 'react-router'
import { Dialog } from '../../../../components/Dialog'
import { TextAreaField, TextField } from '../../../../components/Fields'
import { ErrorState, Loading } from '../../../../components/States'
import { parseApiError } from '../../../../lib/apiError'
import { formatMoney, formatOrderNumber } from '../../../../lib/format'
import { newIdempotencyKey } from '../../../../lib/idempotency'
import { useDocumentTitle } from '../../../../lib/useDocumentTitle'
import type { Order } from '../../../../types/commerce'
import { OrderLines, OrderSideCard, Totals } from '../../../../components/OrderParts'
import { orderStatusLabel } from '../../../../lib/orderStatus'
import {
  useCancelOrderMutation,
  useDashOrderQuery,
  useFulfilOrderMutation,
  useRefundOrderMutation,
  type FulfilStatus,
} from '../../ordersApi'

/** Which actions make sense for an order in this state (the server still has the last word). */
export function availableActions(order: Pick<Order, 'status' | 'payment_status'>) {
  const { status, payment_status: payment } = order
  return {
    process: status === 'paid',
    ship: status === 'paid' || status === 'processing',
    deliver: status === 'shipped',
    cancel: status === 'placed' || status === 'paid' || status === 'processing',
    refund: (payment === 'paid' || payment === 'partly_refunded') && status !== 'refunded',
  }
}

export function DashboardOrderPage() {
  const { orderId = '' } = useParams()
  const { data: order, isLoading, error, refetch } = useDashOrderQuery(orderId)
  useDocumentTitle(order ? `${formatOrderNumber(order.number)} — Dashboard` : 'Order — Dashboard')

  if (isLoading) return <Loading label="Loading order…" />
  if (error || !order) {
    return (
      <section aria-labelledby="order-title">
        <h1 id="order-title">Order</h1>
        <ErrorState error={error} onRetry={refetch} />
        <Link to="/dashboard/orders">Back to orders</Link>
      </section>
    )
  }

  return (
    <section aria-labelledby="order-title" className="order-detail">
      <p className="back-link">
        <Link to="/dashboard/orders">← Orders</Link>
      </p>
      <h1 id="order-title">{formatOrderNumber(order.number)}</h1>
      <div className="order-grid">
        <div>
          <OrderActions order={order} />
          <h2>Items</h2>
          <OrderLines order={order} />
          <Totals totals={order} />
        </div>
        <OrderSideCard order={order} addressTitle="Shipping address">
          <h2>Customer</h2>
          <p className="cell-wrap">
            <a href={`mailto:${order.email}`}>{order.email}</a>
          </p>
        </OrderSideCard>
      </div>
    </section>
  )
}

type DialogKind = 'cancel' | 'refund' | null

function OrderActions({ order }: { order: Order }) {
  const actions = availableActions(order)
  const [fulfil, fulfilState] = useFulfilOrderMutation()
  const [cancel, cancelState] = useCancelOrderMutation()
  const [refund, refundState] = useRefundOrderMutation()
  const [tracking, setTracking] = useState('')
  const [note, setNote] = useState('')
  const [trackingErrors, setTrackingErrors] = useState<string[]>([])
  const [error, setError] = useState('')
  const [status, setStatus] = useState('')
  const [dialog, setDialog] = useState<DialogKind>(null)
  const [reason, setReason] = useState('')
  const [amount, setAmount] = useState('')
  const [amountErrors, setAmountErrors] = useState<string[]>([])
  // one key per refund asked for: pressing again after a lost answer cannot refund twice
  const [refundKey, setRefundKey] = useState('')
  const refundable = order.refundable ?? order.total
  const busy = fulfilState.isLoading || cancelState.isLoading || refundState.isLoading

  async function run(action: () => Promise<Order>, done: (order: Order) => string) {
    setError('')
    setStatus('')
    try {
      const updated = await action()
      setStatus(done(updated))
      return true
    } catch (failure) {
      const parsed = parseApiError(failure)
      if (parsed.fields.tracking_number) setTrackingErrors(parsed.fields.tracking_number)
      if (parsed.fields.amount) setAmountErrors(parsed.fields.amount)
      setError(parsed.message)
      return false
    }
  }

  function markAs(next: FulfilStatus) {
    return run(
      () => fulfil({ id: order.id, status: next, ...(note.trim() ? { note: note.trim() } : {}) }).unwrap(),
      (updated) => `${formatOrderNumber(updated.number ?? order.number)} is now ${orderStatusLabel(updated.status ?? next).toLowerCase()}.`,
    ).then((ok) => ok && setNote(''))
  }

  async function onShip(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (!tracking.trim()) {
      setTrackingErrors(['Enter the tracking number to mark the order as shipped.'])
      return
    }
    setTrackingErrors([])
    const ok = await run(
      () =>
        fulfil({
          id: order.id,
          status: 'shipped',
          tracking_number: tracking.trim(),
          ...(note.trim() ? { note: note.trim() } : {}),
        }).unwrap(),
      () => `${formatOrderNumber(order.number)} is marked as shipped.`,
    )
    if (ok) {
      setTracking('')
      setNote('')
    }
  }

  async function onConfirm() {
    const body = { id: order.id, ...(reason.trim() ? { reason: reason.trim() } : {}) }
    const ok =
      dialog === 'cancel'
        ? await run(() => cancel(body).unwrap(), () => `${formatOrderNumber(order.number)} was cancelled.`)
        : await run(
            () =>
              refund({ ...body, ...(amount.trim() ? { amount: amount.trim() } : {}), idempotencyKey: refundKey }).unwrap(),
            (updated) =>
              updated.payment_status === 'refunded'
                ? `${formatOrderNumber(order.number)} was refunded.`
                : `${formatMoney(amount.trim() || refundable, order.currency)} of ${formatOrderNumber(order.number, { midSentence: true })} was refunded.`,
          )
    if (ok) {
      setDialog(null)
      setReason('')
    }
  }

  function openDialog(kind: DialogKind) {
    setReason('')
    setError('')
    setAmount(String(refundable))
    setAmountErrors([])
    setRefundKey(newIdempotencyKey())
    setDialog(kind)
  }

  const nothingToDo = !Object.values(actions).some(Boolean)

  return (
    <section className="card order-actions" aria-labelledby="actions-title">
      <h2 id="actions-title">Fulfilment</h2>
      {error && !dialog && (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      )}
      <p className="live-status live-ok" role="status">
        {status}
      </p>
      {nothingToDo ? (
        <p className="muted">
          This order is {orderStatusLabel(order.status).toLowerCase()}; there is nothing more to do.
        </p>
      ) : (
        <>
          {(actions.process || actions.ship || actions.deliver) && (
            <TextAreaField
              label="Note for the timeline (optional)"
              rows={2}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              disabled={busy}
            />
          )}
          {actions.ship && (
            <form className="ship-form" onSubmit={onShip} noValidate aria-busy={fulfilState.isLoading}>
              <TextField
                label="Tracking number"
                value={tracking}
                onChange={(e) => setTracking(e.target.value)}
                errors={trackingErrors}
                disabled={busy}
                autoComplete="off"
              />
              <button type="submit" className="btn btn-primary" disabled={busy}>
                Mark as shipped
              </button>
            </form>
          )}
          <div className="actions">
            {actions.process && (
              <button type="button" className="btn btn-secondary" disabled={busy} onClick={() => void markAs('processing')}>
                Mark as processing
              </button>
            )}
            {actions.deliver && (
              <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void markAs('delivered')}>
                Mark as delivered
              </button>
            )}
            {actions.cancel && (
              <button type="button" className="btn btn-secondary" disabled={busy} onClick={() => openDialog('cancel')}>
                Cancel order
              </button>
            )}
            {actions.refund && (
              <button type="button" className="btn btn-secondary" disabled={busy} onClick={() => openDialog('refund')}>
                Refund
              </button>
            )}
          </div>
        </>
      )}
      {dialog && (
        <Dialog
          title={dialog === 'cancel' ? `Cancel ${formatOrderNumber(order.number, { midSentence: true })}?` : `Refund ${formatOrderNumber(order.number, { midSentence: true })}?`}
          onClose={() => {
            setDialog(null)
            setError('')
          }}
        >
          <p>
            {dialog === 'cancel'
              ? 'The customer is told the order is cancelled. Items go back into stock.'
              : `Up to ${formatMoney(refundable, order.currency)} can still be refunded to the customer's card. Refund part of it, or all.`}
          </p>
          {dialog === 'refund' && (
            <TextField
              label={`Amount to refund (${order.currency})`}
              inputMode="decimal"
              value={amount}
              onChange={(e) => setAmount(e.target.value)}
              errors={amountErrors}
              autoComplete="off"
            />
          )}
          {error && (
            <p className="alert alert-error" role="alert">
              {error}
            </p>
          )}
          <TextAreaField label="Reason (optional)" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
          <div className="actions">
            <button type="button" className="btn btn-danger" onClick={() => void onConfirm()} disabled={busy}>
              {busy ? 'Please wait…' : dialog === 'cancel' ? 'Cancel order' : 'Refund order'}
            </button>
            <button type="button" className="btn btn-secondary" onClick={() => setDialog(null)} disabled={busy}>
              {dialog === 'cancel' ? 'Keep order' : 'Do not refund'}
            </button>
          </div>
        </Dialog>
      )}
    </section>
  )
}
