import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { authApi } from '../features/auth/authApi'
import { AUTH_STORAGE_KEY } from '../features/auth/tokenStorage'
import { apiError, customer, merchant, platformConfig, shopConfig } from '../test/fixtures'
import { server } from '../test/server'
import { api } from './api'
import type { AppConfig } from './config'
import { setupStore } from './store'

const probeApi = api.injectEndpoints({
  endpoints: (build) => ({
    probe: build.query<{ ok: string }, string>({ query: (name) => `/probe/${name}/` }),
    publicProbe: build.query<{ ok: string; auth: string }, string>({
      query: (name) => `/public-probe/${name}/`,
      extraOptions: { optionalAuth: true, cart: true },
    }),
  }),
})

function storeWith(config: AppConfig, access: string | null, refresh: string | null, user = customer) {
  return setupStore({ config, preloadedState: { auth: { access, refresh, user: access ? user : null } } })
}

const expired = () => HttpResponse.json(apiError('token_not_valid', 'Token is invalid or expired'), { status: 401 })

/** Probe endpoints accept only `fresh-access`; refresh accepts `refresh-1` exactly once. */
function useRotatingBackend(refreshPath = '/api/auth/refresh/', delayMs = 20) {
  const refreshBodies: unknown[] = []
  const probeAuth: string[] = []
  let spent = false
  server.use(
    http.get('/api/probe/:name/', ({ request, params }) => {
      const auth = request.headers.get('Authorization') ?? ''
      probeAuth.push(auth)
      return auth === 'Bearer fresh-access' ? HttpResponse.json({ ok: params.name }) : expired()
    }),
    http.post(refreshPath, async ({ request }) => {
      const body = (await request.json()) as { refresh: string }
      refreshBodies.push(body)
      await new Promise((resolve) => setTimeout(resolve, delayMs))
      if (body.refresh !== 'refresh-1' || spent) {
        return HttpResponse.json(apiError('token_not_valid', 'Token is blacklisted'), { status: 401 })
      }
      spent = true
      return HttpResponse.json({ access: 'fresh-access', refresh: 'refresh-2' })
    }),
  )
  return { refreshBodies, probeAuth }
}

