import { api } from '../../app/api'

export interface Plan {
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

export interface Usage {
  used: number | null
  limit?: number | null
  included?: boolean
}

export type DunningState = 'ok' | 'grace' | 'closed'

export interface Billing {
  plan: Plan
  plans: Plan[]
  usage: Record<'products' | 'staff' | 'custom_domains' | 'api_requests_per_minute' | 'recommendations', Usage>
  subscription: {
    status: string
    current_period_end: string | null
    card: { brand: string; last4: string } | null
    comped: boolean
  }
  dunning: { state: DunningState; grace_until: string | null; message: string }
  stripe: { configured: boolean; publishable_key: string; js_url: string }
}

export interface Invoice {
  id: string
  number: string
  status: string
  created: string
  currency: string
  total: string
  amount_paid: string
  url: string
}

export const billingApi = api.injectEndpoints({
  endpoints: (build) => ({
    billing: build.query<Billing, void>({
      query: () => '/billing/plan/',
      providesTags: ['Billing'],
    }),
    invoices: build.query<Invoice[], void>({
      query: () => '/billing/invoices/',
      providesTags: ['Billing'],
    }),
    changePlan: build.mutation<Billing, string>({
      query: (plan) => ({ url: '/billing/plan/', method: 'POST', body: { plan } }),
      invalidatesTags: ['Billing', 'Overview'],
    }),
    startCardSetup: build.mutation<{ id: string; client_secret: string; publishable_key: string }, void>({
      query: () => ({ url: '/billing/card/setup/', method: 'POST' }),
    }),
    payNow: build.mutation<Billing, void>({
      query: () => ({ url: '/billing/pay/', method: 'POST' }),
      invalidatesTags: ['Billing'],
    }),
    saveCard: build.mutation<Billing, string>({
      query: (setupIntentId) => ({ url: '/billing/card/', method: 'POST', body: { setup_intent_id: setupIntentId } }),
      invalidatesTags: ['Billing'],
    }),
  }),
})

export const {
  useBillingQuery,
  useInvoicesQuery,
  useChangePlanMutation,
  usePayNowMutation,
  useStartCardSetupMutation,
  useSaveCardMutation,
} = billingApi
