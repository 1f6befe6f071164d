import { screen, waitFor, within } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { makeOrder } from '../../../../test/commerce'
import { apiError, customer, shopConfig, staff } from '../../../../test/fixtures'
import { server, userFor } from '../../../../test/server'
import { renderApp } from '../../../../test/test-utils'
import type { Order } from '../../../../types/commerce'

/** A dashboard order API that moves one order through its states and refuses odd transitions. */
function fakeOrderApi(start: Order) {
  let order = start
  const posts: { path: string; body: unknown }[] = []
  const allowed: Record<string, string[]> = {
    paid: ['processing', 'shipped'],
    processing: ['shipped'],
    shipped: ['delivered'],
  }
  const guard = (request: Request) =>
    userFor(request)?.role === 'staff' ? null : HttpResponse.json(apiError('permission_denied', 'Staff only.'), { status: 403 })
  const invalid = (message: string) => HttpResponse.json(apiError('invalid_transition', message), { status: 400 })
  const step = (status: string, note = '') => ({
    ...order,
    status,
    timeline: [...order.timeline, { status, note, created_at: `2025-03-0${order.timeline.length + 1}T09:00:00Z` }],
  })

  server.use(
    http.get('/api/dashboard/orders/7/', ({ request }) => guard(request) ?? HttpResponse.json(order)),
    http.post('/api/dashboard/orders/7/fulfil/', async ({ request }) => {
      const body = (await request.json()) as { status: string; tracking_number?: string; note?: string }
      posts.push({ path: 'fulfil', body })
      if (!(allowed[order.status] ?? []).includes(body.status)) {
        return invalid(`A ${order.status} order cannot be marked as ${body.status}.`)
      }
      order = { ...step(body.status as Order['status'], body.note), ...(body.tracking_number ? { tracking_number: body.tracking_number } : {}) } as Order
      return HttpResponse.json(order)
    }),
    http.post('/api/dashboard/orders/7/refund/', async ({ request }) => {
      posts.push({ path: 'refund', body: await request.json() })
      order = { ...step('refunded'), payment_status: 'refunded' } as Order
      return HttpResponse.json(order)
    }),
    http.post('/api/dashboard/orders/7/cancel/', async ({ request }) => {
      posts.push({ path: 'cancel', body: await request.json() })
      return invalid('A shipped order cannot be cancelled.')
    }),
  )
  return { posts, current: () => order }
}

const facts = () => screen.getByText('Order number').closest('dl') as HTMLElement

