import type { ConnectionState, ServerMessage } from './types'

/** Close codes the server uses (realtime/consumers.py, tenants/asgi.py). */
export const CLOSE_BAD_TICKET = 4401
export const CLOSE_SHOP_SUSPENDED = 4403
export const CLOSE_UNKNOWN_SHOP = 4404
/** Closes after which reconnecting cannot help. */
const FINAL_CLOSE_CODES = new Set([CLOSE_SHOP_SUSPENDED, CLOSE_UNKNOWN_SHOP])

export const RECONNECT_BASE_MS = 1_000
export const RECONNECT_MAX_MS = 30_000
/** A ping this often; a connection that has not answered the previous one by then is dropped. */
export const PING_INTERVAL_MS = 25_000

/** 1 s, 2 s, 4 s … at most 30 s, for the 0-based retry `attempt`. */
export function reconnectDelay(attempt: number): number {
  return Math.min(RECONNECT_MAX_MS, RECONNECT_BASE_MS * 2 ** Math.min(Math.max(attempt, 0), 16))
}

/** `ws://host/ws/notifications/?ticket=…` on this page's own host (`wss:` under https). */
export function notificationSocketUrl(path: string, where: Pick<Location, 'protocol' | 'host'> = window.location): string {
  const scheme = where.protocol === 'https:' ? 'wss:' : 'ws:'
  return `${scheme}//${where.host}${path.startsWith('/') ? path : `/${path}`}`
}

/** A ticket's socket path, or whether to try again later ('retry') or give up ('stop'). */
export type TicketOutcome = { url: string } | { error: 'retry' | 'stop' }

export interface NotificationSocketOptions {
  /** Asks the server for a fresh single-use ticket (every connection needs its own). */
  getTicket: () => Promise<TicketOutcome>
  onMessage: (message: ServerMessage, send: SendFrame) => void
  onStateChange: (state: ConnectionState) => void
  /**
   * Called when a connection is accepted again after an earlier one was lost: whatever was
   * sent meanwhile never arrived, so what the page shows must be fetched again.
   */
  onReconnected?: () => void
}

const str = (value: unknown): string => (typeof value === 'string' ? value : '')
const isId = (value: unknown) => typeof value === 'number' || typeof value === 'string'

/** Parses a frame from the server; anything unexpected is ignored. */
export function parseServerMessage(data: unknown): ServerMessage | null {
  if (typeof data !== 'string') return null
  let parsed: unknown
  try {
    parsed = JSON.parse(data)
  } catch {
    return null
  }
  if (!parsed || typeof parsed !== 'object') return null
  const message = parsed as Record<string, unknown>
  switch (message.type) {
    case 'hello':
      return {
        type: 'hello',
        shop: str(message.shop),
        user: typeof message.user === 'string' ? message.user : null,
        visitor: message.visitor === true,
        last_seq: typeof message.last_seq === 'number' ? message.last_seq : 0,
        unread: typeof message.unread === 'number' ? message.unread : 0,
        feed: Array.isArray(message.feed) ? message.feed.filter((a): a is string => typeof a === 'string') : [],
      }
    case 'pong':
      return { type: 'pong' }
    case 'order.status': {
      if (!isId(message.order_id) || typeof message.status !== 'string') return null
      return {
        type: 'order.status',
        order_id: message.order_id as number | string,
        number: typeof message.number === 'string' ? message.number : String(message.order_id),
        status: message.status,
        note: str(message.note),
        tracking_number: typeof message.tracking_number === 'string' ? message.tracking_number : null,
      }
    }
    case 'notification': {
      if (typeof message.seq !== 'number' || !isId(message.id) || typeof message.title !== 'string') return null
      return {
        type: 'notification',
        id: message.id as number,
        seq: message.seq,
        kind: str(message.kind),
        title: message.title,
        body: str(message.body),
        link: str(message.link),
        data: message.data && typeof message.data === 'object' ? (message.data as Record<string, unknown>) : {},
        created_at: str(message.created_at),
        read: message.read === true,
      }
    }
    case 'resumed':
      return typeof message.last_seq === 'number' ? { type: 'resumed', last_seq: message.last_seq } : null
    case 'promotion':
      if (typeof message.title !== 'string') return null
      return { type: 'promotion', id: isId(message.id) ? (message.id as number) : 0, title: message.title, body: str(message.body), link: str(message.link) }
    case 'feed': {
      const item = message.item as Record<string, unknown> | undefined
      if (!item || typeof item.id !== 'number' || typeof item.title !== 'string') return null
      return { type: 'feed', item: { id: item.id, kind: str(item.kind), area: str(item.area), title: item.title, link: str(item.link), created_at: str(item.created_at) } }
    }
    case 'error':
      return { type: 'error', code: str(message.code), message: str(message.message) }
    default:
      return null
  }
}

/** Sends one frame on the open socket (dropped silently while none is open). */
export type SendFrame = (frame: Record<string, unknown>) => void

/**
 * Keeps one notification socket open: each connection with a fresh ticket, reconnecting with
 * backoff after unexpected closes, giving up on 4403/4404 (or when a ticket is refused for good).
 * Returns `stop`, which closes the socket and cancels any pending reconnect.
 */
export function startNotificationSocket({
  getTicket,
  onMessage,
  onStateChange,
  onReconnected,
}: NotificationSocketOptions): () => void {
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
    onStateChange('stopped')
  }

  function scheduleReconnect() {
    if (stopped) return
    onStateChange('reconnecting')
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
    onStateChange('connecting')
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
      ws = new WebSocket(notificationSocketUrl(ticket.url))
    } catch {
      scheduleReconnect()
      return
    }
    socket = ws
    ws.addEventListener('open', () => {
      if (socket === ws) startHeartbeat(ws)
    })
    ws.addEventListener('message', (event: MessageEvent) => {
      if (socket !== ws) return
      awaitingPong = false
      const message = parseServerMessage(event.data)
      if (!message) return
      if (message.type === 'hello') {
        // Connected and accepted: the next unexpected close starts the backoff again at 1 s.
        attempt = 0
        onStateChange('open')
        if (acceptedBefore) onReconnected?.()
        acceptedBefore = true
      }
      onMessage(message, (frame) => {
        if (socket === ws && ws.readyState === 1) ws.send(JSON.stringify(frame))
      })
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

  return () => {
    if (stopped) return
    stopped = true
    clearTimers()
    dropSocket()
  }
}
