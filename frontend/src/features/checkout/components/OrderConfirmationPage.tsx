import { skipToken } from '@reduxjs/toolkit/query/react'
import { useEffect, useRef } from 'react'
import { Link, useLocation, useParams } from 'react-router'
import { useShopInfo } from '../../../app/shop'
import { ErrorState, Loading } from '../../../components/States'
import { formatOrderNumber } from '../../../lib/format'
import { useDocumentTitle } from '../../../lib/useDocumentTitle'
import { useCurrentUser } from '../../auth/hooks'
import { AddressBlock, OrderFacts, OrderLines, Totals } from '../../../components/OrderParts'
import { orderTokenFor } from '../../orders/orderAccess'
import { useMyOrderQuery } from '../../orders/ordersApi'
import type { ConfirmationState } from './CheckoutPage'

export function OrderConfirmationPage() {
  const shop = useShopInfo()
  useDocumentTitle(`Thank you — ${shop.name}`)
  const { orderId = '' } = useParams()
  const location = useLocation()
  const user = useCurrentUser()
  const fromCheckout = (location.state as ConfirmationState | null)?.order
  const passed = fromCheckout && String(fromCheckout.id) === orderId ? fromCheckout : undefined
  // A reload loses the router state; the owner, or a guest holding its token, fetches the order.
  const canFetch = Boolean(user || orderTokenFor(orderId))
  const fetched = useMyOrderQuery(!passed && canFetch ? orderId : skipToken)
  const order = passed ?? fetched.data
  // An address typed or shared: nothing says this browser placed that order, so no thanks for it.
  const unknown = !passed && !canFetch
  const headingRef = useRef<HTMLHeadingElement>(null)

  useEffect(() => {
    headingRef.current?.focus()
  }, [])

  return (
    <section aria-labelledby="confirmation-title" className="confirmation">
      <h1 id="confirmation-title" ref={headingRef} tabIndex={-1}>
        {unknown ? 'Order' : 'Thank you for your order'}
      </h1>
      {order ? (
        <>
          <p className="lead">
            <strong className="order-number">{formatOrderNumber(order.number)}</strong> is placed.
            {order.email ? ` A confirmation is on its way to ${order.email}.` : ''}
          </p>
          {order.payment_status !== 'paid' && (
            <p className="alert alert-info">Payment for this order is not complete yet.</p>
          )}
          <div className="order-grid">
            <div>
              <OrderLines order={order} linkProducts />
              <Totals totals={order} />
            </div>
            <div className="card">
              <OrderFacts order={order} />
              <h2>Shipping to</h2>
              <AddressBlock address={order.shipping_address} />
            </div>
          </div>
        </>
      ) : fetched.isLoading ? (
        <Loading label="Loading your order…" />
      ) : fetched.error ? (
        <ErrorState error={fetched.error} onRetry={fetched.refetch} />
      ) : unknown ? (
        <>
          <p className="alert alert-info">
            This browser cannot open that order. Find it with its order number and your e-mail address.
          </p>
          <p>
            <Link to="/orders/lookup">Find your order</Link>
          </p>
        </>
      ) : (
        <p>Your order has been placed. The confirmation email has all the details.</p>
      )}
      <div className="actions">
        {user && (
          <Link className="btn btn-secondary" to="/account/orders">
            View your orders
          </Link>
        )}
        <Link className="btn btn-primary" to="/">
          Continue shopping
        </Link>
      </div>
    </section>
  )
}
