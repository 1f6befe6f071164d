import { api } from '../../app/api'
import type { Address, Id, Money, Order, PaymentDetails } from '../../types/commerce'

export interface ShippingRateOption {
  id: Id
  name: string
  price: Money
  free_over: Money | null
  /** What this rate costs for the current cart (0 when over `free_over`). */
  price_for_cart: Money
}

export interface CheckoutOptions {
  currency: string
  /** The destination asked for, if any: the rates and tax are that country's. */
  country?: string | null
  /** False when the shop delivers nowhere in that country. */
  delivers?: boolean
  shipping_rates: ShippingRateOption[]
  tax: { rate: string; included: boolean; label: string }
}

export interface QuoteRequest {
  shipping_rate_id: Id
  discount_code?: string
  /** The destination: its shipping zone and tax. */
  country?: string
}

export interface Quote {
  subtotal: Money
  discount_total: Money
  shipping_total: Money
  tax_total: Money
  total: Money
  currency: string
  discount: { code: string; description: string } | null
}

export interface CheckoutRequest {
  email?: string
  shipping_address: Address
  shipping_rate_id: Id
  discount_code?: string
  payment: PaymentDetails
}

/** 402 body: the order exists but is unpaid. */
export interface DeclinedBody {
  error: { code: string; message: string }
  order: Order
}

export const checkoutApi = api.injectEndpoints({
  endpoints: (build) => ({
    /** The rates and tax for a destination country (every active rate when none is chosen). */
    checkoutOptions: build.query<CheckoutOptions, string | void>({
      query: (country) => (country ? `/checkout/options/?country=${encodeURIComponent(country)}` : '/checkout/options/'),
      extraOptions: { cart: true, optionalAuth: true },
      providesTags: ['Checkout'],
    }),
    quote: build.query<Quote, QuoteRequest>({
      query: (body) => ({ url: '/checkout/quote/', method: 'POST', body }),
      extraOptions: { cart: true, optionalAuth: true },
      providesTags: ['Checkout'],
    }),
    placeOrder: build.mutation<Order, { body: CheckoutRequest; idempotencyKey: string }>({
      query: ({ body, idempotencyKey }) => ({
        url: '/checkout/',
        method: 'POST',
        body,
        headers: { 'Idempotency-Key': idempotencyKey },
      }),
      extraOptions: { cart: true },
    }),
    payOrder: build.mutation<Order, { orderId: Id; payment: PaymentDetails; idempotencyKey: string }>({
      query: ({ orderId, payment, idempotencyKey }) => ({
        url: `/orders/${orderId}/pay/`,
        method: 'POST',
        body: { payment },
        headers: { 'Idempotency-Key': idempotencyKey },
      }),
      extraOptions: { cart: true },
      invalidatesTags: (_result, _error, { orderId }) => [{ type: 'Orders', id: String(orderId) }, 'Orders'],
    }),
  }),
})

export const {
  useCheckoutOptionsQuery,
  useQuoteQuery,
  useLazyQuoteQuery,
  usePlaceOrderMutation,
  usePayOrderMutation,
} = checkoutApi

/** The order carried by a 402 card_declined answer, if that is what `error` is. */
export function declinedOrder(error: unknown): Order | null {
  const data = (error as { status?: unknown; data?: Partial<DeclinedBody> } | undefined)?.data
  if ((error as { status?: unknown } | undefined)?.status !== 402) return null
  return data?.order ?? null
}
