import { screen, within } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { apiError, customer, owner, shopConfig, staff } from '../../../test/fixtures'
import { issueTokens, server, userFor } from '../../../test/server'
import { renderApp } from '../../../test/test-utils'

function fakeDashboardApi() {
  const requested: string[] = []
  const guard = (request: Request) => {
    const user = userFor(request)
    if (!user) return HttpResponse.json(apiError('not_authenticated', 'Sign in.'), { status: 401 })
    if (user.role === 'customer') return HttpResponse.json(apiError('permission_denied', 'Staff only.'), { status: 403 })
    return null
  }
  server.use(
    http.post('/api/auth/login/', async ({ request }) => {
      const { email, password } = (await request.json()) as { email: string; password: string }
      if (email !== owner.email || password !== 'owner-pass-123') {
        return HttpResponse.json(apiError('invalid_credentials', 'Wrong email or password.'), { status: 400 })
      }
      return HttpResponse.json({ ...issueTokens(owner), user: owner })
    }),
    http.get('/api/dashboard/overview/', ({ request }) => {
      requested.push('overview')
      return (
        guard(request) ??
        HttpResponse.json({
          shop: { name: 'Acme', subdomain: 'acme', currency: 'GBP', plan: { code: 'pro', name: 'Pro' } },
          counts: { products: 42, customers: 17, staff: 2 },
        })
      )
    }),
    http.get('/api/dashboard/staff/', ({ request }) => {
      requested.push('staff')
      return (
        guard(request) ??
        HttpResponse.json({
          count: 2,
          results: [
            { id: 10, email: owner.email, full_name: owner.full_name, role: 'owner', date_joined: '2025-01-01T00:00:00Z' },
            { id: 11, email: staff.email, full_name: staff.full_name, role: 'staff', date_joined: '2025-02-01T00:00:00Z' },
          ],
        })
      )
    }),
  )
  return requested
}

describe('DashboardGate', () => {
  it('asks a signed-out visitor to sign in, then shows the overview', async () => {
    const requested = fakeDashboardApi()
    const { user } = renderApp({ config: shopConfig, route: '/dashboard' })

    expect(screen.getByRole('heading', { name: 'Sign in to the Acme dashboard' })).toBeInTheDocument()
    expect(requested).toEqual([])

    await user.type(screen.getByLabelText('Email'), owner.email)
    await user.type(screen.getByLabelText('Password'), 'wrong')
    await user.click(screen.getByRole('button', { name: 'Sign in' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('Wrong email or password.')

    await user.clear(screen.getByLabelText('Password'))
    await user.type(screen.getByLabelText('Password'), 'owner-pass-123')
    await user.click(screen.getByRole('button', { name: 'Sign in' }))

    expect(await screen.findByRole('heading', { name: 'Overview' })).toBeInTheDocument()
    expect(await screen.findByText('Pro')).toBeInTheDocument()
  })

  it('points the shop owner to the platform, with a skip link first', async () => {
    server.use(
      http.post('/api/auth/login/', () =>
        HttpResponse.json(
          apiError('invalid_credentials', 'Email or password is not correct.'),
          { status: 401 },
        ),
      ),
    )
    const { user } = renderApp({ config: shopConfig, route: '/dashboard' })

    const hint = screen.getByRole('link', { name: 'Shop owner? Open your dashboard from My shops on the platform' })
    expect(hint).toHaveAttribute('href', 'http://localhost:8000/shops')

    await user.tab()
    expect(screen.getByRole('link', { name: 'Skip to content' })).toHaveFocus()
    expect(screen.getByRole('link', { name: 'Skip to content' })).toHaveAttribute('href', '#main')
    expect(document.getElementById('main')).toContainElement(hint)

    await user.type(screen.getByLabelText('Email'), owner.email)
    await user.type(screen.getByLabelText('Password'), 'any-password')
    await user.click(screen.getByRole('button', { name: 'Sign in' }))

    expect(await screen.findByRole('alert')).toHaveTextContent('Email or password is not correct.')
    expect(hint).toBeVisible()
  })

  it('refuses a customer without asking for staff data', async () => {
    const requested = fakeDashboardApi()
    renderApp({ config: shopConfig, route: '/dashboard', signedInAs: customer })

    expect(
      screen.getByRole('heading', { name: 'This account has no access to the dashboard' }),
    ).toBeInTheDocument()
    expect(screen.queryByRole('navigation', { name: 'Dashboard' })).not.toBeInTheDocument()
    expect(requested).toEqual([])
  })

  it('shows staff the counts, the plan and, under Staff, the team', async () => {
    fakeDashboardApi()
    const { user } = renderApp({ config: shopConfig, route: '/dashboard', signedInAs: staff })

    expect(await screen.findByText('42')).toBeInTheDocument()
    expect(screen.getByText('17')).toBeInTheDocument()
    expect(screen.getByText('Pro')).toBeInTheDocument()

    const sideNav = screen.getByRole('navigation', { name: 'Dashboard' })
    expect(within(sideNav).getByRole('link', { name: 'Overview' })).toHaveAttribute('aria-current', 'page')
    await user.click(within(sideNav).getByRole('link', { name: 'Staff' }))

    expect(await screen.findByRole('heading', { name: 'Staff' })).toBeInTheDocument()
    expect(await screen.findByRole('row', { name: /Sam Staff/ })).toHaveTextContent(staff.email)
    expect(screen.getByRole('row', { name: /Olive Owner/ })).toHaveTextContent('Owner')
    // On a phone the table scrolls inside its own region instead of widening the page.
    expect(screen.getByRole('region', { name: 'Staff members' })).toContainElement(screen.getByRole('table'))
  })
})
