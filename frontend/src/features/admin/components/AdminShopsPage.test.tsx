import { screen, waitFor, within } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { admin, apiError, merchant, platformConfig } from '../../../test/fixtures'
import { server, userFor } from '../../../test/server'
import { renderApp } from '../../../test/test-utils'
import type { AdminShop } from '../adminApi'

function adminShop(id: number, name: string, subdomain: string): AdminShop {
  return {
    id,
    name,
    subdomain,
    url: `http://${subdomain}.localhost:8000/`,
    status: 'active',
    currency: 'GBP',
    plan: { code: 'free', name: 'Free' },
    created_at: '2025-01-01T00:00:00Z',
    owner_email: `owner@${subdomain}.test`,
    suspended_reason: null,
    usage: { customers: 3, staff: 1, products: 12, orders: 5, revenue: '120.00' },
  }
}

function fakeAdminApi() {
  const shops = [adminShop(1, 'Acme', 'acme'), adminShop(2, 'Riverside', 'riverside')]
  const calls: { path: string; body?: unknown; search?: string | null }[] = []
  const forbidden = () =>
    HttpResponse.json({ error: { code: 'permission_denied', message: 'Admins only.', fields: {} } }, { status: 403 })
  server.use(
    http.get('/api/platform/admin/shops/', ({ request }) => {
      if (userFor(request)?.role !== 'admin') return forbidden()
      const search = new URL(request.url).searchParams.get('search')
      calls.push({ path: 'list', search })
      const results = shops.filter((s) => !search || s.name.toLowerCase().includes(search.toLowerCase()))
      return HttpResponse.json({ count: results.length, next: null, previous: null, results })
    }),
    http.post('/api/platform/admin/shops/:id/suspend/', async ({ request, params }) => {
      if (userFor(request)?.role !== 'admin') return forbidden()
      const body = (await request.json()) as { reason: string }
      calls.push({ path: `suspend/${params.id}`, body })
      const shop = shops.find((s) => String(s.id) === params.id)!
      Object.assign(shop, { status: 'suspended', suspended_reason: body.reason })
      return HttpResponse.json(shop)
    }),
    http.post('/api/platform/admin/shops/:id/reactivate/', ({ request, params }) => {
      if (userFor(request)?.role !== 'admin') return forbidden()
      calls.push({ path: `reactivate/${params.id}` })
      const shop = shops.find((s) => String(s.id) === params.id)!
      Object.assign(shop, { status: 'active', suspended_reason: null })
      return HttpResponse.json(shop)
    }),
  )
  return calls
}

function acmeRow() {
  return screen.getByRole('row', { name: /Acme/ })
}

