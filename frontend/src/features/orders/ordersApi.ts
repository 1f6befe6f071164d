import { api } from '../../app/api'
import type { Paginated } from '../../types/api'
import type { Id, Order, OrderSummary } from '../../types/commerce'

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
  }),
})

export const { useMyOrdersQuery, useMyOrderQuery } = ordersApi
