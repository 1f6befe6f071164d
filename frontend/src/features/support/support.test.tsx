import { act, screen, waitFor, within } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { FakeWebSocket } from '../../test/fakeWebSocket'
import { owner, shopConfig } from '../../test/fixtures'
import { server } from '../../test/server'
import { renderApp } from '../../test/test-utils'
import { lastFromOtherSide, markRead, mergeMessages, upsertConversation } from './chatModel'
import { loadGuestChat } from './guestStore'
import type { ChatMessage, Conversation } from './types'

function message(seq: number, side: 'shopper' | 'staff', body: string, conversation = 7): ChatMessage {
  return {
    id: 100 + seq, conversation, seq, side, body, author_name: side === 'staff' ? 'Sam' : 'Gwen',
    created_at: `2026-01-01T10:0${seq}:00Z`, read_at: null,
  }
}

function conversation(id: number, extra: Partial<Conversation> = {}): Conversation {
  return {
    id, subject: `Question ${id}`, status: 'open', name: `Shopper ${id}`, email: `s${id}@example.com`, is_guest: true,
    assignee: null, last_seq: 1, shopper_read_seq: 1, staff_read_seq: 0, shopper_unread: 0, staff_unread: 1,
    created_at: '2026-01-01T10:00:00Z', last_activity_at: `2026-01-01T10:0${id % 10}:00Z`,
    last_message: { side: 'shopper', body: `Hello from ${id}` }, ...extra,
  }
}

/** The support chat's own sockets (the page also opens a notifications socket of its own). */
function supportSockets() {
  return FakeWebSocket.instances.filter((socket) => socket.url.includes('/ws/support/'))
}

async function socketNumber(n: number) {
  await waitFor(() => expect(supportSockets()).toHaveLength(n))
  return supportSockets()[n - 1]
}

describe('chat model', () => {
  it('keeps one message per number, in order, whether it came by replay or push', () => {
    const merged = mergeMessages([message(2, 'staff', 'b')], [message(1, 'shopper', 'a'), message(2, 'staff', 'b')])
    expect(merged.map((m) => m.seq)).toEqual([1, 2])
  })

  it('marks only our messages read by the other side, up to the number they read', () => {
    const list = [message(1, 'shopper', 'a'), message(2, 'staff', 'b'), message(3, 'shopper', 'c')]
    const read = markRead(list, 'staff', 1, 'now')
    expect(read.map((m) => m.read_at)).toEqual(['now', null, null])
    expect(lastFromOtherSide(list, 'shopper')).toBe(2)
  })

  it('puts the conversation with the newest activity first', () => {
    const list = [conversation(2), conversation(1)]
    expect(upsertConversation(list, conversation(1, { last_activity_at: '2026-01-02T00:00:00Z' })).map((c) => c.id))
      .toEqual([1, 2])
  })
})