describe('AdminShopsPage', () => {
  it('suspends a shop with a reason given in a dialog, then reactivates it', async () => {
    const calls = fakeAdminApi()
    const { user } = renderApp({ config: platformConfig, signedInAs: admin, route: '/admin' })

    await screen.findByRole('row', { name: /Acme/ })
    expect(within(acmeRow()).getByText('owner@acme.test')).toBeInTheDocument()
    expect(within(acmeRow()).getByText('Active')).toBeInTheDocument()

    await user.click(within(acmeRow()).getByRole('button', { name: 'Suspend Acme' }))
    const dialog = screen.getByRole('dialog', { name: 'Suspend Acme' })
    const reason = within(dialog).getByLabelText('Reason')
    expect(reason).toHaveFocus()
    expect(reason).toHaveAttribute('maxLength', '500')

    // A reason is required before anything is sent.
    await user.click(within(dialog).getByRole('button', { name: 'Suspend shop' }))
    expect(reason).toHaveAccessibleDescription(expect.stringContaining('Give a reason'))
    expect(calls.filter((c) => c.path.startsWith('suspend'))).toHaveLength(0)

    await user.type(reason, 'Unpaid invoices')
    await user.click(within(dialog).getByRole('button', { name: 'Suspend shop' }))

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    expect(calls).toContainEqual({ path: 'suspend/1', body: { reason: 'Unpaid invoices' } })
    expect(await screen.findByText('Acme was suspended.')).toBeInTheDocument()
    await waitFor(() => expect(within(acmeRow()).getByText('Suspended')).toBeInTheDocument())
    expect(within(acmeRow()).getByText('Unpaid invoices')).toBeInTheDocument()
    // Riverside is untouched.
    expect(within(screen.getByRole('row', { name: /Riverside/ })).getByText('Active')).toBeInTheDocument()

    await user.click(within(acmeRow()).getByRole('button', { name: 'Reactivate Acme' }))
    expect(await screen.findByText('Acme was reactivated.')).toBeInTheDocument()
    await waitFor(() => expect(within(acmeRow()).getByText('Active')).toBeInTheDocument())
    expect(calls).toContainEqual({ path: 'reactivate/1' })
  })

  it('closes the dialog with Escape without suspending', async () => {
    const calls = fakeAdminApi()
    const { user } = renderApp({ config: platformConfig, signedInAs: admin, route: '/admin' })

    await user.click(await screen.findByRole('button', { name: 'Suspend Acme' }))
    expect(screen.getByRole('dialog')).toBeInTheDocument()
    await user.keyboard('{Escape}')

    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Suspend Acme' })).toHaveFocus()
    expect(calls.some((c) => c.path.startsWith('suspend'))).toBe(false)
  })

  it('searches by text', async () => {
    const calls = fakeAdminApi()
    const { user } = renderApp({ config: platformConfig, signedInAs: admin, route: '/admin' })

    await screen.findByRole('row', { name: /Riverside/ })
    await user.type(screen.getByRole('searchbox', { name: 'Search shops' }), 'river{Enter}')

    await waitFor(() => expect(screen.queryByRole('row', { name: /Acme/ })).not.toBeInTheDocument())
    expect(screen.getByRole('row', { name: /Riverside/ })).toBeInTheDocument()
    expect(calls.at(-1)).toEqual({ path: 'list', search: 'river' })
  })

  it('shows 0 for a shop without activity, and revenue as money', async () => {
    server.use(
      http.get('/api/platform/admin/shops/', () =>
        HttpResponse.json({
          count: 2,
          next: null,
          previous: null,
          results: [
            { ...adminShop(1, 'Acme', 'acme'), usage: {} },
            {
              ...adminShop(2, 'Riverside', 'riverside'),
              usage: { customers: null, staff: 2, products: null, orders: null, revenue: null },
            },
          ],
        }),
      ),
    )
    renderApp({ config: platformConfig, signedInAs: admin, route: '/admin' })

    const acme = await screen.findByRole('row', { name: /Acme/ })
    const cells = (row: HTMLElement) => within(row).getAllByRole('cell').map((cell) => cell.textContent)
    expect(cells(acme).slice(2, 7)).toEqual(['0', '0', '0', '0', '£0.00'])
    expect(cells(screen.getByRole('row', { name: /Riverside/ })).slice(2, 7)).toEqual(['0', '2', '0', '0', '£0.00'])
  })

  it('pages through shops, says which page of how many, and focuses the heading', async () => {
    const pagesSeen: (string | null)[] = []
    server.use(
      http.get('/api/platform/admin/shops/', ({ request }) => {
        const page = new URL(request.url).searchParams.get('page')
        pagesSeen.push(page)
        if (page === '4') return HttpResponse.json(apiError('not_found', 'Invalid page.'), { status: 404 })
        const n = Number(page)
        return HttpResponse.json({
          count: 30,
          next: n < 2 ? 'next' : null,
          previous: n > 1 ? 'prev' : null,
          results: [adminShop(n, `Shop ${n}`, `shop${n}`)],
        })
      }),
    )
    const { user, router } = renderApp({ config: platformConfig, signedInAs: admin, route: '/admin' })

    const pages = await screen.findByRole('navigation', { name: 'Shops pages' })
    expect(pages).toHaveTextContent('Page 1 of 2')
    await user.click(within(pages).getByRole('button', { name: 'Next page' }))

    expect(await screen.findByRole('row', { name: /Shop 2/ })).toBeInTheDocument()
    expect(screen.getByRole('navigation', { name: 'Shops pages' })).toHaveTextContent('Page 2 of 2')
    expect(screen.getByRole('heading', { level: 1, name: 'All shops' })).toHaveFocus()

    await router.navigate('/admin?page=4')
    expect(await screen.findByText('No more results')).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Try again' })).not.toBeInTheDocument()
    await user.click(screen.getByRole('link', { name: 'Go to page 1' }))
    expect(await screen.findByRole('row', { name: /Shop 1/ })).toBeInTheDocument()
    expect(pagesSeen).toEqual(['1', '2', '4'])
  })

  it('tells a merchant they are not allowed', async () => {
    fakeAdminApi()
    renderApp({ config: platformConfig, signedInAs: merchant, route: '/admin' })

    expect(screen.getByRole('heading', { name: 'Not allowed' })).toBeInTheDocument()
    expect(screen.queryByRole('table')).not.toBeInTheDocument()
  })
})
