import { useState } from 'react'
import { Link, useNavigate } from 'react-router'
import { api } from '../../../app/api'
import { useAppDispatch } from '../../../app/hooks'
import { useShopInfo } from '../../../app/shop'
import { TestModeNotice } from '../../../components/PaymentFields'
import { EmptyState, ErrorState, Loading } from '../../../components/States'
import { useDocumentTitle } from '../../../lib/useDocumentTitle'
import type { Order } from '../../../types/commerce'
import { useCart } from '../../cart/hooks'
import { PayOrderForm } from '../../orders/components/PayOrderForm'
import { CheckoutForm } from './CheckoutForm'

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

  function onPaid(order: Order) {
    navigate(`/checkout/confirmation/${order.id}`, { state: { order } satisfies ConfirmationState })
    dispatch(api.util.invalidateTags(['Cart', 'Orders']))
  }

  let body
  if (declined) {
    body = (
      <section className="card checkout-retry" aria-labelledby="retry-title">
        <h2 id="retry-title">Pay for order {declined.order.number}</h2>
        <PayOrderForm order={declined.order} onPaid={onPaid} initialError={declined.message} />
      </section>
    )
  } else if (isLoading) {
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
      <TestModeNotice />
      {body}
    </section>
  )
}
