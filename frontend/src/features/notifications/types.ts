import type { Id } from '../../types/commerce'

/** `POST /api/notifications/ws-ticket/`: a single-use ticket for opening one socket. */
export interface WsTicket {
  ticket: string
  expires_in: number
  /** Same-origin path, e.g. `/ws/notifications/?ticket=...`. */
  url: string
}

export interface HelloMessage {
  type: 'hello'
  shop: string
  user: string
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

export type ServerMessage = HelloMessage | PongMessage | OrderStatusMessage

/** The socket's state, as the app sees it. `stopped`: signed out, shop suspended or unknown. */
export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'stopped'

/** One shown notification about an order (kept until dismissed or timed out). */
export interface OrderNotice {
  id: number
  orderId: string
  number: string
  status: string
  trackingNumber: string
}

export interface LiveNotificationsState {
  connection: ConnectionState
  notices: OrderNotice[]
}
