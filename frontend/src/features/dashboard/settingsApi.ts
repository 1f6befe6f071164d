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
  /** The zone it is offered in (absent on create: the rest-of-world zone). */
  zone_id?: Id
  name: string
  price: Money
  free_over: Money | null
  active: boolean
}

export type ShippingRateInput = Omit<ShippingRate, 'id'>

export interface ShippingZone {
  id: Id
  name: string
  /** ISO 3166-1 alpha-2 codes; empty for the rest-of-world zone. */
  countries: string[]
  rest_of_world: boolean
  position?: number
}

export type ShippingZoneInput = Omit<ShippingZone, 'id' | 'position'>

export interface TaxRate {
  id: Id
  country: string
  rate: string
  /** Blank: the shop's own label. */
  label: string
}

export type TaxRateInput = Omit<TaxRate, 'id'>

export interface ShopSettings {
  tax_rate: string
  prices_include_tax: boolean
  tax_label: string
  contact_email?: string
  /** A variant whose stock falls to this or below is announced as low on stock. */
  low_stock_threshold?: number
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
    shippingZones: build.query<ShippingZone[], void>({
      query: () => '/dashboard/shipping-zones/',
      transformResponse: listOf<ShippingZone>,
      providesTags: ['ShippingZones'],
    }),
    createShippingZone: build.mutation<ShippingZone, ShippingZoneInput>({
      query: (body) => ({ url: '/dashboard/shipping-zones/', method: 'POST', body }),
      invalidatesTags: ['ShippingZones', 'Checkout'],
    }),
    updateShippingZone: build.mutation<ShippingZone, { id: Id; body: Partial<ShippingZoneInput> }>({
      query: ({ id, body }) => ({ url: `/dashboard/shipping-zones/${id}/`, method: 'PATCH', body }),
      invalidatesTags: ['ShippingZones', 'Checkout'],
    }),
    deleteShippingZone: build.mutation<void, Id>({
      query: (id) => ({ url: `/dashboard/shipping-zones/${id}/`, method: 'DELETE' }),
      // a zone's rates go with it
      invalidatesTags: ['ShippingZones', 'ShippingRates', 'Checkout'],
    }),
    taxRates: build.query<TaxRate[], void>({
      query: () => '/dashboard/tax-rates/',
      transformResponse: listOf<TaxRate>,
      providesTags: ['TaxRates'],
    }),
    createTaxRate: build.mutation<TaxRate, TaxRateInput>({
      query: (body) => ({ url: '/dashboard/tax-rates/', method: 'POST', body }),
      invalidatesTags: ['TaxRates', 'Checkout'],
    }),
    updateTaxRate: build.mutation<TaxRate, { id: Id; body: Partial<TaxRateInput> }>({
      query: ({ id, body }) => ({ url: `/dashboard/tax-rates/${id}/`, method: 'PATCH', body }),
      invalidatesTags: ['TaxRates', 'Checkout'],
    }),
    deleteTaxRate: build.mutation<void, Id>({
      query: (id) => ({ url: `/dashboard/tax-rates/${id}/`, method: 'DELETE' }),
      invalidatesTags: ['TaxRates', 'Checkout'],
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
  useShippingZonesQuery,
  useCreateShippingZoneMutation,
  useUpdateShippingZoneMutation,
  useDeleteShippingZoneMutation,
  useTaxRatesQuery,
  useCreateTaxRateMutation,
  useUpdateTaxRateMutation,
  useDeleteTaxRateMutation,
  useShopSettingsQuery,
  useSaveShopSettingsMutation,
} = dashboardSettingsApi
