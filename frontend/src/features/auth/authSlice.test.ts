import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { setupStore } from '../../app/store'
import { customer, merchant, platformConfig, shopConfig } from '../../test/fixtures'
import { server } from '../../test/server'
import { authApi } from './authApi'
import { authReducer, credentialsReceived, signedOut, tokensRefreshed } from './authSlice'
import { AUTH_STORAGE_KEY, loadAuth } from './tokenStorage'

describe('authSlice', () => {
  it('keeps the old refresh token only if the server sent no new one', () => {
    const signedIn = authReducer(undefined, credentialsReceived({ access: 'a1', refresh: 'r1', user: customer }))
    expect(authReducer(signedIn, tokensRefreshed({ access: 'a2', refresh: 'r2' }))).toMatchObject({
      access: 'a2',
      refresh: 'r2',
      user: customer,
    })
    expect(authReducer(signedIn, signedOut())).toEqual({ access: null, refresh: null, user: null })
  })

  it('restores a persisted session and ignores garbage in storage', () => {
    window.localStorage.setItem(AUTH_STORAGE_KEY, JSON.stringify({ access: 'a', refresh: 'r', user: customer }))
    expect(setupStore({ config: shopConfig }).getState().auth).toEqual({ access: 'a', refresh: 'r', user: customer })

    window.localStorage.setItem(AUTH_STORAGE_KEY, '{not json')
    expect(loadAuth()).toEqual({ access: null, refresh: null, user: null })
  })

  it('stores tokens and user from a platform sign-up at the platform endpoint', async () => {
    let body: unknown
    server.use(
      http.post('/api/platform/auth/signup/', async ({ request }) => {
        body = await request.json()
        return HttpResponse.json({ access: 'a1', refresh: 'r1', user: merchant }, { status: 201 })
      }),
    )
    const store = setupStore({ config: platformConfig })

    await store.dispatch(
      authApi.endpoints.signup.initiate({ email: merchant.email, password: 'pw-123456', full_name: 'Mia' }),
    )

    expect(body).toEqual({ email: merchant.email, password: 'pw-123456', full_name: 'Mia' })
    expect(store.getState().auth).toEqual({ access: 'a1', refresh: 'r1', user: merchant })
    expect(JSON.parse(window.localStorage.getItem(AUTH_STORAGE_KEY)!)).toEqual({
      access: 'a1',
      refresh: 'r1',
      user: merchant,
    })
  })
})
