import { api } from '../../app/api'
import type { Id } from '../../types/commerce'

export type Audience = 'all' | 'category' | 'lapsed'

export interface Promotion {
  id: number
  title: string
  text: string
  link: string
  discount_code: string
  audience: Audience
  category: { id: Id; name: string } | null
  inactive_days: number | null
  is_public: boolean
  status: 'queued' | 'sending' | 'sent' | 'failed'
  /** Shoppers it was stored for; reached: seen live or in their inbox; opened: read. */
  recipients: number
  /** Shoppers and visitors, each once. */
  reached: number
  opened: number
  /** Of reached and opened: visitors (not signed in) shown a public promotion live. */
  visitors_reached?: number
  visitors_opened?: number
  created_at: string
  sent_at: string | null
}

export interface PromotionInput {
  title: string
  text: string
  link: string
  discount_code: string
  audience: Audience
  category_id: Id | null
  inactive_days: number | null
  is_public: boolean
}

interface Page<T> {
  count: number
  results: T[]
}

const promotionsApi = api.injectEndpoints({
  endpoints: (build) => ({
    promotions: build.query<Page<Promotion>, void>({
      query: () => '/dashboard/promotions/',
      providesTags: ['Promotions'],
    }),
    sendPromotion: build.mutation<Promotion, PromotionInput>({
      query: (body) => ({ url: '/dashboard/promotions/', method: 'POST', body }),
      invalidatesTags: ['Promotions'],
    }),
  }),
})

export const { usePromotionsQuery, useSendPromotionMutation } = promotionsApi
