import type { ShopStatus } from '../types/api'
import { api } from './api'
import { useAppConfig } from './hooks'

export interface ShopDetails {
  name: string
  subdomain: string
  currency: string
  status: ShopStatus
  footer_note?: string
}

/** The shop this host belongs to; shared by the storefront and the dashboard. */
export const shopApi = api.injectEndpoints({
  endpoints: (build) => ({
    currentShop: build.query<ShopDetails, void>({
      query: () => '/shop/',
      extraOptions: { optionalAuth: true },
      providesTags: ['Shop'],
    }),
  }),
})

export const { useCurrentShopQuery } = shopApi

/** The shop's name and currency: the server-injected config first, the API when it answers. */
export function useShopInfo() {
  const config = useAppConfig()
  const { data } = useCurrentShopQuery(undefined, { skip: config.kind !== 'shop' })
  const fromConfig = config.kind === 'shop' ? config.shop : undefined
  return {
    name: data?.name ?? fromConfig?.name ?? 'Shop',
    subdomain: data?.subdomain ?? fromConfig?.subdomain ?? '',
    currency: data?.currency ?? fromConfig?.currency ?? 'USD',
    footerNote: data?.footer_note ?? fromConfig?.footer_note ?? '',
    rootUrl: config.root_url,
  }
}
