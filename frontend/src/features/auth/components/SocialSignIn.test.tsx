import { screen, within } from '@testing-library/react'
import { delay, http, HttpResponse } from 'msw'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ShopConfig } from '../../../app/config'
import { apiError, customer, platformConfig, shopConfig } from '../../../test/fixtures'
import { server } from '../../../test/server'
import { renderApp } from '../../../test/test-utils'
import { browser, rememberPending } from '../socialApi'

const socialShop: ShopConfig = { ...shopConfig, social_providers: ['google', 'facebook'] }

afterEach(() => {
  sessionStorage.clear()
  vi.restoreAllMocks()
})

describe('social sign-in buttons', () => {
  it('are hidden when no provider is configured', () => {
    renderApp({ config: shopConfig, route: '/account/login' })
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: /Continue with/ })).not.toBeInTheDocument()
  })

  it('start at the root domain from the page they are on, keeping the nonce in this tab', async () => {
    const assign = vi.spyOn(browser, 'assign').mockImplementation(() => undefined)
    let sent: unknown = null
    server.use(
      http.post('/api/auth/social/start/', async ({ request }) => {
        sent = await request.json()
        await delay(30)
        return HttpResponse.json({ url: 'http://localhost:8000/api/platform/social/begin/?state=s', nonce: 'n-1' })
      }),
    )
    const { user } = renderApp({ config: socialShop, route: '/account/signup' })
    expect(screen.getByRole('button', { name: 'Continue with Facebook' })).toBeEnabled()

    await user.click(screen.getByRole('button', { name: 'Continue with Google' }))
    expect(await screen.findByRole('button', { name: 'Opening Google…' })).toBeDisabled()
    await vi.waitFor(() => expect(assign).toHaveBeenCalledWith('http://localhost:8000/api/platform/social/begin/?state=s'))
    expect(sent).toEqual({ provider: 'google', from_path: '/account/signup' })
    expect(JSON.parse(sessionStorage.getItem('shopyard.social') ?? '{}')).toEqual({ nonce: 'n-1', next: '/' })
  })

  it('say why a sign-in came back without signing in, on the page it started from', () => {
    renderApp({ config: socialShop, route: '/account/login?social_error=cancelled&social_provider=google' })
    expect(screen.getByRole('alert')).toHaveTextContent('Signing in with Google was cancelled.')
  })

  it('explain an e-mail the provider did not confirm', () => {
    renderApp({ config: socialShop, route: '/account/login?social_error=email_unverified&social_provider=facebook' })
    expect(screen.getByRole('alert')).toHaveTextContent('Facebook did not confirm that the address is yours')
  })

  it('are on the platform sign-in too', () => {
    renderApp({ config: { ...platformConfig, social_providers: ['google'] }, route: '/login' })
    expect(screen.getByRole('button', { name: 'Continue with Google' })).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Continue with Facebook' })).not.toBeInTheDocument()
  })
})

describe('the hand-back page', () => {
  it('redeems the code with the nonce of this tab and goes where the sign-in was asked for', async () => {
    let sent: unknown = null
    server.use(
      http.post('/api/auth/social/redeem/', async ({ request }) => {
        sent = await request.json()
        return HttpResponse.json({ access: 'a', refresh: 'r', user: customer })
      }),
    )
    rememberPending({ nonce: 'n-2', next: '/cart' })
    const { router } = renderApp({ config: socialShop, route: '/auth/social#code=c-9' })
    await vi.waitFor(() => expect(router.state.location.pathname).toBe('/cart'))
    expect(sent).toEqual({ code: 'c-9', nonce: 'n-2' })
    expect(router.state.location.hash).toBe('')
    expect(sessionStorage.getItem('shopyard.social')).toBeNull()
  })

  it('shows the server refusal and a way back', async () => {
    server.use(
      http.post('/api/auth/social/redeem/', () =>
        HttpResponse.json(apiError('handback_invalid', 'This sign-in has expired or was already used.'), {
          status: 401,
        }),
      ),
    )
    rememberPending({ nonce: 'n-3', next: null })
    renderApp({ config: socialShop, route: '/auth/social#code=old' })
    expect(await screen.findByRole('alert')).toHaveTextContent('This sign-in has expired or was already used.')
    expect(screen.getByRole('link', { name: 'Back to sign in' })).toHaveAttribute('href', '/account/login')
  })

  it('refuses a code this tab did not ask for', () => {
    renderApp({ config: socialShop, route: '/auth/social#code=planted' })
    expect(screen.getByRole('alert')).toHaveTextContent('did not start in this browser tab')
  })
})

describe('linked sign-ins on the security page', () => {
  it('lists them and says why the last one cannot go', async () => {
    server.use(
      http.get('/api/auth/social/links/', () =>
        HttpResponse.json({
          links: [{ id: 5, provider: 'google', email: customer.email, created_at: '', last_used_at: '' }],
          has_password: false,
          providers: ['google', 'facebook'],
        }),
      ),
      http.delete('/api/auth/social/links/5/', () =>
        HttpResponse.json(apiError('last_sign_in_method', 'This is your only way to sign in.'), { status: 409 }),
      ),
    )
    const { user } = renderApp({ config: socialShop, route: '/account/security', signedInAs: customer })
    const list = await screen.findByRole('list', { name: 'Linked sign-ins' })
    expect(within(list).getByText('Google')).toBeInTheDocument()
    expect(screen.getByText(/This account has no password/)).toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: 'Remove Google sign-in' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('This is your only way to sign in.')
  })
})
