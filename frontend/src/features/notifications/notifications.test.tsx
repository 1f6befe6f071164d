import { act, screen, waitFor, within } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { makeOrder } from '../../test/commerce'
import { FakeWebSocket } from '../../test/fakeWebSocket'
import { customer, owner, platformConfig, shopConfig } from '../../test/fixtures'
import { issueTokens, server, ticketsIssuedCount, visitorTicketsIssuedCount } from '../../test/server'
import { renderApp } from '../../test/test-utils'
import type { OrderStatus } from '../../types/commerce'
import { parseServerMessage } from './notificationSocket'

const socketUrl = (ticket: string) => `ws://${window.location.host}/ws/notifications/?ticket=${ticket}`
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Waits for socket number `count` (1-based) and returns it. */
async function waitForSocket(count: number, timeout?: number): Promise<FakeWebSocket> {
  await waitFor(() => expect(FakeWebSocket.instances).toHaveLength(count), timeout ? { timeout } : undefined)
  return FakeWebSocket.instances[count - 1]
}

/** Plays the server: the socket is accepted and greeted. */
function accept(socket: FakeWebSocket) {
  act(() => socket.serverAccept())
}

/** Order 12 (#1012), whose status the test changes "on the server" with `setStatus`. */
function fakeOrder12() {
  let current = makeOrder({ id: 12, number: '1012', status: 'paid', tracking_number: '' })
  const fetched = { count: 0 }
  server.use(
    http.get('/api/orders/12/', () => {
      fetched.count += 1
      return HttpResponse.json(current)
    }),
  )
  return {
    fetched,
    setStatus(status: OrderStatus, tracking_number = '') {
      current = { ...current, status, tracking_number }
    },
  }
}

const orderFacts = () => screen.getByText('Order number').closest('dl') as HTMLElement
const notices = () => screen.getByRole('status', { name: 'Notifications' })

afterEach(() => {
  vi.useRealTimers()
})

