import type { FetchBaseQueryError } from '@reduxjs/toolkit/query'
import { api, authPath } from '../../app/api'
import type { CoreState } from '../../app/state'
import { credentialsReceived, userLoaded } from './authSlice'
import type { AuthResponse, Credentials, SignupRequest, User } from './types'

type QueryResult<T> = { data: T } | { error: FetchBaseQueryError }

function authUrl(getState: () => unknown, path: string): string {
  return authPath((getState() as CoreState).config, path)
}

async function storeCredentials(
  queryFulfilled: Promise<{ data: AuthResponse }>,
  dispatch: (action: ReturnType<typeof credentialsReceived>) => unknown,
) {
  try {
    const { data } = await queryFulfilled
    dispatch(credentialsReceived(data))
  } catch {
    // The component shows the error; nothing to store.
  }
}

export const authApi = api.injectEndpoints({
  endpoints: (build) => ({
    login: build.mutation<AuthResponse, Credentials>({
      async queryFn(body, { getState }, _extra, baseQuery) {
        const url = authUrl(getState, 'login/')
        return (await baseQuery({ url, method: 'POST', body })) as QueryResult<AuthResponse>
      },
      extraOptions: { anonymous: true },
      onQueryStarted: (_arg, { dispatch, queryFulfilled }) => storeCredentials(queryFulfilled, dispatch),
    }),
    signup: build.mutation<AuthResponse, SignupRequest>({
      async queryFn(body, { getState }, _extra, baseQuery) {
        const url = authUrl(getState, 'signup/')
        return (await baseQuery({ url, method: 'POST', body })) as QueryResult<AuthResponse>
      },
      extraOptions: { anonymous: true },
      onQueryStarted: (_arg, { dispatch, queryFulfilled }) => storeCredentials(queryFulfilled, dispatch),
    }),
    /** Shop host only: exchanges the platform's one-time code for this shop's tokens. */
    handoff: build.mutation<AuthResponse, { code: string }>({
      query: (body) => ({ url: '/auth/handoff/', method: 'POST', body }),
      extraOptions: { anonymous: true },
      onQueryStarted: (_arg, { dispatch, queryFulfilled }) => storeCredentials(queryFulfilled, dispatch),
    }),
    me: build.query<User, void>({
      async queryFn(_arg, { getState }, _extra, baseQuery) {
        return (await baseQuery(authUrl(getState, 'me/'))) as QueryResult<User>
      },
      providesTags: ['Me'],
      async onQueryStarted(_arg, { dispatch, queryFulfilled }) {
        try {
          const { data } = await queryFulfilled
          dispatch(userLoaded(data))
        } catch {
          // A 401 that could not be refreshed already signed the user out.
        }
      },
    }),
    logout: build.mutation<void, { refresh: string }>({
      async queryFn(body, { getState }, _extra, baseQuery) {
        const url = authUrl(getState, 'logout/')
        const result = await baseQuery({ url, method: 'POST', body })
        return 'error' in result && result.error ? { error: result.error } : { data: undefined }
      },
    }),
  }),
})

export const { useLoginMutation, useSignupMutation, useHandoffMutation, useMeQuery, useLogoutMutation } =
  authApi

