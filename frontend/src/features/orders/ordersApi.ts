import { api } from '../../app/api'
import type { Paginated } from '../../types/api'
import type { Id, Order, OrderSummary, PaymentDetails } from '../../types/commerce'

/** The signed-in shopper's own orders. */
export const ordersApi = api.injectEndpoints({
  endpoints: (build) => ({
    myOrders: build.query<Paginated<OrderSummary>, { page: number }>({
      query: ({ page }) => ({ url: '/orders/', params: { page } }),
      // LIST: refetched by a live order update without touching every order page.
      providesTags: ['Orders', { type: 'Orders', id: 'LIST' }],
    }),
    myOrder: build.query<Order, Id>({
      query: (id) => `/orders/${id}/`,
      providesTags: (_result, _error, id) => [{ type: 'Orders', id: String(id) }],
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

export const { useMyOrdersQuery, useMyOrderQuery, usePayOrderMutation } = ordersApi
