import { act, screen, waitFor, within } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { FakeWebSocket } from '../../test/fakeWebSocket'
import { customer, shopConfig } from '../../test/fixtures'
import { server, visitorIdsSent } from '../../test/server'
import { renderApp } from '../../test/test-utils'
import type { InboxNotification } from './types'

const emptyCatalog = () =>
  server.use(http.get('/api/catalog/products/', () => HttpResponse.json({ count: 0, next: null, previous: null, results: [] })))

function item(seq: number, fields: Partial<InboxNotification> = {}): InboxNotification {
  return {
    id: 100 + seq,
    seq,
    kind: 'promotion',
    title: `Notification ${seq}`,
    body: '',
    link: '',
    data: {},
    created_at: '2026-12-01T10:00:00Z',
    read: false,
    ...fields,
  }
}

/** A fake inbox on the server: the list, the counts and "mark read" change it as the real one does. */
function fakeInbox(initial: InboxNotification[]) {
  const items = [...initial]
  const marked: unknown[] = []
  const state = () => ({ unread: items.filter((n) => !n.read).length, last_seq: Math.max(0, ...items.map((n) => n.seq)) })
  server.use(
    http.get('/api/notifications/', () =>
      HttpResponse.json({ count: items.length, next: null, previous: null, results: [...items].sort((a, b) => b.seq - a.seq) }),
    ),
    http.get('/api/notifications/state/', () => HttpResponse.json(state())),
    http.post('/api/notifications/read/', async ({ request }) => {
      const body = (await request.json()) as { ids?: number[]; all?: boolean }
      marked.push(body)
      for (const n of items) if (body.all || body.ids?.includes(n.id)) n.read = true
      return HttpResponse.json(state())
    }),
  )
  return { items, marked, add: (n: InboxNotification) => items.push(n) }
}

async function socketNumber(count: number) {
  await waitFor(() => expect(FakeWebSocket.instances).toHaveLength(count))
  return FakeWebSocket.instances[count - 1]
}

const bell = () => screen.getByRole('button', { name: /^Notifications/ })
const toasts = () => screen.getByRole('status', { name: 'Notifications' })

