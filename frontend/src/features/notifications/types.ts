import type { SocketState } from '../../lib/reconnectingSocket'
import type { Id } from '../../types/commerce'

/** `POST /api/notifications/ws-ticket/`: a single-use ticket for opening one socket. */
export interface WsTicket {
  ticket: string
  expires_in: number
  /** Same-origin path, e.g. `/ws/notifications/?ticket=...`. */
  url: string
  /** A visitor's ticket (not signed in): public promotions only. */
  visitor?: boolean
  /** A visitor's signed id, sent back with the next ticket request (counted once in promotions). */
  visitor_id?: string | null
}

export interface HelloMessage {
  type: 'hello'
  shop: string
  user: string | null
  visitor: boolean
  /** The highest notification number stored for this person. */
  last_seq: number
  unread: number
  /** Dashboard areas whose live feed this socket hears (staff only). */
  feed: string[]
}

export interface PongMessage {
  type: 'pong'
}

export interface OrderStatusMessage {
  type: 'order.status'
  order_id: Id
  number: string
  status: string
  note?: string
  tracking_number?: string | null
}

/** One stored notification (the inbox API returns the same fields). */
export interface InboxNotification {
  id: number
  seq: number
  kind: string
  title: string
  body: string
  link: string
  data: Record<string, unknown>
  created_at: string
  read: boolean
}

export interface NotificationMessage extends InboxNotification {
  type: 'notification'
}

export interface ResumedMessage {
  type: 'resumed'
  last_seq: number
}

/** Before a replay: numbers up to `through` were removed by the retention rule (treat them as had). */
export interface PrunedMessage {
  type: 'pruned'
  through: number
}

/** A public promotion, shown live to visitors who are not signed in. */
export interface PromotionMessage {
  type: 'promotion'
  id: number
  title: string
  body: string
  link: string
}

export interface FeedItem {
  id: number
  kind: string
  area: string
  title: string
  link: string
  created_at: string
}

export interface FeedMessage {
  type: 'feed'
  item: FeedItem
}

export interface ErrorMessage {
  type: 'error'
  code: string
  message: string
}

export type ServerMessage =
  | HelloMessage
  | PongMessage
  | OrderStatusMessage
  | NotificationMessage
  | ResumedMessage
  | PrunedMessage
  | PromotionMessage
  | FeedMessage
  | ErrorMessage

/** The socket's state, as the app sees it. `stopped`: signed out, shop suspended or unknown. */
export type ConnectionState = SocketState

/** One toast on screen (kept until dismissed or timed out). */
export interface Notice {
  id: number
  /** Notices with the same key replace each other (one per order). */
  key: string
  title: string
  body: string
  link: string
  /** A visitor's public promotion: opening its link is reported (the merchant's "opened"). */
  promotionId?: number
  /** Order notices: the order's number and status (the order.status frame's wording). */
  order?: { id: string; number: string; status: string; trackingNumber: string }
}

export interface LiveNotificationsState {
  connection: ConnectionState
  notices: Notice[]
  /** The highest notification number received in order (the client asks for what follows). */
  lastSeq: number
  unread: number
  /** Feed items that arrived on this socket (staff), newest first. */
  feed: FeedItem[]
}

/** `GET /api/notifications/state/`. */
export interface InboxState {
  unread: number
  last_seq: number
}
