import { skipToken } from '@reduxjs/toolkit/query/react'
import { useEffect, useState } from 'react'
import { Link, useNavigate } from 'react-router'
import { api } from '../../../app/api'
import { useAppDispatch } from '../../../app/hooks'
import { useShopInfo } from '../../../app/shop'
import { PaymentNotice } from '../../orders/components/PaymentNotice'
import { EmptyState, ErrorState, Loading } from '../../../components/States'
import { awaitingPayment } from '../../../lib/orderStatus'
import { useDocumentTitle } from '../../../lib/useDocumentTitle'
import type { Order } from '../../../types/commerce'
import { useCart } from '../../cart/hooks'
import { forgetUnpaidOrder, rememberUnpaidOrder, unpaidOrderId } from '../../orders/orderAccess'
import { useMyOrderQuery } from '../../orders/ordersApi'
import { CheckoutForm } from './CheckoutForm'
import { UnpaidOrder } from './UnpaidOrder'

export interface ConfirmationState {
  order: Order
}

export function CheckoutPage() {
  const shop = useShopInfo()
  useDocumentTitle(`Checkout — ${shop.name}`)
  const { cart, isLoading, error, refetch, isEmpty } = useCart()
  const navigate = useNavigate()
  const dispatch = useAppDispatch()
  const [declined, setDeclined] = useState<{ order: Order; message: string } | null>(null)
  // A payment that failed earlier (before a reload): that order still holds the items.
  const [earlierId, setEarlierId] = useState(() => unpaidOrderId())
  const earlier = useMyOrderQuery(!declined && earlierId ? earlierId : skipToken)
  const earlierOrder = earlier.data && awaitingPayment(earlier.data) ? earlier.data : undefined
  const earlierSettled = Boolean(earlierId && (earlier.error || (earlier.data && !earlierOrder)))
  useEffect(() => {
    // Paid, cancelled or gone since: nothing to come back to.
    if (earlierSettled) {
      forgetUnpaidOrder()
      setEarlierId(null)
    }
  }, [earlierSettled])

  function onPaid(order: Order) {
    forgetUnpaidOrder()
    navigate(`/checkout/confirmation/${order.id}`, { state: { order } satisfies ConfirmationState })
    dispatch(api.util.invalidateTags(['Cart', 'Orders']))
  }

  function checkOutCartInstead() {
    forgetUnpaidOrder()
    setEarlierId(null)
    setDeclined(null)
  }

  let body
  const unpaid = declined?.order ?? earlierOrder
  if (unpaid) {
    body = (
      <UnpaidOrder
        order={unpaid}
        declineMessage={declined?.message}
        onPaid={onPaid}
        onLeave={cart && !isEmpty ? checkOutCartInstead : undefined}
      />
    )
  } else if (isLoading || (earlierId && earlier.isLoading)) {
    body = <Loading label="Loading your cart…" />
  } else if (error && !cart) {
    body = <ErrorState error={error} onRetry={refetch} />
  } else if (isEmpty || !cart) {
    body = (
      <EmptyState title="Your cart is empty">
        <p>Add something to your cart before checking out.</p>
        <Link className="btn btn-primary" to="/">
          Browse products
        </Link>
      </EmptyState>
    )
  } else {
    body = (
      <CheckoutForm
        cart={cart}
        currency={cart.currency || shop.currency}
        onPlaced={onPaid}
        onDeclined={(order, message) => {
          rememberUnpaidOrder(order.id)
          setDeclined({ order, message })
          // The order now holds the items; the cart and order list have changed.
          dispatch(api.util.invalidateTags(['Cart', 'Orders']))
        }}
      />
    )
  }

  return (
    <section aria-labelledby="checkout-title" className="checkout-page">
      <h1 id="checkout-title">Checkout</h1>
      <PaymentNotice />
      {body}
    </section>
  )
}
