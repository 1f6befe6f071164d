import { api } from '../../app/api'
import type { Address, Id, Money, Order, PaymentDetails } from '../../types/commerce'
import { rememberOrderToken, tokenInAnswer } from '../orders/orderAccess'

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
  /** Signed-in shoppers: keep this address in the account's address book. */
  save_address?: boolean
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
      // Paid or declined, the answer may carry the order's token: keep it so a guest can return.
      onQueryStarted: async (_arg, { queryFulfilled }) => {
        const keep = (body: unknown) => {
          const order = (body as { order?: Order } | null)?.order ?? (body as Order | null)
          if (order?.id !== undefined) rememberOrderToken(order.id, tokenInAnswer(body))
        }
        await queryFulfilled.then(({ data }) => keep(data), ({ error }) => keep((error as { data?: unknown }).data))
      },
    }),
  }),
})

export const {
  useCheckoutOptionsQuery,
  useQuoteQuery,
  useLazyQuoteQuery,
  usePlaceOrderMutation,
} = checkoutApi
