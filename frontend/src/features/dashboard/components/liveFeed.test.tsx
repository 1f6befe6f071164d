import { act, screen, waitFor, within } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { FakeWebSocket } from '../../../test/fakeWebSocket'
import { apiError, owner, shopConfig } from '../../../test/fixtures'
import { server } from '../../../test/server'
import { renderApp } from '../../../test/test-utils'

const ownerPermissions = { overview: 'write', orders: 'write', customers: 'write', catalog: 'write' } as const
const signedInOwner = { ...owner, permissions: ownerPermissions }

function overview() {
  server.use(
    http.get('/api/dashboard/overview/', () =>
      HttpResponse.json({
        shop: { name: 'Acme', subdomain: 'acme', currency: 'GBP', plan: { code: 'pro', name: 'Pro' } },
        counts: { products: 1, customers: 1, staff: 1 },
      }),
    ),
  )
}

const nav = () => screen.getByRole('navigation', { name: 'Dashboard' })

describe('the merchant live feed', { timeout: 30_000 }, () => {
  it('counts what arrives on the navigation and lists it on the feed page', async () => {
    overview()
    const { user } = renderApp({ config: shopConfig, route: '/dashboard', signedInAs: signedInOwner })
    expect(await screen.findByRole('heading', { name: 'Overview' })).toBeInTheDocument()
    await waitFor(() => expect(FakeWebSocket.instances).toHaveLength(1))
    const socket = FakeWebSocket.instances[0]
    act(() =>
      socket.serverAccept({ type: 'hello', shop: 'acme', user: owner.email, visitor: false, last_seq: 0, unread: 0, feed: ['orders', 'catalog'] }),
    )
    act(() =>
      socket.serverSend({
        type: 'feed',
        item: { id: 7, kind: 'order.placed', area: 'orders', title: 'New order #1007: 21.40 GBP', link: '/dashboard/orders/7', created_at: '2026-12-02T02:00:00Z' },
      }),
    )
    expect(await within(nav()).findByRole('link', { name: /^Live feed\s*1\s*new$/ })).toBeInTheDocument()

    await user.click(within(nav()).getByRole('link', { name: /^Live feed\s*1\s*new$/ }))
    const list = await screen.findByRole('list', { name: 'Feed' })
    expect(within(list).getByRole('link', { name: 'New order #1007: 21.40 GBP' })).toHaveAttribute('href', '/dashboard/orders/7')
    // Seen: the counter goes away.
    await waitFor(() => expect(within(nav()).getByRole('link', { name: 'Live feed' })).toBeInTheDocument())
  })
})

describe('promotions', { timeout: 30_000 }, () => {
  it('sends a promotion to buyers of a category and lists its counts', async () => {
    const sent: unknown[] = []
    server.use(
      http.get('/api/dashboard/categories/', () => HttpResponse.json([{ id: 4, name: 'Hats', slug: 'hats', parent_id: null }])),
      http.get('/api/dashboard/promotions/', () =>
        HttpResponse.json({
          count: sent.length,
          next: null,
          previous: null,
          results: sent.length
            ? [{ id: 1, title: 'Hat week', text: 'All hats', link: '', discount_code: 'HATS', audience: 'category', category: { id: 4, name: 'Hats' }, inactive_days: null, is_public: false, status: 'sent', recipients: 12, reached: 5, opened: 2, created_at: '2026-12-02T02:00:00Z', sent_at: '2026-12-02T02:00:01Z' }]
            : [],
        }),
      ),
      http.post('/api/dashboard/promotions/', async ({ request }) => {
        const body = (await request.json()) as Record<string, unknown>
        if (body.discount_code === 'NOPE') {
          return HttpResponse.json(apiError('validation_error', 'Check the promotion.', { discount_code: ['No discount code with this name exists.'] }), { status: 400 })
        }
        sent.push(body)
        return HttpResponse.json({ id: 1, title: body.title, status: 'queued' }, { status: 201 })
      }),
    )
    const { user } = renderApp({ config: shopConfig, route: '/dashboard/promotions', signedInAs: signedInOwner })
    expect(await screen.findByText('No promotions yet')).toBeInTheDocument()
    await user.type(screen.getByLabelText('Title'), 'Hat week')
    await user.type(screen.getByLabelText('Text'), 'All hats')
    await user.type(screen.getByLabelText('Discount code (optional)'), 'NOPE')
    await user.selectOptions(screen.getByLabelText('Send to'), 'category')
    const category = await screen.findByLabelText('Category')
    // the categories arrive after the field shows: wait for the option the merchant picks
    await within(category).findByRole('option', { name: 'Hats' })
    await user.selectOptions(category, 'Hats')
    await user.click(screen.getByRole('button', { name: 'Send promotion' }))
    expect(await screen.findByText('No discount code with this name exists.')).toBeInTheDocument()
    expect(screen.getByLabelText('Discount code (optional)')).toHaveAttribute('aria-invalid', 'true')

    await user.clear(screen.getByLabelText('Discount code (optional)'))
    await user.type(screen.getByLabelText('Discount code (optional)'), 'HATS')
    await user.click(screen.getByRole('button', { name: 'Send promotion' }))
    expect(await screen.findByText('“Hat week” is on its way.')).toBeInTheDocument()
    expect(sent).toEqual([
      { title: 'Hat week', text: 'All hats', link: '', discount_code: 'HATS', audience: 'category', category_id: 4, inactive_days: null, is_public: false },
    ])
    const table = await screen.findByRole('region', { name: 'Sent promotions' })
    const row = within(table).getByRole('row', { name: /Hat week/ })
    expect(within(row).getAllByRole('cell').map((c) => c.textContent)).toEqual(['Bought from Hats', 'Sent', '12', '5', '2'])
  })

  it('counts visitors in a public promotion’s figures and says how many were visitors', async () => {
    const promotion = { id: 2, title: 'Winter sale', text: 'Half price', link: '/sale', discount_code: '', audience: 'all', category: null, inactive_days: null, is_public: true, status: 'sent', recipients: 40, reached: 14, opened: 5, visitors_reached: 3, visitors_opened: 1, created_at: '2026-12-02T02:00:00Z', sent_at: '2026-12-02T02:00:01Z' }
    server.use(http.get('/api/dashboard/promotions/', () => HttpResponse.json({ count: 1, next: null, previous: null, results: [promotion] })))
    renderApp({ config: shopConfig, route: '/dashboard/promotions', signedInAs: signedInOwner })
    const table = await screen.findByRole('region', { name: 'Sent promotions' })
    const row = within(table).getByRole('row', { name: /Winter sale/ })
    expect(within(row).getAllByRole('cell').map((c) => c.textContent)).toEqual([
      'All shoppers and visitors', 'Sent', '40', '14 (3 visitors)', '5 (1 visitor)',
    ])
  })

  it('a role that may only read customers cannot send', async () => {
    server.use(http.get('/api/dashboard/promotions/', () => HttpResponse.json({ count: 0, next: null, previous: null, results: [] })))
    const support = { ...owner, id: 13, role: 'support' as const, permissions: { overview: 'read', customers: 'read' } as const }
    renderApp({ config: shopConfig, route: '/dashboard/promotions', signedInAs: support })
    expect(await screen.findByText('Your role may read promotions but not send them.')).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Send promotion' })).not.toBeInTheDocument()
  })
})
