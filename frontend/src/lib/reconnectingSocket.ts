/**
 * One WebSocket kept open on a shop's host, for every feature that has one (notifications,
 * support chat): each connection on a fresh single-use ticket, a ping every 25 s (a connection
 * that did not answer the previous one is dropped), reconnecting with backoff after unexpected
 * closes, giving up on the close codes after which reconnecting cannot help.
 *
 * The server greets every accepted connection ("hello"); `onAccepted` hears it first with
 * whether an earlier connection was lost, so the caller can subscribe again from the last
 * number it has — whatever was pushed meanwhile never arrived.
 */

export const RECONNECT_BASE_MS = 1_000
export const RECONNECT_MAX_MS = 30_000
/** A ping this often; a connection that has not answered the previous one by then is dropped. */
export const PING_INTERVAL_MS = 25_000
/** Shop suspended (or role refused), unknown shop: realtime/consumers.py, tenants/asgi.py. */
export const FINAL_CLOSE_CODES: ReadonlySet<number> = new Set([4403, 4404])

export type SocketState = 'connecting' | 'open' | 'reconnecting' | 'stopped'

/** A ticket's socket path, or whether to try again later ('retry') or give up ('stop'). */
export type TicketOutcome = { url: string } | { error: 'retry' | 'stop' }

/** Sends one frame on the connection it was given for (dropped once that one is gone). */
export type SendFrame = (frame: Record<string, unknown>) => void

/** 1 s, 2 s, 4 s … at most 30 s, for the 0-based retry `attempt`. */
export function reconnectDelay(attempt: number): number {
  return Math.min(RECONNECT_MAX_MS, RECONNECT_BASE_MS * 2 ** Math.min(Math.max(attempt, 0), 16))
}

/** `ws://host/ws/…` on this page's own host (`wss:` under https). */
export function sameHostSocketUrl(path: string, where: Pick<Location, 'protocol' | 'host'> = window.location): string {
  const scheme = where.protocol === 'https:' ? 'wss:' : 'ws:'
  return `${scheme}//${where.host}${path.startsWith('/') ? path : `/${path}`}`
}

export interface ReconnectingSocketOptions<F extends { type: string }> {
  /** Asks the server for a fresh single-use ticket (every connection needs its own). */
  getTicket: () => Promise<TicketOutcome>
  /** Reads a frame from the server; null: ignored. */
  parse: (data: unknown) => F | null
  onFrame: (frame: F, send: SendFrame) => void
  onState: (state: SocketState) => void
  /** The server accepted a connection (its "hello", before `onFrame` gets it). */
  onAccepted?: (info: { reconnected: boolean }, send: SendFrame) => void
}

export interface ReconnectingSocket {
  /** Sends on the open connection; false when none is open. */
  send: (frame: Record<string, unknown>) => boolean
  /** Closes the connection and cancels any pending reconnect. */
  stop: () => void
}

export function startReconnectingSocket<F extends { type: string }>({
  getTicket,
  parse,
  onFrame,
  onState,
  onAccepted,
}: ReconnectingSocketOptions<F>): ReconnectingSocket {
  let stopped = false
  let acceptedBefore = false
  let socket: WebSocket | null = null
  let attempt = 0
  let retryTimer: ReturnType<typeof setTimeout> | undefined
  let pingTimer: ReturnType<typeof setInterval> | undefined
  let awaitingPong = false

  function clearTimers() {
    clearTimeout(retryTimer)
    retryTimer = undefined
    clearInterval(pingTimer)
    pingTimer = undefined
  }

  /** Forgets the current socket (its late events are ignored) and closes it. */
  function dropSocket(code = 1000) {
    const current = socket
    socket = null
    clearInterval(pingTimer)
    pingTimer = undefined
    // 0 CONNECTING, 1 OPEN: closing a connecting socket abandons it.
    if (current && current.readyState < 2) current.close(code)
  }

  function giveUp() {
    stopped = true
    clearTimers()
    dropSocket()
    onState('stopped')
  }

  function scheduleReconnect() {
    if (stopped) return
    onState('reconnecting')
    clearTimeout(retryTimer)
    retryTimer = setTimeout(() => {
      retryTimer = undefined
      void connect()
    }, reconnectDelay(attempt))
    attempt += 1
  }

  function startHeartbeat(ws: WebSocket) {
    awaitingPong = false
    clearInterval(pingTimer)
    pingTimer = setInterval(() => {
      if (socket !== ws) return
      if (awaitingPong) {
        // No answer to the last ping: the connection is dead without having said so.
        dropSocket(4000)
        scheduleReconnect()
        return
      }
      awaitingPong = true
      try {
        ws.send(JSON.stringify({ type: 'ping' }))
      } catch {
        // Closing already; its close event schedules the reconnect.
      }
    }, PING_INTERVAL_MS)
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
      else scheduleReconnect()
      return
    }

    // Never two at once, whatever happened before.
    dropSocket()
    let ws: WebSocket
    try {
      ws = new WebSocket(sameHostSocketUrl(ticket.url))
    } catch {
      scheduleReconnect()
      return
    }
    socket = ws
    const send: SendFrame = (frame) => {
      if (socket === ws && ws.readyState === 1) ws.send(JSON.stringify(frame))
    }
    ws.addEventListener('open', () => {
      if (socket === ws) startHeartbeat(ws)
    })
    ws.addEventListener('message', (event: MessageEvent) => {
      if (socket !== ws) return
      awaitingPong = false
      const frame = parse(event.data)
      if (!frame) return
      if (frame.type === 'hello') {
        // Connected and accepted: the next unexpected close starts the backoff again at 1 s.
        attempt = 0
        onState('open')
        onAccepted?.({ reconnected: acceptedBefore }, send)
        acceptedBefore = true
      }
      onFrame(frame, send)
    })
    ws.addEventListener('close', (event: CloseEvent) => {
      if (socket !== ws) return
      socket = null
      clearInterval(pingTimer)
      pingTimer = undefined
      if (stopped) return
      if (FINAL_CLOSE_CODES.has(event.code)) giveUp()
      // 4401 (ticket refused or expired) and every other close: a new ticket, after the backoff.
      else scheduleReconnect()
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
      if (stopped) return
      stopped = true
      clearTimers()
      dropSocket()
    },
  }
}
