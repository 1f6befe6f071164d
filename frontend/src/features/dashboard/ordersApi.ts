import { api } from '../../app/api'
import type { Paginated } from '../../types/api'
import type { Id, Money, Order, OrderSummary } from '../../types/commerce'

export interface DashOrdersQuery {
  page: number
  search: string
  status: string
}

export type FulfilStatus = 'processing' | 'shipped' | 'delivered'

export interface Customer {
  id: Id
  email: string
  full_name: string
  date_joined: string
  order_count: number
  total_spent: Money
}

export interface CustomerDetail extends Customer {
  orders: OrderSummary[]
}

const orderChanged = (id: Id) => [{ type: 'DashOrders' as const, id: String(id) }, 'DashOrders' as const, 'Customers' as const]

export const dashboardOrdersApi = api.injectEndpoints({
  endpoints: (build) => ({
    dashOrders: build.query<Paginated<OrderSummary>, DashOrdersQuery>({
      query: ({ page, search, status }) => ({
        url: '/dashboard/orders/',
        params: { page, ...(search ? { search } : {}), ...(status ? { status } : {}) },
      }),
      providesTags: ['DashOrders'],
    }),
    dashOrder: build.query<Order, Id>({
      query: (id) => `/dashboard/orders/${id}/`,
      providesTags: (_result, _error, id) => [{ type: 'DashOrders', id: String(id) }],
    }),
    fulfilOrder: build.mutation<Order, { id: Id; status: FulfilStatus; tracking_number?: string; note?: string }>({
      query: ({ id, ...body }) => ({ url: `/dashboard/orders/${id}/fulfil/`, method: 'POST', body }),
      invalidatesTags: (_result, _error, { id }) => orderChanged(id),
    }),
    cancelOrder: build.mutation<Order, { id: Id; reason?: string }>({
      query: ({ id, ...body }) => ({ url: `/dashboard/orders/${id}/cancel/`, method: 'POST', body }),
      invalidatesTags: (_result, _error, { id }) => orderChanged(id),
    }),
    /** `amount` omitted: all that is left. One key per refund asked for: a retry sends the same. */
    refundOrder: build.mutation<Order, { id: Id; reason?: string; amount?: string; idempotencyKey?: string }>({
      query: ({ id, idempotencyKey, ...body }) => ({
        url: `/dashboard/orders/${id}/refund/`,
        method: 'POST',
        body,
        headers: idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : undefined,
      }),
      invalidatesTags: (_result, _error, { id }) => orderChanged(id),
    }),
    customers: build.query<Paginated<Customer>, { page: number; search: string }>({
      query: ({ page, search }) => ({ url: '/dashboard/customers/', params: { page, ...(search ? { search } : {}) } }),
      providesTags: ['Customers'],
    }),
    customer: build.query<CustomerDetail, Id>({
      query: (id) => `/dashboard/customers/${id}/`,
      providesTags: (_result, _error, id) => [{ type: 'Customers', id: String(id) }],
    }),
  }),
})

export const {
  useDashOrdersQuery,
  useDashOrderQuery,
  useFulfilOrderMutation,
  useCancelOrderMutation,
  useRefundOrderMutation,
  useCustomersQuery,
  useCustomerQuery,
} = dashboardOrdersApi
