import { api } from '../../app/api'

/** One kind of notification and whether it also comes by e-mail (`/api/account/email-preferences/`). */
export interface EmailPreference {
  kind: string
  title: string
  email: boolean
}

const emailPreferencesApi = api.enhanceEndpoints({ addTagTypes: ['EmailPreferences'] }).injectEndpoints({
  endpoints: (build) => ({
    emailPreferences: build.query<EmailPreference[], void>({
      query: () => '/account/email-preferences/',
      providesTags: ['EmailPreferences'],
    }),
    setEmailPreference: build.mutation<EmailPreference[], Record<string, boolean>>({
      query: (choices) => ({ url: '/account/email-preferences/', method: 'PUT', body: { choices } }),
      // The answer is the whole list: put it in the cache instead of fetching it again.
      async onQueryStarted(_choices, { dispatch, queryFulfilled }) {
        try {
          const { data } = await queryFulfilled
          dispatch(emailPreferencesApi.util.upsertQueryData('emailPreferences', undefined, data))
        } catch {
          // the component shows the error
        }
      },
    }),
  }),
})

export const { useEmailPreferencesQuery, useSetEmailPreferenceMutation } = emailPreferencesApi
