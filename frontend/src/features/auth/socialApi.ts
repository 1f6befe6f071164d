import type { FetchBaseQueryError } from '@reduxjs/toolkit/query'
import { api, authPath } from '../../app/api'
import type { SocialProvider } from '../../app/config'
import type { CoreState } from '../../app/state'
import { credentialsReceived } from './authSlice'
import type { AuthResponse } from './types'

type QueryResult<T> = { data: T } | { error: FetchBaseQueryError }

export interface SocialStart {
  url: string
  nonce: string
}

export interface SocialLink {
  id: number
  provider: SocialProvider
  email: string
  created_at: string
  last_used_at: string
}

export interface SocialLinks {
  links: SocialLink[]
  has_password: boolean
  providers: SocialProvider[]
}

export const PROVIDER_NAMES: Record<SocialProvider, string> = { google: 'Google', facebook: 'Facebook' }

function authUrl(getState: () => unknown, path: string): string {
  return authPath((getState() as CoreState).config, path)
}

export const socialApi = api.injectEndpoints({
  endpoints: (build) => ({
    socialStart: build.mutation<SocialStart, { provider: SocialProvider; from_path: string }>({
      async queryFn(body, { getState }, _extra, baseQuery) {
        const url = authUrl(getState, 'social/start/')
        return (await baseQuery({ url, method: 'POST', body })) as QueryResult<SocialStart>
      },
      extraOptions: { anonymous: true },
    }),
    socialRedeem: build.mutation<AuthResponse, { code: string; nonce: string }>({
      async queryFn(body, { getState }, _extra, baseQuery) {
        const url = authUrl(getState, 'social/redeem/')
        return (await baseQuery({ url, method: 'POST', body })) as QueryResult<AuthResponse>
      },
      extraOptions: { anonymous: true },
      async onQueryStarted(_arg, { dispatch, queryFulfilled }) {
        try {
          dispatch(credentialsReceived((await queryFulfilled).data))
        } catch {
          // The page shows the error.
        }
      },
    }),
    socialLinks: build.query<SocialLinks, void>({
      async queryFn(_arg, { getState }, _extra, baseQuery) {
        return (await baseQuery(authUrl(getState, 'social/links/'))) as QueryResult<SocialLinks>
      },
    }),
    socialLinkRemove: build.mutation<void, number>({
      async queryFn(id, { getState }, _extra, baseQuery) {
        const result = await baseQuery({ url: authUrl(getState, `social/links/${id}/`), method: 'DELETE' })
        return 'error' in result && result.error ? { error: result.error } : { data: undefined }
      },
    }),
  }),
})

export const { useSocialStartMutation, useSocialRedeemMutation, useSocialLinksQuery, useSocialLinkRemoveMutation } =
  socialApi

/** Leaving for the root domain and the provider (a seam for tests: jsdom cannot navigate). */
export const browser = {
  assign(url: string): void {
    window.location.assign(url)
  },
}

/** What the starting tab keeps while the person is at the provider (this origin, this tab only). */
const PENDING_KEY = 'shopyard.social'

export interface PendingSignIn {
  nonce: string
  next: string | null
}

export function rememberPending(pending: PendingSignIn): void {
  sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending))
}

export function forgetPending(): void {
  sessionStorage.removeItem(PENDING_KEY)
}

export function readPending(): PendingSignIn | null {
  const raw = sessionStorage.getItem(PENDING_KEY)
  if (!raw) return null
  try {
    const parsed = JSON.parse(raw) as Partial<PendingSignIn>
    return typeof parsed.nonce === 'string' ? { nonce: parsed.nonce, next: parsed.next ?? null } : null
  } catch {
    return null
  }
}

/** The sentence for an error the root-domain callback sent back (`?social_error=...`). */
export function socialErrorMessage(code: string, provider: SocialProvider | null): string {
  const name = provider ? PROVIDER_NAMES[provider] : 'The provider'
  switch (code) {
    case 'cancelled':
      return `Signing in with ${name} was cancelled. Try again, or use your e-mail and password.`
    case 'email_unverified':
      return `An account with this e-mail already exists, and ${name} did not confirm that the address is yours. Sign in with your password instead.`
    case 'email_missing':
      return `${name} did not share your e-mail address, which your account needs. Try again and allow access to it.`
    case 'account_inactive':
      return 'This account is closed.'
    case 'shop_unavailable':
      return 'This shop is not available right now.'
    case 'social_not_allowed':
      return 'Platform administrators sign in with their password.'
    default:
      return `${name} could not sign you in just now. Please try again.`
  }
}
