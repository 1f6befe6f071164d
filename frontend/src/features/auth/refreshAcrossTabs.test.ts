import { http, HttpResponse } from 'msw'
import { afterEach, describe, expect, it } from 'vitest'
import { setupStore } from '../../app/store'
import { apiError, owner, shopConfig } from '../../test/fixtures'
import { server } from '../../test/server'
import { authApi } from './authApi'
import { AUTH_STORAGE_KEY, saveAuth } from './tokenStorage'

/**
 * The backend's rotation: `refresh-1` is good once and gives `access-2`/`refresh-2`; a second
 * use of `refresh-1` is a reuse, which ends the whole session (as the server's family revocation
 * does). /me accepts only the access token of the live session.
 */
function rotatingBackend() {
  const refreshes: string[] = []
  let live = { access: 'access-1', refresh: 'refresh-1' }
  let revoked = false
  server.use(
    http.get('/api/auth/me/', ({ request }) => {
      const token = request.headers.get('Authorization')?.replace('Bearer ', '')
      return !revoked && token === live.access && token !== 'access-1'
        ? HttpResponse.json(owner)
        : HttpResponse.json(apiError('token_not_valid', 'Token is invalid or expired'), { status: 401 })
    }),
    http.post('/api/auth/refresh/', async ({ request }) => {
      const { refresh } = (await request.json()) as { refresh: string }
      refreshes.push(refresh)
      if (revoked || refresh !== live.refresh) {
        revoked = true
        return HttpResponse.json(apiError('token_not_valid', 'Token is blacklisted'), { status: 401 })
      }
      live = { access: `access-${refreshes.length + 1}`, refresh: `refresh-${refreshes.length + 1}` }
      return HttpResponse.json(live)
    }),
  )
  return { refreshes }
}

/** Two tabs of the dashboard: two stores over the same origin's localStorage, access token expired. */
function twoTabs() {
  saveAuth({ access: 'access-1', refresh: 'refresh-1', user: owner })
  return [setupStore({ config: shopConfig }), setupStore({ config: shopConfig })]
}

async function bothRefreshAtOnce() {
  const { refreshes } = rotatingBackend()
  const [tabA, tabB] = twoTabs()
  const [a, b] = await Promise.all(
    [tabA, tabB].map((tab) => tab.dispatch(authApi.endpoints.me.initiate(undefined, { forceRefetch: true }))),
  )
  return { refreshes, tabA, tabB, a, b }
}

/** A Web Locks stand-in: requests for one name run one after another, as in a browser. */
function installWebLocks() {
  const queues = new Map<string, Promise<unknown>>()
  const granted: string[] = []
  const locks = {
    request(name: string, _options: unknown, callback: () => Promise<unknown>) {
      const previous = queues.get(name) ?? Promise.resolve()
      const run = previous.then(() => {
        granted.push(name)
        return callback()
      })
      queues.set(name, run.catch(() => undefined))
      return run
    },
  }
  Object.defineProperty(window.navigator, 'locks', { value: locks, configurable: true })
  return { granted }
}

describe('token refresh across tabs', { timeout: 30_000 }, () => {
  afterEach(() => {
    delete (window.navigator as { locks?: unknown }).locks
  })

  it('with Web Locks, sends one refresh for two tabs; the other tab takes the new tokens from storage', async () => {
    const { granted } = installWebLocks()
    const { refreshes, tabA, tabB, a, b } = await bothRefreshAtOnce()

    expect(refreshes).toEqual(['refresh-1'])
    expect(granted).toEqual(['shopyard.auth.refresh', 'shopyard.auth.refresh'])
    expect(a.data).toEqual(owner)
    expect(b.data).toEqual(owner)
    for (const tab of [tabA, tabB]) expect(tab.getState().auth).toMatchObject({ access: 'access-2', refresh: 'refresh-2' })
    expect(JSON.parse(window.localStorage.getItem(AUTH_STORAGE_KEY) ?? '{}')).toMatchObject({ refresh: 'refresh-2' })
  })

  it('without Web Locks, a lock in localStorage does the same', async () => {
    expect('locks' in window.navigator).toBe(false)
    const { refreshes, tabA, tabB, a, b } = await bothRefreshAtOnce()

    expect(refreshes).toEqual(['refresh-1'])
    expect(a.data).toEqual(owner)
    expect(b.data).toEqual(owner)
    for (const tab of [tabA, tabB]) expect(tab.getState().auth).toMatchObject({ access: 'access-2', refresh: 'refresh-2' })
    expect(window.localStorage.getItem('shopyard.auth.refreshLock')).toBeNull()
  })

  it('a tab that wakes up later with a spent refresh token uses the one another tab stored', async () => {
    const { refreshes } = rotatingBackend()
    const [tabA, tabB] = twoTabs()
    expect((await tabA.dispatch(authApi.endpoints.me.initiate(undefined, { forceRefetch: true }))).data).toEqual(owner)

    const later = await tabB.dispatch(authApi.endpoints.me.initiate(undefined, { forceRefetch: true }))
    expect(later.data).toEqual(owner)
    expect(refreshes).toEqual(['refresh-1'])
    expect(tabB.getState().auth.refresh).toBe('refresh-2')
  })
})