describe('baseQueryWithReauth', () => {
  it('refreshes once for parallel 401s, retries each request and stores the rotated tokens', async () => {
    const { refreshBodies } = useRotatingBackend()
    const store = storeWith(shopConfig, 'stale-access', 'refresh-1')

    const results = await Promise.all(
      ['a', 'b', 'c'].map((name) => store.dispatch(probeApi.endpoints.probe.initiate(name))),
    )

    expect(results.map((r) => r.data)).toEqual([{ ok: 'a' }, { ok: 'b' }, { ok: 'c' }])
    expect(refreshBodies).toEqual([{ refresh: 'refresh-1' }])
    expect(store.getState().auth).toMatchObject({ access: 'fresh-access', refresh: 'refresh-2' })
    expect(JSON.parse(window.localStorage.getItem(AUTH_STORAGE_KEY)!)).toMatchObject({
      access: 'fresh-access',
      refresh: 'refresh-2',
    })
  })

  it('retries without another refresh when a 401 arrives after the token was already refreshed', async () => {
    const { refreshBodies } = useRotatingBackend()
    let releaseSlow!: () => void
    const slowGate = new Promise<void>((resolve) => (releaseSlow = resolve))
    server.use(
      http.get('/api/probe/slow/', async ({ request }) => {
        const auth = request.headers.get('Authorization')
        if (auth === 'Bearer fresh-access') return HttpResponse.json({ ok: 'slow' })
        await slowGate
        return expired()
      }),
    )
    const store = storeWith(shopConfig, 'stale-access', 'refresh-1')

    const slow = store.dispatch(probeApi.endpoints.probe.initiate('slow'))
    const fast = await store.dispatch(probeApi.endpoints.probe.initiate('fast'))
    expect(fast.data).toEqual({ ok: 'fast' })
    releaseSlow()

    expect((await slow).data).toEqual({ ok: 'slow' })
    expect(refreshBodies).toHaveLength(1)
  })

  it('signs out locally when the refresh token is refused', async () => {
    const { refreshBodies } = useRotatingBackend()
    // What this tab stored (a different pair there would be another tab's newer session).
    window.localStorage.setItem(
      AUTH_STORAGE_KEY,
      JSON.stringify({ access: 'stale-access', refresh: 'revoked-refresh', user: customer }),
    )
    const store = storeWith(shopConfig, 'stale-access', 'revoked-refresh')

    const [a, b] = await Promise.all([
      store.dispatch(probeApi.endpoints.probe.initiate('a')),
      store.dispatch(probeApi.endpoints.probe.initiate('b')),
    ])

    expect(refreshBodies).toHaveLength(1)
    expect(a.error).toMatchObject({ status: 401 })
    expect(b.error).toMatchObject({ status: 401 })
    expect(store.getState().auth).toEqual({ access: null, refresh: null, user: null })
    expect(window.localStorage.getItem(AUTH_STORAGE_KEY)).toBeNull()
  })

  it('does not try to refresh for a signed-out visitor', async () => {
    const { refreshBodies, probeAuth } = useRotatingBackend()
    const store = storeWith(shopConfig, null, null)

    const result = await store.dispatch(probeApi.endpoints.probe.initiate('a'))

    expect(result.error).toMatchObject({ status: 401 })
    expect(probeAuth).toEqual([''])
    expect(refreshBodies).toHaveLength(0)
  })

  it('uses the platform refresh endpoint on the root host', async () => {
    const { refreshBodies } = useRotatingBackend('/api/platform/auth/refresh/')
    const store = storeWith(platformConfig, 'stale-access', 'refresh-1', merchant)

    const result = await store.dispatch(probeApi.endpoints.probe.initiate('a'))

    expect(result.data).toEqual({ ok: 'a' })
    expect(refreshBodies).toEqual([{ refresh: 'refresh-1' }])
  })

  it('sends no bearer token with a login and never refreshes on its 401', async () => {
    const { refreshBodies } = useRotatingBackend()
    const seenAuth: (string | null)[] = []
    server.use(
      http.post('/api/auth/login/', ({ request }) => {
        seenAuth.push(request.headers.get('Authorization'))
        return HttpResponse.json(apiError('invalid_credentials', 'Wrong email or password.'), { status: 401 })
      }),
    )
    const store = storeWith(shopConfig, 'stale-access', 'refresh-1')

    const result = await store.dispatch(
      authApi.endpoints.login.initiate({ email: 'a@b.test', password: 'nope' }),
    )

    expect(result.error).toMatchObject({ status: 401 })
    expect(seenAuth).toEqual([null])
    expect(refreshBodies).toHaveLength(0)
    expect(store.getState().auth.access).toBe('stale-access')
  })

  it('signs out and retries a public request anonymously when the token is refused and cannot be refreshed', async () => {
    const { refreshBodies } = useRotatingBackend()
    const seen: { auth: string | null; cart: string | null }[] = []
    server.use(
      // Like the catalog: open to everyone, but a bad token is refused before anything else.
      http.get('/api/public-probe/:name/', ({ request, params }) => {
        const auth = request.headers.get('Authorization')
        seen.push({ auth, cart: request.headers.get('X-Cart-Token') })
        if (auth) {
          return HttpResponse.json(apiError('token_not_valid', 'Given token not valid for any token type'), {
            status: 401,
          })
        }
        return HttpResponse.json({ ok: params.name, auth: '' })
      }),
    )
    // What this tab stored (a different pair there would be another tab's newer session).
    window.localStorage.setItem(
      AUTH_STORAGE_KEY,
      JSON.stringify({ access: 'stale-access', refresh: 'revoked-refresh', user: customer }),
    )
    const store = setupStore({
      config: shopConfig,
      preloadedState: {
        auth: { access: 'stale-access', refresh: 'revoked-refresh', user: customer },
        cart: { token: 'guest-cart' },
      },
    })

    const [open, closed] = await Promise.all([
      store.dispatch(probeApi.endpoints.publicProbe.initiate('catalog')),
      store.dispatch(probeApi.endpoints.probe.initiate('orders')),
    ])

    expect(open.data).toEqual({ ok: 'catalog', auth: '' })
    expect(open.error).toBeUndefined()
    expect(seen).toEqual([
      { auth: 'Bearer stale-access', cart: 'guest-cart' },
      { auth: null, cart: 'guest-cart' },
    ])
    // A private request is not retried: it still needs a sign-in.
    expect(closed.error).toMatchObject({ status: 401 })
    expect(refreshBodies).toEqual([{ refresh: 'revoked-refresh' }])
    expect(store.getState().auth).toEqual({ access: null, refresh: null, user: null })
    expect(window.localStorage.getItem(AUTH_STORAGE_KEY)).toBeNull()
  })

  it('does not retry a public request anonymously while the refresh endpoint is unreachable', async () => {
    const seen: (string | null)[] = []
    server.use(
      http.get('/api/public-probe/:name/', ({ request }) => {
        seen.push(request.headers.get('Authorization'))
        return expired()
      }),
      http.post('/api/auth/refresh/', () => HttpResponse.json(apiError('server_error', 'Down.'), { status: 503 })),
    )
    const store = storeWith(shopConfig, 'stale-access', 'refresh-1')

    const result = await store.dispatch(probeApi.endpoints.publicProbe.initiate('catalog'))

    expect(result.error).toMatchObject({ status: 401 })
    expect(seen).toEqual(['Bearer stale-access'])
    // The session may still be good once the server is back.
    expect(store.getState().auth.refresh).toBe('refresh-1')
  })
})
