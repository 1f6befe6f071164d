import { Link } from 'react-router'
import { OrderLines, Totals } from '../../../components/OrderParts'
import { formatOrderNumber } from '../../../lib/format'
import type { Order } from '../../../types/commerce'
import { useCurrentUser } from '../../auth/hooks'
import { PayOrderForm } from '../../orders/components/PayOrderForm'

interface UnpaidOrderProps {
  order: Order
  /** The decline that just happened; absent when the shopper comes back later. */
  declineMessage?: string
  onPaid: (order: Order) => void
  /** Offered when the cart holds something else to check out. */
  onLeave?: () => void
}

/** An order placed but not paid: what it holds, and another try at paying for it. */
export function UnpaidOrder({ order, declineMessage, onPaid, onLeave }: UnpaidOrderProps) {
  const user = useCurrentUser()
  const orderPath = user ? `/account/orders/${order.id}` : `/orders/${order.id}`
  return (
    <div className="checkout-layout">
      <section className="card checkout-retry" aria-labelledby="retry-title">
        <h2 id="retry-title">Pay for {formatOrderNumber(order.number, { midSentence: true })}</h2>
        {!declineMessage && (
          <p className="alert alert-info">
            Your {formatOrderNumber(order.number, { midSentence: true })} is placed but not paid yet. It holds your items for a short while.
          </p>
        )}
        <PayOrderForm order={order} onPaid={onPaid} initialError={declineMessage} />
        <p className="muted small">
          <Link to={orderPath}>View {formatOrderNumber(order.number, { midSentence: true })}</Link>
          {!user && ' — this browser keeps the link; the confirmation e-mail has it too.'}
        </p>
        {onLeave && (
          <p>
            <button type="button" className="btn btn-link" onClick={onLeave}>
              Check out the items in your cart instead
            </button>
          </p>
        )}
      </section>
      <aside className="card order-review" aria-labelledby="unpaid-review-title">
        <h2 id="unpaid-review-title">Your order</h2>
        <OrderLines order={order} />
        <Totals totals={order} />
      </aside>
    </div>
  )
}
