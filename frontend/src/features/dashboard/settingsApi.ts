import { api } from '../../app/api'
import type { Id, Money } from '../../types/commerce'
import { listOf } from './listOf'

export interface Discount {
  id: Id
  code: string
  kind: 'percent' | 'fixed'
  value: string
  min_subtotal: Money
  starts_at: string | null
  ends_at: string | null
  usage_limit: number | null
  times_used: number
  active: boolean
  /** What a shopper meets today (computed by the server). */
  state: DiscountState
}

export type DiscountState = 'active' | 'scheduled' | 'expired' | 'used_up' | 'disabled'

export type DiscountInput = Omit<Discount, 'id' | 'times_used' | 'state'>

export interface ShippingRate {
  id: Id
  name: string
  price: Money
  free_over: Money | null
  active: boolean
}

export type ShippingRateInput = Omit<ShippingRate, 'id'>

export interface ShopSettings {
  tax_rate: string
  prices_include_tax: boolean
  tax_label: string
}

export const dashboardSettingsApi = api.injectEndpoints({
  endpoints: (build) => ({
    discounts: build.query<Discount[], void>({
      query: () => '/dashboard/discounts/',
      transformResponse: listOf<Discount>,
      providesTags: ['Discounts'],
    }),
    createDiscount: build.mutation<Discount, DiscountInput>({
      query: (body) => ({ url: '/dashboard/discounts/', method: 'POST', body }),
      invalidatesTags: ['Discounts', 'Checkout'],
    }),
    updateDiscount: build.mutation<Discount, { id: Id; body: Partial<DiscountInput> }>({
      query: ({ id, body }) => ({ url: `/dashboard/discounts/${id}/`, method: 'PATCH', body }),
      invalidatesTags: ['Discounts', 'Checkout'],
    }),
    deleteDiscount: build.mutation<void, Id>({
      query: (id) => ({ url: `/dashboard/discounts/${id}/`, method: 'DELETE' }),
      invalidatesTags: ['Discounts', 'Checkout'],
    }),
    shippingRates: build.query<ShippingRate[], void>({
      query: () => '/dashboard/shipping-rates/',
      transformResponse: listOf<ShippingRate>,
      providesTags: ['ShippingRates'],
    }),
    createShippingRate: build.mutation<ShippingRate, ShippingRateInput>({
      query: (body) => ({ url: '/dashboard/shipping-rates/', method: 'POST', body }),
      invalidatesTags: ['ShippingRates', 'Checkout'],
    }),
    updateShippingRate: build.mutation<ShippingRate, { id: Id; body: Partial<ShippingRateInput> }>({
      query: ({ id, body }) => ({ url: `/dashboard/shipping-rates/${id}/`, method: 'PATCH', body }),
      invalidatesTags: ['ShippingRates', 'Checkout'],
    }),
    deleteShippingRate: build.mutation<void, Id>({
      query: (id) => ({ url: `/dashboard/shipping-rates/${id}/`, method: 'DELETE' }),
      invalidatesTags: ['ShippingRates', 'Checkout'],
    }),
    shopSettings: build.query<ShopSettings, void>({
      query: () => '/dashboard/settings/',
      providesTags: ['ShopSettings'],
    }),
    saveShopSettings: build.mutation<ShopSettings, ShopSettings>({
      query: (body) => ({ url: '/dashboard/settings/', method: 'PUT', body }),
      invalidatesTags: ['ShopSettings', 'Checkout'],
    }),
  }),
})

export const {
  useDiscountsQuery,
  useCreateDiscountMutation,
  useUpdateDiscountMutation,
  useDeleteDiscountMutation,
  useShippingRatesQuery,
  useCreateShippingRateMutation,
  useUpdateShippingRateMutation,
  useDeleteShippingRateMutation,
  useShopSettingsQuery,
  useSaveShopSettingsMutation,
} = dashboardSettingsApi
