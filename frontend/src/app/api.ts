import {
  createApi,
  fetchBaseQuery,
  type BaseQueryApi,
  type BaseQueryFn,
  type FetchArgs,
  type FetchBaseQueryError,
} from '@reduxjs/toolkit/query/react'
import {
  selectAccessToken,
  selectRefreshToken,
  signedOut,
  tokensRefreshed,
} from '../features/auth/authSlice'
import { withRefreshLock } from '../features/auth/refreshLock'
import { loadAuth } from '../features/auth/tokenStorage'
import type { Tokens } from '../features/auth/types'
import type { AppConfig } from './config'
import type { CoreState } from './state'

export interface ApiExtraOptions {
  /** Send no bearer token and never try a refresh (login, sign-up, handoff, refresh). */
  anonymous?: boolean
  /** A cart or checkout request: send the guest cart token (`X-Cart-Token`) when one is held. */
  cart?: boolean
  /**
   * A public request (catalog, shop info, cart) that works signed out too: when the stored token is
   * refused and cannot be refreshed, the session ends and the request is sent again anonymously,
   * so a stale token never breaks a public page.
   */
  optionalAuth?: boolean
}

export const CART_TOKEN_HEADER = 'X-Cart-Token'

/** Auth endpoints live under /api/platform/auth/ on the root host and /api/auth/ on a shop. */
export function authPath(config: AppConfig, path: string): string {
  return config.kind === 'platform' ? `/platform/auth/${path}` : `/auth/${path}`
}

// Absolute so that it also resolves under Node's fetch in tests; in the browser the API is
// always same-origin.
export const baseUrl = `${globalThis.location?.origin ?? ''}/api`

const anonymousQuery = fetchBaseQuery({ baseUrl })

const authorizedQuery = fetchBaseQuery({
  baseUrl,
  prepareHeaders: (headers, { getState }) => {
    const token = selectAccessToken(getState() as CoreState)
    if (token) headers.set('Authorization', `Bearer ${token}`)
    return headers
  },
})

type RefreshOutcome = 'refreshed' | 'rejected' | 'unavailable'

// One refresh in flight per store: parallel 401s wait for the same promise instead of each
// spending the (rotating, single-use) refresh token. Across tabs, withRefreshLock does the same.
const pendingRefreshes = new WeakMap<BaseQueryApi['dispatch'], Promise<RefreshOutcome>>()

async function refreshAccessToken(api: BaseQueryApi): Promise<RefreshOutcome> {
  const state = api.getState() as CoreState
  const refresh = selectRefreshToken(state)
  if (!refresh) return 'rejected'
  return withRefreshLock(async () => {
    // Another tab may have refreshed while this one waited: its rotated pair is in storage, and
    // the refresh token this tab holds is spent.
    const stored = loadAuth()
    if (stored.access && stored.refresh && stored.refresh !== refresh) {
      api.dispatch(tokensRefreshed({ access: stored.access, refresh: stored.refresh }))
      return 'refreshed'
    }
    const result = await anonymousQuery(
      { url: authPath(state.config, 'refresh/'), method: 'POST', body: { refresh } },
      api,
      {},
    )
    const tokens = result.data as Partial<Tokens> | undefined
    if (tokens?.access) {
      // Stored (store.ts saves on every auth change) before the lock is let go.
      api.dispatch(tokensRefreshed({ access: tokens.access, refresh: tokens.refresh ?? refresh }))
      return 'refreshed'
    }
    const status = result.error?.status
    return typeof status === 'number' && status >= 400 && status < 500 ? 'rejected' : 'unavailable'
  })
}

function refreshOnce(api: BaseQueryApi): Promise<RefreshOutcome> {
  let pending = pendingRefreshes.get(api.dispatch)
  if (!pending) {
    pending = refreshAccessToken(api).finally(() => pendingRefreshes.delete(api.dispatch))
    pendingRefreshes.set(api.dispatch, pending)
  }
  return pending
}

/** Adds the guest cart token to a request's headers (read at send time, so retries see it too). */
function withCartToken(args: string | FetchArgs, state: CoreState): string | FetchArgs {
  const token = state.cart?.token
  if (!token) return args
  const request: FetchArgs = typeof args === 'string' ? { url: args } : args
  const headers = new Headers()
  const given = request.headers
  if (given instanceof Headers || Array.isArray(given)) {
    new Headers(given as HeadersInit).forEach((value, name) => headers.set(name, value))
  } else if (given) {
    for (const [name, value] of Object.entries(given)) if (value !== undefined) headers.set(name, value)
  }
  headers.set(CART_TOKEN_HEADER, token)
  return { ...request, headers }
}

export const baseQueryWithReauth: BaseQueryFn<
  string | FetchArgs,
  unknown,
  FetchBaseQueryError,
  ApiExtraOptions
> = async (rawArgs, api, extraOptions = {}) => {
  // Read at send time (not once up front), so that a retry carries the token held by then.
  const argsNow = () => (extraOptions.cart ? withCartToken(rawArgs, api.getState() as CoreState) : rawArgs)
  if (extraOptions.anonymous) return anonymousQuery(argsNow(), api, {})

  const sentToken = selectAccessToken(api.getState() as CoreState)
  const result = await authorizedQuery(argsNow(), api, {})
  if (result.error?.status !== 401 || !sentToken) return result

  const currentToken = selectAccessToken(api.getState() as CoreState)
  // Another request may already have refreshed while this one was in flight.
  const outcome =
    currentToken && currentToken !== sentToken ? 'refreshed' : await refreshOnce(api)

  if (outcome === 'refreshed') return authorizedQuery(argsNow(), api, {})
  if (outcome === 'rejected') {
    if (selectAccessToken(api.getState() as CoreState) === sentToken) api.dispatch(signedOut())
    // The visitor is signed out now; a public page still works for them.
    if (extraOptions.optionalAuth) return anonymousQuery(argsNow(), api, {})
  }
  return result
}

export const api = createApi({
  reducerPath: 'api',
  baseQuery: baseQueryWithReauth,
  tagTypes: [
    'Me',
    'Shop',
    'StripeAccount',
    'Shops',
    'AdminShops',
    'Products',
    'Overview',
    'Staff',
    'Plans',
    'Billing',
    // Storefront commerce
    'Categories',
    'Cart',
    'Checkout',
    'Orders',
    // Dashboard commerce
    'DashProducts',
    'DashCategories',
    'DashOrders',
    'Customers',
    'Discounts',
    'ShippingRates',
    'ShippingZones',
    'TaxRates',
    'ShopSettings',
    'ImportJob',
    // Notifications (inbox), promotions and the merchant's live feed
    'Notifications',
    'Promotions',
    'Feed',
  ],
  endpoints: () => ({}),
})
