import { screen, within } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { describe, expect, it, vi } from 'vitest'
import * as browser from '../../../lib/browser'
import { merchant, platformConfig } from '../../../test/fixtures'
import { server } from '../../../test/server'
import { renderApp } from '../../../test/test-utils'

const acme = {
  id: 7,
  name: 'Acme',
  subdomain: 'acme',
  url: 'http://acme.localhost:8000/',
  status: 'active',
  suspended_reason: '',
  currency: 'GBP',
  plan: { code: 'free', name: 'Free' },
  created_at: '2025-01-01T00:00:00Z',
}

describe('MyShopsPage', () => {
  it('invites a merchant without shops to create one', async () => {
    server.use(http.get('/api/platform/shops/', () => HttpResponse.json({ count: 0, results: [] })))
    renderApp({ config: platformConfig, signedInAs: merchant, route: '/shops' })

    expect(await screen.findByText('You have no shops yet')).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'Create a shop' })).toHaveAttribute('href', '/shops/new')
  })

  it('opens the dashboard through a one-time handoff URL', async () => {
    const redirect = vi.spyOn(browser, 'redirectTo').mockImplementation(() => undefined)
    const handoffs: string[] = []
    server.use(
      http.get('/api/platform/shops/', () => HttpResponse.json({ count: 1, results: [acme] })),
      http.post('/api/platform/shops/:id/dashboard-handoff/', ({ params }) => {
        handoffs.push(String(params.id))
        return HttpResponse.json(
          { code: 'c0de', expires_at: '2025-01-01T00:01:00Z', url: 'http://acme.localhost:8000/dashboard/handoff#code=c0de' },
          { status: 201 },
        )
      }),
    )
    const { user } = renderApp({ config: platformConfig, signedInAs: merchant, route: '/shops' })

    expect(await screen.findByRole('heading', { name: 'Acme' })).toBeInTheDocument()
    expect(screen.getByText('Active')).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'acme.localhost:8000' })).toHaveAttribute('href', acme.url)

    await user.click(screen.getByRole('button', { name: 'Open dashboard for Acme' }))

    await vi.waitFor(() =>
      expect(redirect).toHaveBeenCalledWith('http://acme.localhost:8000/dashboard/handoff#code=c0de'),
    )
    expect(handoffs).toEqual(['7'])
  })

  it('shows why a shop is suspended, when the platform gave a reason', async () => {
    server.use(
      http.get('/api/platform/shops/', () =>
        HttpResponse.json({
          count: 2,
          results: [
            { ...acme, status: 'suspended', suspended_reason: 'Unpaid invoices' },
            { ...acme, id: 8, name: 'Bravo', subdomain: 'bravo', status: 'suspended', suspended_reason: '' },
          ],
        }),
      ),
    )
    renderApp({ config: platformConfig, signedInAs: merchant, route: '/shops' })

    const acmeCard = (await screen.findByRole('heading', { name: 'Acme' })).closest('li') as HTMLElement
    expect(within(acmeCard).getByText('Suspended')).toBeInTheDocument()
    expect(within(acmeCard).getByText('Suspended: Unpaid invoices')).toBeInTheDocument()
    expect(within(acmeCard).getByRole('button', { name: 'Open dashboard for Acme' })).toBeDisabled()

    const bravoCard = screen.getByRole('heading', { name: 'Bravo' }).closest('li') as HTMLElement
    expect(within(bravoCard).getByText('Suspended')).toBeInTheDocument()
    expect(within(bravoCard).queryByText(/^Suspended:/)).not.toBeInTheDocument()
  })

  it('sends a signed-out visitor to log in first', () => {
    const { router } = renderApp({ config: platformConfig, route: '/shops' })
    expect(router.state.location.pathname).toBe('/login')
    expect(screen.getByRole('heading', { name: 'Log in to Shopyard' })).toBeInTheDocument()
  })
})
