import { api } from '../../app/api'
import type { Paginated, PlatformShop } from '../../types/api'

export interface ShopUsage {
  customers: number | null
  staff: number | null
  products: number | null
  orders: number | null
  revenue: string | number | null
}

export interface AdminShop extends PlatformShop {
  owner_email: string
  suspended_reason: string | null
  /** Empty (`{}`) or with blanks for a shop that has no activity yet. */
  usage: Partial<ShopUsage>
}

export interface AdminShopsArgs {
  page: number
  search: string
}

export const adminApi = api.injectEndpoints({
  endpoints: (build) => ({
    adminShops: build.query<Paginated<AdminShop>, AdminShopsArgs>({
      query: ({ page, search }) => ({
        url: '/platform/admin/shops/',
        params: { page, ...(search ? { search } : {}) },
      }),
      providesTags: ['AdminShops'],
    }),
    suspendShop: build.mutation<PlatformShop, { id: PlatformShop['id']; reason: string }>({
      query: ({ id, reason }) => ({ url: `/platform/admin/shops/${id}/suspend/`, method: 'POST', body: { reason } }),
      invalidatesTags: ['AdminShops', 'Shops'],
    }),
    reactivateShop: build.mutation<PlatformShop, PlatformShop['id']>({
      query: (id) => ({ url: `/platform/admin/shops/${id}/reactivate/`, method: 'POST' }),
      invalidatesTags: ['AdminShops', 'Shops'],
    }),
  }),
})

export const { useAdminShopsQuery, useSuspendShopMutation, useReactivateShopMutation } = adminApi

/** A plan as the admin edits it (limits: null is unlimited). */
export interface AdminPlan {
  id: number
  code: string
  name: string
  monthly_price: string
  currency: string
  max_products: number | null
  max_staff: number | null
  max_api_requests_per_minute: number | null
  recommendations_included: boolean
  max_custom_domains: number | null
  sort_order: number
}

export const adminPlansApi = api.injectEndpoints({
  endpoints: (build) => ({
    adminPlans: build.query<AdminPlan[], void>({
      query: () => '/platform/admin/plans/',
      providesTags: ['Plans'],
    }),
    updatePlan: build.mutation<AdminPlan, Partial<AdminPlan> & { id: number }>({
      query: ({ id, ...body }) => ({ url: `/platform/admin/plans/${id}/`, method: 'PATCH', body }),
      invalidatesTags: ['Plans'],
    }),
    compPlan: build.mutation<unknown, { shopId: PlatformShop['id']; plan: string }>({
      query: ({ shopId, plan }) => ({ url: `/platform/admin/shops/${shopId}/comp/`, method: 'POST', body: { plan } }),
      invalidatesTags: ['AdminShops'],
    }),
  }),
})

export const { useAdminPlansQuery, useUpdatePlanMutation, useCompPlanMutation } = adminPlansApi
