import type { FetchArgs, FetchBaseQueryError } from '@reduxjs/toolkit/query'
import { api } from '../../app/api'
import { beacon } from './beacon'
import type { ProductDetail } from '../../types/commerce'
import type { RecsPanel, RecsResponse, TrainingRun } from './types'
import { VISITOR_HEADER, visitorId } from './visitor'

const shopper = { cart: true, optionalAuth: true } as const

/** A widget request goes out after the behaviour queued before it, so "because you viewed" is current. */
function widget(url: string, k?: number) {
  return async (
    _arg: unknown,
    _api: unknown,
    _extra: unknown,
    baseQuery: (arg: string | FetchArgs) => unknown,
  ): Promise<{ data: RecsResponse } | { error: FetchBaseQueryError }> => {
    await beacon.settled()
    const result = (await baseQuery({
      url: k ? `${url}?k=${k}` : url,
      headers: { [VISITOR_HEADER]: visitorId() },
    })) as { data?: unknown; error?: FetchBaseQueryError }
    return result.error ? { error: result.error } : { data: result.data as RecsResponse }
  }
}

const recsApiWithTags = api.enhanceEndpoints({ addTagTypes: ['Recs', 'RecsPanel'] })

export const recsApi = recsApiWithTags.injectEndpoints({
  endpoints: (build) => ({
    /** A recommended product's variants, to put it in the cart ("Add both"). */
    recommendedProduct: build.query<ProductDetail, string>({
      query: (slug) => `/catalog/products/${encodeURIComponent(slug)}/`,
      extraOptions: { optionalAuth: true },
    }),
    forYou: build.query<RecsResponse, void>({
      queryFn: widget('/recs/for-you/'),
      extraOptions: shopper,
      providesTags: ['Recs'],
    }),
    trending: build.query<RecsResponse, void>({
      queryFn: widget('/recs/trending/'),
      extraOptions: shopper,
      providesTags: ['Recs'],
    }),
    similar: build.query<RecsResponse, string>({
      queryFn: (slug, ...rest) => widget(`/recs/products/${encodeURIComponent(slug)}/similar/`)(slug, ...rest),
      extraOptions: shopper,
      providesTags: ['Recs'],
    }),
    boughtTogether: build.query<RecsResponse, string>({
      queryFn: (slug, ...rest) =>
        widget(`/recs/products/${encodeURIComponent(slug)}/bought-together/`, 2)(slug, ...rest),
      extraOptions: shopper,
      providesTags: ['Recs'],
    }),
    cartRecs: build.query<RecsResponse, void>({
      queryFn: widget('/recs/cart/'),
      extraOptions: shopper,
      providesTags: ['Recs', 'Cart'],
    }),
    buyAgain: build.query<RecsResponse, void>({
      queryFn: widget('/recs/buy-again/'),
      extraOptions: shopper,
      providesTags: ['Recs'],
    }),
    recsPanel: build.query<RecsPanel, number | void>({
      query: (days) => `/dashboard/recs/?days=${days ?? 30}`,
      providesTags: ['RecsPanel'],
    }),
    updateRecsSettings: build.mutation<{ holdout_share: string }, { holdout_share: string }>({
      query: (body) => ({ url: '/dashboard/recs/settings/', method: 'PUT', body }),
      invalidatesTags: ['RecsPanel'],
    }),
    retrain: build.mutation<TrainingRun, void>({
      query: () => ({ url: '/dashboard/recs/train/', method: 'POST' }),
    }),
    trainingRun: build.query<TrainingRun, number>({
      query: (id) => `/dashboard/recs/train/${id}/`,
    }),
  }),
})

export const {
  useForYouQuery,
  useTrendingQuery,
  useSimilarQuery,
  useBoughtTogetherQuery,
  useCartRecsQuery,
  useBuyAgainQuery,
  useRecsPanelQuery,
  useUpdateRecsSettingsMutation,
  useRetrainMutation,
  useTrainingRunQuery,
} = recsApi
