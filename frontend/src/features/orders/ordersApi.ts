import { api } from '../../app/api'
import type { Paginated } from '../../types/api'
import type { Id, Order, OrderSummary, PaymentDetails } from '../../types/commerce'
import { orderTokenHeaders, rememberOrderToken, tokenInAnswer } from './orderAccess'

/** The signed-in shopper's own orders. */
export const ordersApi = api.injectEndpoints({
  endpoints: (build) => ({
    myOrders: build.query<Paginated<OrderSummary>, { page: number }>({
      query: ({ page }) => ({ url: '/orders/', params: { page } }),
      // LIST: refetched by a live order update without touching every order page.
      providesTags: ['Orders', { type: 'Orders', id: 'LIST' }],
    }),
    /** The shopper's own order, or a guest's with the order token this browser holds for it. */
    myOrder: build.query<Order, Id>({
      query: (id) => ({ url: `/orders/${id}/`, headers: orderTokenHeaders(id) }),
      extraOptions: { optionalAuth: true },
      providesTags: (_result, _error, id) => [{ type: 'Orders', id: String(id) }],
    }),
    payOrder: build.mutation<Order, { orderId: Id; payment: PaymentDetails; idempotencyKey: string }>({
      query: ({ orderId, payment, idempotencyKey }) => ({
        url: `/orders/${orderId}/pay/`,
        method: 'POST',
        body: { payment },
        headers: { 'Idempotency-Key': idempotencyKey, ...orderTokenHeaders(orderId) },
      }),
      extraOptions: { cart: true },
      onQueryStarted: async ({ orderId }, { queryFulfilled }) => {
        const kept = (body: unknown) => rememberOrderToken(orderId, tokenInAnswer(body))
        await queryFulfilled.then(({ data }) => kept(data), ({ error }) => kept((error as { data?: unknown }).data))
      },
      invalidatesTags: (_result, _error, { orderId }) => [{ type: 'Orders', id: String(orderId) }, 'Orders'],
    }),
    /** Which gateway takes cards in this shop, and the publishable key Stripe.js is loaded with. */
    paymentConfig: build.query<PaymentConfig, void>({
      query: () => ({ url: '/billing/payment-config/' }),
      extraOptions: { optionalAuth: true },
    }),
    /** A guest finds an order by its number and e-mail; the answer's token opens it later. */
    lookupOrder: build.mutation<OrderLookupAnswer, { number: string; email: string }>({
      query: (body) => ({ url: '/orders/lookup/', method: 'POST', body }),
      extraOptions: { optionalAuth: true },
      onQueryStarted: async (_arg, { queryFulfilled }) => {
        const { data } = await queryFulfilled.catch(() => ({ data: null }))
        if (data) rememberOrderToken(data.order.id, data.order_token)
      },
    }),
  }),
})

export interface PaymentConfig {
  gateway: 'stripe' | 'offline-test'
  publishable_key: string
}

export interface OrderLookupAnswer {
  order: Order
  order_token: string
}

export const { useMyOrdersQuery, useMyOrderQuery, usePayOrderMutation, useLookupOrderMutation, usePaymentConfigQuery } =
  ordersApi