describe('the shopper’s chat widget', { timeout: 30_000 }, () => {
  it('lets a guest leave an e-mail, write, and see the answer arrive live', async () => {
    let opened: unknown
    server.use(
      http.get('/api/catalog/products/', () => HttpResponse.json({ count: 0, next: null, previous: null, results: [] })),
      http.post('/api/support/conversations/', async ({ request }) => {
        opened = await request.json()
        return HttpResponse.json(
          { conversation: conversation(7), messages: [message(1, 'shopper', 'Is it wool?')], guest_token: '7.secret' },
          { status: 201 },
        )
      }),
      http.get('/api/support/conversations/7/', ({ request }) =>
        request.headers.get('X-Support-Token') === '7.secret'
          ? HttpResponse.json({ conversation: conversation(7), messages: [message(1, 'shopper', 'Is it wool?')] })
          : HttpResponse.json({ error: { code: 'conversation_not_found', message: 'No.', fields: {} } }, { status: 404 }),
      ),
      http.post('/api/support/ticket/', ({ request }) =>
        HttpResponse.json(
          { ticket: 't1', expires_in: 60, url: `/ws/support/?ticket=t1&who=${request.headers.get('X-Support-Token')}` },
          { status: 201 },
        ),
      ),
    )
    const { user } = renderApp({ config: shopConfig, route: '/' })
    await user.click(await screen.findByRole('button', { name: 'Chat with us' }))
    const panel = await screen.findByRole('dialog', { name: 'Chat with Acme' })
    expect(within(panel).getByText('Nobody is online right now.')).toBeInTheDocument()

    await user.type(within(panel).getByLabelText('Your name'), 'Gwen')
    await user.type(within(panel).getByLabelText('Your e-mail'), 'gwen@example.com')
    await user.type(within(panel).getByLabelText('How can we help?'), 'Is it wool?')
    await user.click(within(panel).getByRole('button', { name: 'Start chat' }))
    expect(opened).toEqual({ name: 'Gwen', email: 'gwen@example.com', body: 'Is it wool?' })

    const socket = await socketNumber(1)
    expect(socket.url).toContain('who=7.secret')
    expect(loadGuestChat()).toEqual({ conversation: 7, token: '7.secret' })
    act(() => socket.serverAccept({ type: 'hello', role: 'guest', conversation: 7, staff_online: true, reply_within_hours: null, text: 'Online' }))
    await waitFor(() => expect(socket.sent).toContainEqual({ type: 'subscribe', conversation: 7, after: 1 }))
    act(() => socket.serverSend({ type: 'replayed', conversation: 7, last_seq: 1 }))

    const log = within(panel).getByRole('log', { name: 'Messages' })
    expect(within(log).getByText('Is it wool?')).toBeInTheDocument()
    act(() => socket.serverSend({ type: 'typing', conversation: 7, side: 'staff' }))
    expect(await within(panel).findByText('Support is typing…')).toBeInTheDocument()
    act(() => socket.serverSend({ type: 'read', conversation: 7, side: 'staff', seq: 1, at: '2026-01-01T10:05:00Z' }))
    expect(await within(log).findByText(/Seen/)).toBeInTheDocument()
    act(() => socket.serverSend({ type: 'message', message: message(2, 'staff', 'Yes, merino.') }))
    expect(await within(log).findByText('Yes, merino.')).toBeInTheDocument()
    expect(within(panel).queryByText('Support is typing…')).not.toBeInTheDocument()
    // on screen, so read: the receipt goes back
    await waitFor(() => expect(socket.sent).toContainEqual({ type: 'read', conversation: 7, seq: 2 }))

    const box = within(panel).getByLabelText('Your message')
    await user.type(box, 'Thanks!{Enter}')
    await waitFor(() =>
      expect(socket.sent).toContainEqual(expect.objectContaining({ type: 'message', conversation: 7, body: 'Thanks!' })),
    )
    expect(within(log).getByText('Sending…')).toBeInTheDocument()
    const sent = socket.sent.find((f) => (f as { type: string }).type === 'message') as { client_id: string }
    act(() => socket.serverSend({ type: 'ack', conversation: 7, client_id: sent.client_id, id: 103, seq: 3 }))
    act(() => socket.serverSend({ type: 'message', message: message(3, 'shopper', 'Thanks!') }))
    await waitFor(() => expect(within(log).queryByText('Sending…')).not.toBeInTheDocument())
    expect(within(log).getAllByText('Thanks!')).toHaveLength(1)

    // reconnecting asks for what came after the last number held
    act(() => socket.serverClose(1006))
    const again = await socketNumber(2)
    act(() => again.serverAccept({ type: 'hello', role: 'guest', conversation: 7, staff_online: true, reply_within_hours: null, text: '' }))
    await waitFor(() => expect(again.sent).toContainEqual({ type: 'subscribe', conversation: 7, after: 3 }))
  })

  it('refuses a guest without an e-mail, showing the server’s reasons by the fields', async () => {
    server.use(
      http.get('/api/catalog/products/', () => HttpResponse.json({ count: 0, next: null, previous: null, results: [] })),
      http.post('/api/support/conversations/', () =>
        HttpResponse.json(
          { error: { code: 'contact_invalid', message: 'We need a way to answer you.', fields: { email: ['Enter a valid e-mail address, so we can answer you.'] } } },
          { status: 400 },
        ),
      ),
    )
    const { user } = renderApp({ config: shopConfig, route: '/' })
    await user.click(await screen.findByRole('button', { name: 'Chat with us' }))
    await user.type(await screen.findByLabelText('How can we help?'), 'Hello')
    await user.click(screen.getByRole('button', { name: 'Start chat' }))
    expect(await screen.findByText('Enter a valid e-mail address, so we can answer you.')).toBeInTheDocument()
    expect(screen.getByLabelText('Your e-mail')).toHaveAttribute('aria-invalid', 'true')
    expect(supportSockets()).toHaveLength(0)
  })
})

describe('the support inbox', { timeout: 30_000 }, () => {
  it('lists conversations with unread counts and adds new ones live', async () => {
    server.use(
      http.get('/api/dashboard/support/conversations/', () =>
        HttpResponse.json({ count: 1, next: null, previous: null, results: [conversation(1, { staff_unread: 2 })] }),
      ),
      http.post('/api/dashboard/support/ticket/', () =>
        HttpResponse.json({ ticket: 's1', expires_in: 60, url: '/ws/support/?ticket=s1' }, { status: 201 }),
      ),
      http.get('/api/dashboard/overview/', () => HttpResponse.json({})),
    )
    renderApp({ config: shopConfig, route: '/dashboard/support', signedInAs: owner })
    const list = await screen.findByRole('navigation', { name: 'Conversations' })
    const first = await within(list).findByRole('link', { name: /Shopper 1/ })
    expect(first).toHaveTextContent('Shopper 12 unread')
    const socket = await socketNumber(1)
    act(() => socket.serverAccept({ type: 'hello', role: 'staff', conversation: null, staff_online: true, reply_within_hours: null, text: '' }))
    act(() => socket.serverSend({ type: 'conversation', conversation: conversation(2, { last_activity_at: '2026-01-03T00:00:00Z' }) }))
    await waitFor(() =>
      expect(within(list).getAllByRole('link').map((a) => a.textContent)).toEqual([
        expect.stringContaining('Shopper 2'),
        expect.stringContaining('Shopper 1'),
      ]),
    )
  })
})
