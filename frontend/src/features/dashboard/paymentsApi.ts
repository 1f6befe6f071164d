import { api } from '../../app/api'

/** The shop's own Stripe account, as the dashboard sees it: never the secrets, only their ends. */
export interface StripeAccount {
  configured: boolean
  publishable_key: string
  secret_key_hint: string
  webhook_secret_hint: string
  /** Where to point the shop's webhook in Stripe's dashboard. */
  webhook_url: string
  updated_at: string | null
  updated_by_email: string
}

export interface StripeAccountInput {
  publishable_key: string
  /** Empty: keep the stored one. */
  secret_key: string
  webhook_secret: string
}

const paymentsApi = api.injectEndpoints({
  endpoints: (build) => ({
    stripeAccount: build.query<StripeAccount, void>({
      query: () => '/billing/stripe-account/',
      providesTags: ['StripeAccount'],
    }),
    saveStripeAccount: build.mutation<StripeAccount, StripeAccountInput>({
      query: (body) => ({ url: '/billing/stripe-account/', method: 'PUT', body }),
      invalidatesTags: ['StripeAccount'],
    }),
    removeStripeAccount: build.mutation<void, void>({
      query: () => ({ url: '/billing/stripe-account/', method: 'DELETE' }),
      invalidatesTags: ['StripeAccount'],
    }),
  }),
})

export const { useStripeAccountQuery, useSaveStripeAccountMutation, useRemoveStripeAccountMutation } = paymentsApi