// These journeys type whole forms with user-event; give them room on a busy machine.
describe('dashboard order fulfilment', { timeout: 30_000 }, () => {
  it('processes, ships with a tracking number and delivers, offering only the actions that fit', async () => {
    const api = fakeOrderApi(makeOrder({ status: 'paid' }))
    const { user } = renderApp({ config: shopConfig, route: '/dashboard/orders/7', signedInAs: staff })

    expect(await screen.findByRole('heading', { level: 1, name: 'Order #1007' })).toBeInTheDocument()
    const actions = screen.getByRole('region', { name: 'Fulfilment' })
    expect(within(actions).getByRole('button', { name: 'Mark as processing' })).toBeInTheDocument()
    expect(within(actions).getByRole('button', { name: 'Mark as shipped' })).toBeInTheDocument()
    expect(within(actions).getByRole('button', { name: 'Cancel order' })).toBeInTheDocument()
    expect(within(actions).getByRole('button', { name: 'Refund' })).toBeInTheDocument()
    expect(within(actions).queryByRole('button', { name: 'Mark as delivered' })).not.toBeInTheDocument()

    await user.type(within(actions).getByLabelText('Note for the timeline (optional)'), 'Packing today')
    await user.click(within(actions).getByRole('button', { name: 'Mark as processing' }))
    expect(await within(actions).findByText('Order #1007 is now processing.')).toBeInTheDocument()
    await waitFor(() => expect(within(facts()).getByText('Processing')).toBeInTheDocument())
    expect(screen.getByText('Packing today')).toBeInTheDocument()

    // Shipping needs a tracking number; nothing is sent without one.
    await user.click(within(actions).getByRole('button', { name: 'Mark as shipped' }))
    expect(within(actions).getByLabelText('Tracking number')).toHaveAccessibleDescription(
      'Enter the tracking number to mark the order as shipped.',
    )
    expect(api.posts).toHaveLength(1)

    await user.type(within(actions).getByLabelText('Tracking number'), 'RM123456789GB')
    await user.click(within(actions).getByRole('button', { name: 'Mark as shipped' }))
    expect(await within(actions).findByText('Order #1007 is marked as shipped.')).toBeInTheDocument()
    await waitFor(() => expect(within(facts()).getByText('Shipped')).toBeInTheDocument())
    expect(within(facts()).getByText('RM123456789GB')).toBeInTheDocument()
    expect(within(actions).queryByRole('button', { name: 'Mark as shipped' })).not.toBeInTheDocument()
    expect(within(actions).queryByRole('button', { name: 'Cancel order' })).not.toBeInTheDocument()

    await user.click(within(actions).getByRole('button', { name: 'Mark as delivered' }))
    await waitFor(() => expect(within(facts()).getByText('Delivered')).toBeInTheDocument())

    expect(api.posts).toEqual([
      { path: 'fulfil', body: { status: 'processing', note: 'Packing today' } },
      { path: 'fulfil', body: { status: 'shipped', tracking_number: 'RM123456789GB' } },
      { path: 'fulfil', body: { status: 'delivered' } },
    ])
  })

  it('shows the server’s invalid_transition message, and refunds with a reason from a dialog', async () => {
    const api = fakeOrderApi(makeOrder({ status: 'processing' }))
    const { user } = renderApp({ config: shopConfig, route: '/dashboard/orders/7', signedInAs: staff })

    const actions = await screen.findByRole('region', { name: 'Fulfilment' })
    await user.click(within(actions).getByRole('button', { name: 'Cancel order' }))
    let dialog = screen.getByRole('dialog', { name: 'Cancel order #1007?' })
    await user.type(within(dialog).getByLabelText('Reason (optional)'), 'Customer asked')
    await user.click(within(dialog).getByRole('button', { name: 'Cancel order' }))
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('A shipped order cannot be cancelled.')
    await user.keyboard('{Escape}')
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()

    await user.click(within(actions).getByRole('button', { name: 'Refund' }))
    dialog = screen.getByRole('dialog', { name: 'Refund order #1007?' })
    expect(dialog).toHaveTextContent('Up to £21.40 can still be refunded')
    // all that is left by default; the merchant may refund part of it
    const amount = within(dialog).getByLabelText('Amount to refund (GBP)')
    expect(amount).toHaveValue('21.40')
    await user.clear(amount)
    await user.type(amount, '20.00')
    await user.type(within(dialog).getByLabelText('Reason (optional)'), 'Damaged in transit')
    await user.click(within(dialog).getByRole('button', { name: 'Refund order' }))

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    expect(await within(actions).findByText('Order #1007 was refunded.')).toBeInTheDocument()
    // Both the order and its payment are now refunded.
    await waitFor(() => expect(within(facts()).getAllByText('Refunded', { selector: '.badge' })).toHaveLength(2))
    expect(within(actions).getByText(/there is nothing more to do/)).toBeInTheDocument()
    expect(api.posts).toEqual([
      { path: 'cancel', body: { reason: 'Customer asked' } },
      { path: 'refund', body: { reason: 'Damaged in transit', amount: '20.00' } },
    ])
  })

  it('keeps customers out', async () => {
    fakeOrderApi(makeOrder())
    renderApp({ config: shopConfig, route: '/dashboard/orders/7', signedInAs: customer })
    expect(await screen.findByRole('heading', { name: 'This account has no access to the dashboard' })).toBeInTheDocument()
  })
})
