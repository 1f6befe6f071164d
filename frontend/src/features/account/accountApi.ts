import type { FetchBaseQueryError } from '@reduxjs/toolkit/query'
import { api, authPath } from '../../app/api'
import type { RootState } from '../../app/store'
import type { AuthResponse } from '../auth/types'
import { credentialsReceived } from '../auth/authSlice'

type QueryResult<T> = { data: T } | { error: FetchBaseQueryError }

export interface Detail {
  detail: string
}

export interface InvitationPreview {
  email: string
  role: 'manager' | 'staff' | 'support'
}

/** The auth paths live under /api/auth/ on a shop and /api/platform/auth/ on the root host. */
function authUrl(getState: () => unknown, path: string): string {
  return authPath((getState() as RootState).config, path)
}

export const accountApi = api.injectEndpoints({
  endpoints: (build) => ({
    requestPasswordReset: build.mutation<Detail, { email: string }>({
      async queryFn(body, { getState }, _extra, baseQuery) {
        const url = authUrl(getState, 'password-reset/')
        return (await baseQuery({ url, method: 'POST', body: body ?? undefined })) as QueryResult<Detail>
      },
      extraOptions: { anonymous: true },
    }),
    confirmPasswordReset: build.mutation<Detail, { uid: string; token: string; password: string }>({
      async queryFn(body, { getState }, _extra, baseQuery) {
        const url = authUrl(getState, 'password-reset/confirm/')
        return (await baseQuery({ url, method: 'POST', body: body ?? undefined })) as QueryResult<Detail>
      },
      extraOptions: { anonymous: true },
    }),
    verifyEmail: build.mutation<Detail, { token: string }>({
      async queryFn(body, { getState }, _extra, baseQuery) {
        const url = authUrl(getState, 'verify-email/')
        return (await baseQuery({ url, method: 'POST', body: body ?? undefined })) as QueryResult<Detail>
      },
      extraOptions: { anonymous: true },
      invalidatesTags: ['Me'],
    }),
    resendVerification: build.mutation<Detail, void>({
      async queryFn(body, { getState }, _extra, baseQuery) {
        const url = authUrl(getState, 'verify-email/resend/')
        return (await baseQuery({ url, method: 'POST', body: body ?? undefined })) as QueryResult<Detail>
      },
    }),
    logoutEverywhere: build.mutation<Detail, void>({
      async queryFn(body, { getState }, _extra, baseQuery) {
        const url = authUrl(getState, 'logout-everywhere/')
        return (await baseQuery({ url, method: 'POST', body: body ?? undefined })) as QueryResult<Detail>
      },
    }),
    previewInvitation: build.mutation<InvitationPreview, { token: string }>({
      query: (body) => ({ url: '/auth/invitations/preview/', method: 'POST', body }),
      extraOptions: { anonymous: true },
    }),
    acceptInvitation: build.mutation<AuthResponse, { token: string; password: string; full_name?: string }>({
      query: (body) => ({ url: '/auth/invitations/accept/', method: 'POST', body }),
      extraOptions: { anonymous: true },
      async onQueryStarted(_arg, { dispatch, queryFulfilled }) {
        try {
          dispatch(credentialsReceived((await queryFulfilled).data))
        } catch {
          // The page shows the error.
        }
      },
    }),
  }),
})

export const {
  useRequestPasswordResetMutation,
  useConfirmPasswordResetMutation,
  useVerifyEmailMutation,
  useResendVerificationMutation,
  useLogoutEverywhereMutation,
  usePreviewInvitationMutation,
  useAcceptInvitationMutation,
} = accountApi
