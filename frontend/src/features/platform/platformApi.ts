import { api } from '../../app/api'
import type { PlatformShop } from '../../types/api'

export interface SubdomainCheck {
  subdomain: string
  available: boolean
  code: null | 'invalid' | 'reserved' | 'taken'
  message: string
}

export interface DashboardHandoff {
  code: string
  expires_at: string
  url: string
}

export interface Plan {
  code: string
  name: string
  monthly_price: string
  currency: string
  max_products: number | null
  max_staff: number | null
}

export const platformApi = api.injectEndpoints({
  endpoints: (build) => ({
    myShops: build.query<{ count: number; results: PlatformShop[] }, void>({
      query: () => '/platform/shops/',
      providesTags: ['Shops'],
    }),
    createShop: build.mutation<PlatformShop, { name: string; subdomain: string }>({
      query: (body) => ({ url: '/platform/shops/', method: 'POST', body }),
      invalidatesTags: ['Shops', 'AdminShops'],
    }),
    checkSubdomain: build.query<SubdomainCheck, string>({
      query: (subdomain) => `/platform/subdomains/${encodeURIComponent(subdomain)}/`,
      keepUnusedDataFor: 10,
    }),
    dashboardHandoff: build.mutation<DashboardHandoff, PlatformShop['id']>({
      query: (shopId) => ({ url: `/platform/shops/${shopId}/dashboard-handoff/`, method: 'POST' }),
    }),
    plans: build.query<Plan[], void>({
      query: () => '/platform/plans/',
      providesTags: ['Plans'],
    }),
  }),
})

export const {
  useMyShopsQuery,
  useCreateShopMutation,
  useCheckSubdomainQuery,
  useDashboardHandoffMutation,
  usePlansQuery,
} = platformApi