describe('live notifications', { timeout: 30_000 }, () => {
  it('a visitor gets a visitor socket; signing in replaces it with one on a fresh ticket of their own', async () => {
    server.use(
      http.post('/api/auth/login/', () => HttpResponse.json({ ...issueTokens(customer), user: customer })),
      // Signing in lands on the catalog.
      http.get('/api/catalog/products/', () => HttpResponse.json({ count: 0, next: null, previous: null, results: [] })),
    )
    const { user } = renderApp({ config: shopConfig, route: '/account/login' })
    expect(await screen.findByRole('heading', { name: 'Sign in to Acme' })).toBeInTheDocument()
    const visitorSocket = await waitForSocket(1)
    expect(visitorSocket.url).toBe(socketUrl('visitor-1'))
    accept(visitorSocket)

    await user.type(screen.getByLabelText('Email'), customer.email)
    await user.type(screen.getByLabelText('Password'), 'shopper-pass-123')
    await user.click(screen.getByRole('button', { name: 'Sign in' }))

    const socket = await waitForSocket(2)
    await waitFor(() => expect(visitorSocket.readyState).toBe(FakeWebSocket.CLOSED))
    // The ticket was issued to the signed-in shopper (the fake backend refuses it otherwise).
    expect(socket.url).toBe(socketUrl('ticket-1'))
    expect(notices()).toHaveAttribute('aria-live', 'polite')
    accept(socket)
    await waitFor(() => expect(notices()).toHaveAttribute('data-connection', 'open'))

    // StrictMode mounts everything twice; still one socket and one ticket each.
    await sleep(200)
    expect(FakeWebSocket.instances).toHaveLength(2)
    expect(ticketsIssuedCount()).toBe(1)
    expect(visitorTicketsIssuedCount()).toBe(1)
  })

  it('refetches the open order on an order.status message and shows a dismissible notice', async () => {
    const order = fakeOrder12()
    const { user } = renderApp({ config: shopConfig, route: '/account/orders/12', signedInAs: customer })
    expect(await screen.findByRole('heading', { name: 'Order #1012' })).toBeInTheDocument()
    expect(within(orderFacts()).getByText('Paid')).toBeInTheDocument()
    expect(order.fetched.count).toBe(1)
    const socket = await waitForSocket(1)
    accept(socket)

    order.setStatus('shipped', 'RM123')
    act(() =>
      socket.serverSend({ type: 'order.status', order_id: 12, number: '1012', status: 'shipped', note: '', tracking_number: 'RM123' }),
    )

    // The page updates in place: no reload, no navigation.
    expect(await within(orderFacts()).findByText('Shipped')).toBeInTheDocument()
    expect(within(orderFacts()).getByText('RM123')).toBeInTheDocument()
    expect(screen.getByText('Your order is on its way.')).toBeInTheDocument()
    expect(order.fetched.count).toBe(2)

    expect(notices()).toHaveTextContent('Order #1012 is now shipped.')
    expect(notices()).toHaveTextContent('Tracking number: RM123')
    expect(within(notices()).getByRole('link', { name: 'Order #1012' })).toHaveAttribute('href', '/account/orders/12')

    await user.click(within(notices()).getByRole('button', { name: 'Dismiss notification for order #1012' }))
    await waitFor(() => expect(notices()).toBeEmptyDOMElement())
  })

  it('refetches the orders list too, and the notice goes away by itself after 8 seconds unless focused', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true })
    let status = 'paid'
    server.use(
      http.get('/api/orders/', () =>
        HttpResponse.json({
          count: 1,
          next: null,
          previous: null,
          results: [{ id: 12, number: '1012', status, payment_status: 'paid', total: '21.40', currency: 'GBP', created_at: '2025-03-01T10:00:00Z', item_count: 2 }],
        }),
      ),
    )
    renderApp({ config: shopConfig, route: '/account/orders', signedInAs: customer })
    const table = await screen.findByRole('region', { name: 'Order list' })
    expect(within(table).getByText('Paid')).toBeInTheDocument()
    const socket = await waitForSocket(1)
    accept(socket)

    status = 'delivered'
    act(() => socket.serverSend({ type: 'order.status', order_id: 12, number: '1012', status: 'delivered', note: '' }))
    expect(await within(table).findByText('Delivered')).toBeInTheDocument()
    expect(notices()).toHaveTextContent('Order #1012 is now delivered.')
    expect(notices()).not.toHaveTextContent('Tracking number')

    // Focus pauses the timer (time to read it); leaving restarts it.
    const dismiss = within(notices()).getByRole('button', { name: /^Dismiss/ })
    act(() => dismiss.focus())
    await act(() => vi.advanceTimersByTimeAsync(20_000))
    expect(notices()).toHaveTextContent('Order #1012 is now delivered.')
    act(() => dismiss.blur())
    await act(() => vi.advanceTimersByTimeAsync(7_000))
    expect(notices()).toHaveTextContent('Order #1012 is now delivered.')
    await act(() => vi.advanceTimersByTimeAsync(1_500))
    expect(notices()).toBeEmptyDOMElement()
  })

  it('refetches the orders on screen after a reconnect, since changes sent meanwhile were lost', async () => {
    const order = fakeOrder12()
    renderApp({ config: shopConfig, route: '/account/orders/12', signedInAs: customer })
    expect(await screen.findByRole('heading', { name: 'Order #1012' })).toBeInTheDocument()
    const first = await waitForSocket(1)
    accept(first)
    await waitFor(() => expect(notices()).toHaveAttribute('data-connection', 'open'))
    // The first connection follows the page's own fetch: nothing to refetch yet.
    expect(order.fetched.count).toBe(1)

    act(() => first.serverClose(1006))
    // Shipped while no socket was open: no message will ever say so.
    order.setStatus('shipped', 'RM777')
    const second = await waitForSocket(2)
    expect(within(orderFacts()).getByText('Paid')).toBeInTheDocument()
    accept(second)

    expect(await within(orderFacts()).findByText('Shipped')).toBeInTheDocument()
    expect(within(orderFacts()).getByText('RM777')).toBeInTheDocument()
    expect(order.fetched.count).toBe(2)
    // A refetch, not a notice: no message arrived to announce.
    expect(notices()).toBeEmptyDOMElement()
  })

  it('reconnects with a new ticket after unexpected closes, backing off', async () => {
    renderApp({ config: shopConfig, route: '/cart', signedInAs: customer })
    const first = await waitForSocket(1)
    expect(first.url).toBe(socketUrl('ticket-1'))
    accept(first)

    let closedAt = Date.now()
    act(() => first.serverClose(1006))
    await waitFor(() => expect(notices()).toHaveAttribute('data-connection', 'reconnecting'))
    const second = await waitForSocket(2)
    expect(Date.now() - closedAt).toBeGreaterThanOrEqual(950)
    expect(second.url).toBe(socketUrl('ticket-2'))

    // The ticket is refused (expired, spent): a new one, after a longer wait.
    closedAt = Date.now()
    act(() => second.serverClose(4401))
    const third = await waitForSocket(3, 6_000)
    expect(Date.now() - closedAt).toBeGreaterThanOrEqual(1_950)
    expect(third.url).toBe(socketUrl('ticket-3'))
    accept(third)
    await waitFor(() => expect(notices()).toHaveAttribute('data-connection', 'open'))
    expect(FakeWebSocket.live()).toEqual([third])
  })

  it('pings every 25 s and replaces a connection that stops answering', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true })
    renderApp({ config: shopConfig, route: '/cart', signedInAs: customer })
    const first = await waitForSocket(1)
    accept(first)

    await act(() => vi.advanceTimersByTimeAsync(25_000))
    expect(first.sent).toEqual([{ type: 'ping' }])
    act(() => first.serverSend({ type: 'pong' }))
    await act(() => vi.advanceTimersByTimeAsync(25_000))
    expect(first.sent).toHaveLength(2)
    expect(first.readyState).toBe(FakeWebSocket.OPEN)

    // No pong this time: by the next ping the connection counts as dead.
    await act(() => vi.advanceTimersByTimeAsync(25_000))
    expect(first.closedByClientWith).toBe(4000)
    await act(() => vi.advanceTimersByTimeAsync(1_000))
    const second = await waitForSocket(2)
    expect(second.url).toBe(socketUrl('ticket-2'))
  })

  it.each([
    [4403, 'the shop is suspended'],
    [4404, 'the shop is unknown'],
  ])('stops for good on close code %i (%s)', async (code) => {
    renderApp({ config: shopConfig, route: '/cart', signedInAs: customer })
    const socket = await waitForSocket(1)
    accept(socket)
    act(() => socket.serverClose(code))
    await waitFor(() => expect(notices()).toHaveAttribute('data-connection', 'stopped'))

    await sleep(1_500)
    expect(FakeWebSocket.instances).toHaveLength(1)
    expect(ticketsIssuedCount()).toBe(1)
  })

  it('closes the socket on sign-out; what follows is a visitor socket', async () => {
    const { user } = renderApp({ config: shopConfig, route: '/cart', signedInAs: customer })
    const socket = await waitForSocket(1)
    accept(socket)

    await user.click(within(screen.getByRole('navigation', { name: 'Account' })).getByRole('button', { name: 'Sign out' }))
    await waitFor(() => expect(socket.readyState).toBe(FakeWebSocket.CLOSED))
    expect(socket.closedByClientWith).toBe(1000)
    const visitor = await waitForSocket(2)
    expect(visitor.url).toBe(socketUrl('visitor-1'))

    await sleep(1_500)
    expect(FakeWebSocket.instances).toHaveLength(2)
    expect(ticketsIssuedCount()).toBe(1)
  })

  it('staff in the dashboard get their own socket (the live feed); the platform host none', async () => {
    server.use(
      http.get('/api/dashboard/overview/', () =>
        HttpResponse.json({
          shop: { name: 'Acme', subdomain: 'acme', currency: 'GBP', plan: { code: 'pro', name: 'Pro' } },
          counts: { products: 1, customers: 1, staff: 1 },
        }),
      ),
    )
    const dashboard = renderApp({ config: shopConfig, route: '/dashboard', signedInAs: owner })
    expect(await screen.findByRole('heading', { name: 'Overview' })).toBeInTheDocument()
    const staffSocket = await waitForSocket(1)
    expect(staffSocket.url).toBe(socketUrl('ticket-1'))
    dashboard.unmount()
    await waitFor(() => expect(staffSocket.readyState).toBe(FakeWebSocket.CLOSED))

    server.use(http.get('/api/platform/shops/', () => HttpResponse.json({ count: 0, results: [] })))
    renderApp({ config: platformConfig, route: '/', signedInAs: customer })
    await sleep(300)
    expect(FakeWebSocket.instances).toHaveLength(1)
    expect(ticketsIssuedCount()).toBe(1)
  })
})

describe('notification socket frames', () => {
  it('reads server messages and ignores anything else', () => {
    expect(parseServerMessage('{"type":"pong"}')).toEqual({ type: 'pong' })
    expect(parseServerMessage('{"type":"order.status","order_id":3,"number":"1003","status":"shipped"}')).toEqual({
      type: 'order.status',
      order_id: 3,
      number: '1003',
      status: 'shipped',
      note: '',
      tracking_number: null,
    })
    expect(parseServerMessage('{"type":"order.status","number":"1003"}')).toBeNull()
    expect(parseServerMessage('not json')).toBeNull()
    expect(parseServerMessage('{"type":"promo"}')).toBeNull()
    expect(parseServerMessage('{"type":"pruned","through":40}')).toEqual({ type: 'pruned', through: 40 })
    expect(parseServerMessage('{"type":"pruned"}')).toBeNull()
  })
})
