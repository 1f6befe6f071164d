import type { ServerMessage } from './types'

/* The notification socket's frames; the socket itself is lib/reconnectingSocket. */

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
    case 'pruned':
      return typeof message.through === 'number' ? { type: 'pruned', through: message.through } : null
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
