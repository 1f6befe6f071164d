import { useState } from 'react'
import { Link, useNavigate, useParams } from 'react-router'
import { useShopInfo } from '../../../app/shop'
import { ErrorState, Loading } from '../../../components/States'
import { parseApiError } from '../../../lib/apiError'
import { formatOrderNumber } from '../../../lib/format'
import { useDocumentTitle } from '../../../lib/useDocumentTitle'
import type { Order } from '../../../types/commerce'
import { useReorderMutation } from '../../cart/cartApi'
import type { CartLocationState } from '../../cart/components/CartPage'
import { PayOrderForm } from './PayOrderForm'
import { PaymentNotice } from './PaymentNotice'
import { useCurrentUser } from '../../auth/hooks'
import { useMyOrderQuery } from '../ordersApi'
import { awaitingPayment } from '../../../lib/orderStatus'
import { OrderLines, OrderSideCard, Totals } from '../../../components/OrderParts'

export function OrderDetailPage() {
  const { orderId = '' } = useParams()
  const shop = useShopInfo()
  const user = useCurrentUser()
  const { data: order, isLoading, error, refetch } = useMyOrderQuery(orderId)
  useDocumentTitle(order ? `${formatOrderNumber(order.number)} — ${shop.name}` : `Order — ${shop.name}`)

  if (isLoading) return <Loading label="Loading order…" />
  if (error || !order) {
    const status = parseApiError(error).status
    const refused = !user && (status === 401 || status === 403 || status === 404)
    return (
      <section aria-labelledby="order-title">
        <h1 id="order-title">Order</h1>
        {refused ? (
          <p className="alert alert-info">
            This browser cannot open that order. Find it with its order number and your e-mail address.
          </p>
        ) : (
          <ErrorState error={error} onRetry={refetch} />
        )}
        <p>{user ? <Link to="/account/orders">Back to your orders</Link> : <Link to="/orders/lookup">Find your order</Link>}</p>
      </section>
    )
  }
  return <OrderDetail order={order} signedIn={Boolean(user)} />
}

function OrderDetail({ order, signedIn }: { order: Order; signedIn: boolean }) {
  const navigate = useNavigate()
  const [reorder, { isLoading: reordering }] = useReorderMutation()
  const [reorderError, setReorderError] = useState('')
  const [paidMessage, setPaidMessage] = useState('')

  async function onReorder() {
    setReorderError('')
    try {
      const result = await reorder(order.id).unwrap()
      const state: CartLocationState = {
        reorder: { orderNumber: order.number, added: result.added ?? [], unavailable: result.unavailable ?? [] },
      }
      navigate('/cart', { state })
    } catch (failure) {
      setReorderError(parseApiError(failure).message)
    }
  }

  return (
    <section aria-labelledby="order-title" className="order-detail">
      <p className="back-link">
        {signedIn ? <Link to="/account/orders">← Your orders</Link> : <Link to="/">← Continue shopping</Link>}
      </p>
      <div className="page-head">
        <h1 id="order-title">{formatOrderNumber(order.number)}</h1>
        {signedIn && (
          <button type="button" className="btn btn-secondary" onClick={() => void onReorder()} disabled={reordering}>
            {reordering ? 'Adding to cart…' : 'Reorder'}
          </button>
        )}
      </div>
      {reorderError && (
        <p className="alert alert-error" role="alert">
          {reorderError}
        </p>
      )}
      <p className="live-status live-ok" role="status">
        {paidMessage}
      </p>
      {order.status === 'shipped' && <p className="alert alert-info">Your order is on its way.</p>}
      <div className="order-grid">
        <div>
          <h2>Items</h2>
          <OrderLines order={order} linkProducts />
          <Totals totals={order} />
          {awaitingPayment(order) && (
            <section className="card" aria-labelledby="pay-title">
              <h2 id="pay-title">Pay for this order</h2>
              <PaymentNotice />
              <PayOrderForm
                order={order}
                onPaid={(paid) => setPaidMessage(`Thank you, ${formatOrderNumber(paid.number, { midSentence: true })} is paid.`)}
              />
            </section>
          )}
        </div>
        <OrderSideCard order={order} addressTitle="Shipping to" />
      </div>
    </section>
  )
}
