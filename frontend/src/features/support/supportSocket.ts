import type { ServerFrame } from './types'

/* The support socket's frames; the socket itself is lib/reconnectingSocket. */
export type { TicketOutcome } from '../../lib/reconnectingSocket'

export function parseFrame(data: unknown): ServerFrame | null {
  if (typeof data !== 'string') return null
  try {
    const frame = JSON.parse(data) as { type?: unknown }
    return frame && typeof frame === 'object' && typeof frame.type === 'string' ? (frame as ServerFrame) : null
  } catch {
    return null
  }
}