describe('the inbox', { timeout: 30_000 }, () => {
  it('shows the unread count on the bell, lists the inbox and marks read', async () => {
    emptyCatalog()
    const inbox = fakeInbox([item(1, { read: true, title: 'Older one' }), item(2, { title: 'Spring sale', body: '10 % off' })])
    const { user } = renderApp({ config: shopConfig, route: '/', signedInAs: customer })
    await waitFor(() => expect(bell()).toHaveAccessibleName('Notifications, 1 unread'))
    expect(bell()).toHaveAttribute('aria-expanded', 'false')

    await user.click(bell())
    const panel = await screen.findByRole('region', { name: 'Notifications' })
    const rows = await within(panel).findAllByRole('listitem')
    expect(rows.map((row) => row.textContent)).toEqual([expect.stringContaining('Spring sale'), expect.stringContaining('Older one')])
    expect(within(rows[0]).getByText('Unread:')).toBeInTheDocument()

    await user.click(within(panel).getByRole('button', { name: 'Mark as read: Spring sale' }))
    await waitFor(() => expect(bell()).toHaveAccessibleName('Notifications'))
    expect(inbox.marked).toEqual([{ ids: [102] }])

    // Escape closes the panel and gives the focus back to the bell.
    await user.keyboard('{Escape}')
    expect(screen.queryByRole('region', { name: 'Notifications' })).not.toBeInTheDocument()
    expect(bell()).toHaveFocus()
  })

  it('says so when the inbox is empty or cannot be loaded', async () => {
    emptyCatalog()
    server.use(http.get('/api/notifications/', () => HttpResponse.json({ error: { code: 'x', message: 'Down for a moment.', fields: {} } }, { status: 503 })))
    const { user } = renderApp({ config: shopConfig, route: '/', signedInAs: customer })
    await user.click(await screen.findByRole('button', { name: 'Notifications' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('Down for a moment.')
    fakeInbox([])
    await user.click(screen.getByRole('button', { name: 'Try again' }))
    expect(await screen.findByText('Nothing here yet')).toBeInTheDocument()
  })

  it('a live notification shows a toast, updates the bell, and is acknowledged', async () => {
    emptyCatalog()
    const inbox = fakeInbox([item(1, { read: true })])
    renderApp({ config: shopConfig, route: '/', signedInAs: customer })
    const socket = await socketNumber(1)
    act(() => socket.serverAccept({ type: 'hello', shop: 'acme', user: customer.email, visitor: false, last_seq: 1, unread: 0, feed: [] }))
    // the first connection needs no replay: the inbox is fetched
    expect(socket.sent).not.toContainEqual(expect.objectContaining({ type: 'resume' }))

    const live = item(2, { title: 'Order #1012 has shipped', body: 'Tracking number: RM1', link: '/account/orders/12', data: { order_id: 12 } })
    inbox.add(live)
    act(() => socket.serverSend({ type: 'notification', ...live }))
    expect(await within(toasts()).findByRole('link', { name: 'Order #1012 has shipped' })).toHaveAttribute('href', '/account/orders/12')
    expect(toasts()).toHaveTextContent('Tracking number: RM1')
    await waitFor(() => expect(bell()).toHaveAccessibleName('Notifications, 1 unread'))
    expect(socket.sent).toContainEqual({ type: 'seen', seq: 2 })

    // The same one again (pushed and replayed): no second toast.
    act(() => socket.serverSend({ type: 'notification', ...live }))
    expect(within(toasts()).getAllByRole('link')).toHaveLength(1)
  })

  it('asks for what it missed after a reconnect, and when a number is skipped', async () => {
    emptyCatalog()
    fakeInbox([])
    renderApp({ config: shopConfig, route: '/', signedInAs: customer })
    const first = await socketNumber(1)
    act(() => first.serverAccept({ type: 'hello', shop: 'acme', user: customer.email, visitor: false, last_seq: 4, unread: 0, feed: [] }))
    act(() => first.serverSend({ type: 'notification', ...item(5) }))
    // 7 without 6: 6 was dropped on the way; the replay brings both.
    act(() => first.serverSend({ type: 'notification', ...item(7) }))
    expect(first.sent).toContainEqual({ type: 'resume', after: 5 })
    act(() => first.serverSend({ type: 'notification', ...item(6) }))
    act(() => first.serverSend({ type: 'notification', ...item(7) }))
    act(() => first.serverSend({ type: 'resumed', last_seq: 7 }))
    await waitFor(() => expect(toasts()).toHaveTextContent('Notification 7'))
    expect(toasts()).toHaveTextContent('Notification 6')

    act(() => first.serverClose(1006))
    const second = await socketNumber(2)
    act(() => second.serverAccept({ type: 'hello', shop: 'acme', user: customer.email, visitor: false, last_seq: 9, unread: 2, feed: [] }))
    expect(second.sent).toContainEqual({ type: 'resume', after: 7 })
    act(() => second.serverSend({ type: 'notification', ...item(8, { title: 'While you were away' }) }))
    expect(await within(toasts()).findByText('While you were away')).toBeInTheDocument()
  })

  it('a resume from below what the shop still keeps is told so, and carries on from what is left', async () => {
    emptyCatalog()
    fakeInbox([])
    renderApp({ config: shopConfig, route: '/', signedInAs: customer })
    const first = await socketNumber(1)
    act(() => first.serverAccept({ type: 'hello', shop: 'acme', user: customer.email, visitor: false, last_seq: 4, unread: 0, feed: [] }))
    act(() => first.serverClose(1006))
    const second = await socketNumber(2)
    act(() => second.serverAccept({ type: 'hello', shop: 'acme', user: customer.email, visitor: false, last_seq: 52, unread: 2, feed: [] }))
    expect(second.sent).toEqual([{ type: 'resume', after: 4 }])
    // 5–50 are gone (the retention rule): what is left follows without a gap
    act(() => second.serverSend({ type: 'pruned', through: 50 }))
    act(() => second.serverSend({ type: 'notification', ...item(51) }))
    act(() => second.serverSend({ type: 'notification', ...item(52, { title: 'Still kept' }) }))
    act(() => second.serverSend({ type: 'resumed', last_seq: 52 }))
    expect(await within(toasts()).findByText('Still kept')).toBeInTheDocument()
    act(() => second.serverSend({ type: 'notification', ...item(53, { title: 'Live again' }) }))
    expect(await within(toasts()).findByText('Live again')).toBeInTheDocument()
    const resumes = second.sent.filter((frame) => (frame as { type: string }).type === 'resume')
    expect(resumes).toHaveLength(1)
    expect(second.sent).toContainEqual({ type: 'seen', seq: 53 })
  })

  it('a visitor sees a public promotion live', async () => {
    emptyCatalog()
    renderApp({ config: shopConfig, route: '/' })
    const socket = await socketNumber(1)
    expect(socket.url).toContain('ticket=visitor-1')
    act(() => socket.serverAccept({ type: 'hello', shop: 'acme', user: null, visitor: true, last_seq: 0, unread: 0, feed: [] }))
    act(() => socket.serverSend({ type: 'promotion', id: 3, title: 'Winter sale', body: 'Use code SNOW', link: '/?category=hats' }))
    expect(await within(toasts()).findByRole('link', { name: 'Winter sale' })).toHaveAttribute('href', '/?category=hats')
    expect(toasts()).toHaveTextContent('Use code SNOW')
    expect(socket.sent).not.toContainEqual(expect.objectContaining({ type: 'resume' }))
  })

  it('a visitor acknowledges a promotion shown and one opened, and stays the same visitor on reconnecting', async () => {
    emptyCatalog()
    const { user } = renderApp({ config: shopConfig, route: '/' })
    const first = await socketNumber(1)
    act(() => first.serverAccept({ type: 'hello', shop: 'acme', user: null, visitor: true, last_seq: 0, unread: 0, feed: [] }))
    act(() => first.serverSend({ type: 'promotion', id: 3, title: 'Winter sale', body: '', link: '/?category=hats' }))
    expect(first.sent).toEqual([{ type: 'promotion_seen', id: 3 }])
    await user.click(await within(toasts()).findByRole('link', { name: 'Winter sale' }))
    expect(first.sent).toEqual([{ type: 'promotion_seen', id: 3 }, { type: 'promotion_opened', id: 3 }])

    act(() => first.serverClose(1006))
    await socketNumber(2)
    expect(visitorIdsSent()).toEqual([null, 'visitor-id.signed'])
  })
})
