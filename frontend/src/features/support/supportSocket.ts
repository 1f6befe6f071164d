import type { ConnectionState, ServerFrame } from './types'

/** Closes after which reconnecting cannot help: shop suspended or role refused, unknown shop. */
const FINAL_CLOSE_CODES = new Set([4403, 4404])
export const PING_INTERVAL_MS = 25_000

export function reconnectDelay(attempt: number): number {
  return Math.min(30_000, 1_000 * 2 ** Math.min(Math.max(attempt, 0), 16))
}

export function socketUrl(path: string, where: Pick<Location, 'protocol' | 'host'> = window.location): string {
  const scheme = where.protocol === 'https:' ? 'wss:' : 'ws:'
  return `${scheme}//${where.host}${path.startsWith('/') ? path : `/${path}`}`
}

export type TicketOutcome = { url: string } | { error: 'retry' | 'stop' }

export function parseFrame(data: unknown): ServerFrame | null {
  if (typeof data !== 'string') return null
  try {
    const frame = JSON.parse(data) as { type?: unknown }
    return frame && typeof frame === 'object' && typeof frame.type === 'string' ? (frame as ServerFrame) : null
  } catch {
    return null
  }
}

export interface SupportSocketOptions {
  getTicket: () => Promise<TicketOutcome>
  onFrame: (frame: ServerFrame) => void
  onState: (state: ConnectionState) => void
}

export interface SupportSocket {
  /** False when not connected (the caller then uses the HTTP API, which stores the same way). */
  send: (frame: Record<string, unknown>) => boolean
  stop: () => void
}

/**
 * One support socket: a fresh single-use ticket per connection, a ping every 25 s (a socket that
 * missed its pong is dropped), reconnects with backoff. Each "hello" means (re)connected: the
 * caller subscribes again with the last message number it holds and gets what it missed.
 */
export function startSupportSocket({ getTicket, onFrame, onState }: SupportSocketOptions): SupportSocket {
  let stopped = false
  let socket: WebSocket | null = null
  let attempt = 0
  let retryTimer: ReturnType<typeof setTimeout> | undefined
  let pingTimer: ReturnType<typeof setInterval> | undefined
  let awaitingPong = false

  function drop(code = 1000) {
    const current = socket
    socket = null
    clearInterval(pingTimer)
    if (current && current.readyState < 2) current.close(code)
  }

  function retry() {
    if (stopped) return
    onState('reconnecting')
    clearTimeout(retryTimer)
    retryTimer = setTimeout(() => void connect(), reconnectDelay(attempt))
    attempt += 1
  }

  function giveUp() {
    stopped = true
    clearTimeout(retryTimer)
    drop()
    onState('stopped')
  }

  async function connect() {
    if (stopped) return
    onState('connecting')
    let ticket: TicketOutcome
    try {
      ticket = await getTicket()
    } catch {
      ticket = { error: 'retry' }
    }
    if (stopped) return
    if ('error' in ticket) {
      if (ticket.error === 'stop') giveUp()
      else retry()
      return
    }
    drop()
    let ws: WebSocket
    try {
      ws = new WebSocket(socketUrl(ticket.url))
    } catch {
      retry()
      return
    }
    socket = ws
    ws.addEventListener('open', () => {
      if (socket !== ws) return
      awaitingPong = false
      pingTimer = setInterval(() => {
        if (socket !== ws) return
        if (awaitingPong) {
          drop(4000)
          retry()
          return
        }
        awaitingPong = true
        ws.send(JSON.stringify({ type: 'ping' }))
      }, PING_INTERVAL_MS)
    })
    ws.addEventListener('message', (event: MessageEvent) => {
      if (socket !== ws) return
      awaitingPong = false
      const frame = parseFrame(event.data)
      if (!frame) return
      if (frame.type === 'hello') {
        attempt = 0
        onState('open')
      }
      onFrame(frame)
    })
    ws.addEventListener('close', (event: CloseEvent) => {
      if (socket !== ws) return
      socket = null
      clearInterval(pingTimer)
      if (stopped) return
      if (FINAL_CLOSE_CODES.has(event.code)) giveUp()
      else retry()
    })
  }

  void connect()

  return {
    send(frame) {
      if (!socket || socket.readyState !== 1) return false
      socket.send(JSON.stringify(frame))
      return true
    },
    stop() {
      stopped = true
      clearTimeout(retryTimer)
      drop()
    },
  }
}
