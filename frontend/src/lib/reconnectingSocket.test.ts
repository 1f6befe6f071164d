import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { FakeWebSocket } from '../test/fakeWebSocket'
import {
  reconnectDelay,
  sameHostSocketUrl,
  startReconnectingSocket,
  type ReconnectingSocket,
  type SocketState,
  type TicketOutcome,
} from './reconnectingSocket'

interface Frame {
  type: string
  seq?: number
}

const parse = (data: unknown): Frame | null => {
  try {
    const frame = JSON.parse(String(data)) as Frame
    return typeof frame.type === 'string' ? frame : null
  } catch {
    return null
  }
}

/** Lets the ticket promise and what follows it run (fake timers do not move by themselves). */
const settle = () => vi.advanceTimersByTimeAsync(0)

let started: ReconnectingSocket | undefined

beforeEach(() => {
  vi.useFakeTimers()
})

afterEach(() => {
  started?.stop()
  started = undefined
  vi.useRealTimers()
})

/**
 * A caller like the notification and chat sockets: tickets ticket-1, ticket-2… (or the outcomes
 * given), remembers the highest number it saw and, on every reconnection, asks for what came after.
 */
function start(outcomes: TicketOutcome[] = []) {
  const states: SocketState[] = []
  const frames: Frame[] = []
  const accepted: boolean[] = []
  let issued = 0
  let lastSeen = 0
  started = startReconnectingSocket<Frame>({
    async getTicket() {
      issued += 1
      return outcomes.shift() ?? { url: `/ws/test/?ticket=ticket-${issued}` }
    },
    parse,
    onState: (state) => states.push(state),
    onAccepted({ reconnected }, send) {
      accepted.push(reconnected)
      if (reconnected) send({ type: 'resume', after: lastSeen })
    },
    onFrame(frame) {
      frames.push(frame)
      if (typeof frame.seq === 'number') lastSeen = Math.max(lastSeen, frame.seq)
    },
  })
  return { socket: started, states, frames, accepted, issued: () => issued }
}

const ticketOf = (ws: FakeWebSocket) => new URL(ws.url).searchParams.get('ticket')

describe('the reconnecting socket', () => {
  it('backs off 1 s, 2 s, 4 s … up to 30 s', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 50].map(reconnectDelay)).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000])
  })

  it('opens on the page host, wss: under https', () => {
    expect(sameHostSocketUrl('/ws/notifications/?ticket=abc', { protocol: 'http:', host: 'acme.localhost:8000' })).toBe(
      'ws://acme.localhost:8000/ws/notifications/?ticket=abc',
    )
    expect(sameHostSocketUrl('ws/support/', { protocol: 'https:', host: 'acme.shopyard.test' })).toBe(
      'wss://acme.shopyard.test/ws/support/',
    )
  })

  it('reconnects after unexpected closes with backoff, on a fresh ticket each time', async () => {
    const run = start()
    await settle()
    const first = FakeWebSocket.latest()
    expect(ticketOf(first)).toBe('ticket-1')
    first.serverAccept()
    expect(run.states).toEqual(['connecting', 'open'])

    first.serverClose(1006)
    expect(run.states.at(-1)).toBe('reconnecting')
    await vi.advanceTimersByTimeAsync(999)
    expect(FakeWebSocket.instances).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(1)
    const second = FakeWebSocket.latest()
    expect(ticketOf(second)).toBe('ticket-2')

    // refused before being accepted (ticket spent or expired): the wait doubles
    second.serverClose(4401)
    await vi.advanceTimersByTimeAsync(1_999)
    expect(FakeWebSocket.instances).toHaveLength(2)
    await vi.advanceTimersByTimeAsync(1)
    const third = FakeWebSocket.latest()
    expect(ticketOf(third)).toBe('ticket-3')

    // accepted: the backoff starts again at 1 s
    third.serverAccept()
    third.serverClose(1011)
    await vi.advanceTimersByTimeAsync(1_000)
    expect(ticketOf(FakeWebSocket.latest())).toBe('ticket-4')
    expect(FakeWebSocket.live()).toEqual([FakeWebSocket.latest()])
  })

  it('retries when no ticket could be had, and gives up when it is refused for good', async () => {
    const run = start([{ error: 'retry' }, { error: 'stop' }])
    await settle()
    expect(FakeWebSocket.instances).toHaveLength(0)
    expect(run.states).toEqual(['connecting', 'reconnecting'])
    await vi.advanceTimersByTimeAsync(1_000)
    expect(run.states.at(-1)).toBe('stopped')
    await vi.advanceTimersByTimeAsync(60_000)
    expect(run.issued()).toBe(2)
    expect(FakeWebSocket.instances).toHaveLength(0)
  })

  it.each([4403, 4404])('stops for good on close code %i', async (code) => {
    const run = start()
    await settle()
    FakeWebSocket.latest().serverAccept()
    FakeWebSocket.latest().serverClose(code)
    expect(run.states.at(-1)).toBe('stopped')
    await vi.advanceTimersByTimeAsync(60_000)
    expect(FakeWebSocket.instances).toHaveLength(1)
  })

  it('resubscribes from the last number it saw after each reconnection, on the new socket only', async () => {
    const run = start()
    await settle()
    const first = FakeWebSocket.latest()
    first.serverAccept()
    first.serverSend({ type: 'notification', seq: 6 })
    first.serverSend({ type: 'notification', seq: 7 })
    expect(first.sent).toEqual([]) // a first connection asks for nothing
    first.serverClose(1006)

    await vi.advanceTimersByTimeAsync(1_000)
    const second = FakeWebSocket.latest()
    second.serverAccept()
    expect(run.accepted).toEqual([false, true])
    expect(second.sent).toEqual([{ type: 'resume', after: 7 }])
    second.serverSend({ type: 'notification', seq: 9 })
    second.serverClose(1006)

    await vi.advanceTimersByTimeAsync(2_000)
    const third = FakeWebSocket.latest()
    third.serverAccept()
    expect(third.sent).toEqual([{ type: 'resume', after: 9 }])
    expect(run.frames.map((f) => f.type)).toEqual(['hello', 'notification', 'notification', 'hello', 'notification', 'hello'])
  })

  it('pings every 25 s and replaces a connection that stopped answering', async () => {
    start()
    await settle()
    const first = FakeWebSocket.latest()
    first.serverAccept()
    await vi.advanceTimersByTimeAsync(25_000)
    expect(first.sent).toEqual([{ type: 'ping' }])
    first.serverSend({ type: 'pong' })
    await vi.advanceTimersByTimeAsync(25_000)
    expect(first.sent).toHaveLength(2)
    await vi.advanceTimersByTimeAsync(25_000) // no pong this time
    expect(first.closedByClientWith).toBe(4000)
    await vi.advanceTimersByTimeAsync(1_000)
    expect(ticketOf(FakeWebSocket.latest())).toBe('ticket-2')
  })

  it('sends only while open, ignores a dropped socket, and stop() cancels a pending reconnect', async () => {
    const run = start()
    await settle()
    const first = FakeWebSocket.latest()
    expect(run.socket.send({ type: 'x' })).toBe(false)
    first.serverAccept()
    expect(run.socket.send({ type: 'x' })).toBe(true)
    expect(first.sent).toEqual([{ type: 'x' }])
    first.serverClose(1006)
    run.socket.stop()
    await vi.advanceTimersByTimeAsync(60_000)
    expect(FakeWebSocket.instances).toHaveLength(1)
    expect(run.socket.send({ type: 'x' })).toBe(false)
  })
})
