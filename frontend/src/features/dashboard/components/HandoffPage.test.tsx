import { screen, waitFor } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { AUTH_STORAGE_KEY } from '../../auth/tokenStorage'
import { apiError, owner, shopConfig } from '../../../test/fixtures'
import { issueTokens, server, userFor } from '../../../test/server'
import { renderApp } from '../../../test/test-utils'

function fakeHandoffApi() {
  const redeemed: unknown[] = []
  server.use(
    http.post('/api/auth/handoff/', async ({ request }) => {
      const body = (await request.json()) as { code: string }
      redeemed.push(body)
      if (body.code !== 'good-code') {
        return HttpResponse.json(apiError('invalid_code', 'This sign-in link is invalid or has expired.'), {
          status: 400,
        })
      }
      return HttpResponse.json({ ...issueTokens(owner), user: owner })
    }),
    http.get('/api/dashboard/overview/', ({ request }) =>
      userFor(request)
        ? HttpResponse.json({
            shop: { name: 'Acme', subdomain: 'acme', currency: 'GBP', plan: { code: 'free', name: 'Free' } },
            counts: { products: 4, customers: 9, staff: 1 },
          })
        : HttpResponse.json(apiError('not_authenticated', 'Sign in.'), { status: 401 }),
    ),
  )
  return redeemed
}

describe('HandoffPage', () => {
  it('redeems the code once, stores the tokens and opens the dashboard', async () => {
    const redeemed = fakeHandoffApi()
    const { router, store } = renderApp({ config: shopConfig, route: '/dashboard/handoff#code=good-code' })

    expect(await screen.findByRole('heading', { name: 'Overview' })).toBeInTheDocument()
    expect(router.state.location.pathname).toBe('/dashboard')
    expect(router.state.location.hash).toBe('')
    // StrictMode runs effects twice; a single-use code must still be sent only once.
    expect(redeemed).toEqual([{ code: 'good-code' }])
    expect(store.getState().auth.user).toEqual(owner)
    expect(JSON.parse(window.localStorage.getItem(AUTH_STORAGE_KEY)!).user).toEqual(owner)
    expect(await screen.findByText('9')).toBeInTheDocument()
  })

  it('explains an invalid or expired code and links back to the platform', async () => {
    const redeemed = fakeHandoffApi()
    const { router, store } = renderApp({ config: shopConfig, route: '/dashboard/handoff#code=used-code' })

    expect(await screen.findByRole('alert')).toHaveTextContent('This sign-in link is invalid or has expired.')
    expect(screen.getByRole('link', { name: /Back to my shops/ })).toHaveAttribute(
      'href',
      'http://localhost:8000/shops',
    )
    expect(redeemed).toHaveLength(1)
    expect(router.state.location.hash).toBe('')
    expect(store.getState().auth.access).toBeNull()
  })

  it('does not call the server when the link carries no code', async () => {
    const redeemed = fakeHandoffApi()
    renderApp({ config: shopConfig, route: '/dashboard/handoff' })

    expect(screen.getByRole('heading', { name: 'Could not open the dashboard' })).toBeInTheDocument()
    await waitFor(() => expect(redeemed).toHaveLength(0))
  })
})
