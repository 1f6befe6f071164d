/** Shapes of realtime/api/support_serializers.py and the frames of realtime/support_consumers.py. */
export type Side = 'shopper' | 'staff'

export interface ChatMessage {
  id: number
  conversation: number
  seq: number
  side: Side
  author_name: string
  body: string
  created_at: string
  read_at: string | null
}

export interface Conversation {
  id: number
  subject: string
  status: 'open' | 'closed'
  name: string
  email: string
  is_guest: boolean
  assignee: number | null
  last_seq: number
  shopper_read_seq: number
  staff_read_seq: number
  shopper_unread: number
  staff_unread: number
  created_at: string
  last_activity_at: string
  last_message: { side: Side; body: string } | null
}

export interface ConversationDetail {
  conversation: Conversation
  messages: ChatMessage[]
}

export interface Expectation {
  staff_online: boolean
  reply_within_hours: number | null
  text: string
}

export interface SocketTicket {
  ticket: string
  expires_in: number
  url: string
}

export type ServerFrame =
  | ({ type: 'hello'; role: 'staff' | 'shopper' | 'guest'; conversation: number | null } & Expectation)
  | { type: 'pong' }
  | { type: 'presence'; staff_online: boolean }
  | { type: 'subscribed'; conversation: Conversation }
  | { type: 'replayed'; conversation: number; last_seq: number }
  | { type: 'message'; message: ChatMessage }
  | { type: 'conversation'; conversation: Conversation }
  | { type: 'typing'; conversation: number; side: Side }
  | { type: 'read'; conversation: number; side: Side; seq: number; at: string }
  | { type: 'ack'; conversation: number; client_id: string; id: number; seq: number }
  | { type: 'error'; code: string; message: string; for?: string; client_id?: string }

export type { SocketState as ConnectionState } from '../../lib/reconnectingSocket'
