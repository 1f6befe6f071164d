import type { ChatMessage, Conversation, Side } from './types'

/** Messages kept by their number: a replay and a push of the same message make one entry. */
export function mergeMessages(current: ChatMessage[], incoming: ChatMessage[]): ChatMessage[] {
  if (!incoming.length) return current
  const bySeq = new Map(current.map((m) => [m.seq, m]))
  for (const message of incoming) bySeq.set(message.seq, { ...bySeq.get(message.seq), ...message })
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq)
}

export function lastSeq(messages: ChatMessage[]): number {
  return messages.length ? messages[messages.length - 1].seq : 0
}

/** The other side read everything up to `seq` (at `at`): their receipts on our messages. */
export function markRead(messages: ChatMessage[], readerSide: Side, seq: number, at: string): ChatMessage[] {
  let changed = false
  const next = messages.map((m) => {
    if (m.side !== readerSide && m.seq <= seq && !m.read_at) {
      changed = true
      return { ...m, read_at: at }
    }
    return m
  })
  return changed ? next : messages
}

/** The newest message from the other side, which is what "read up to" points at. */
export function lastFromOtherSide(messages: ChatMessage[], mySide: Side): number {
  for (let i = messages.length - 1; i >= 0; i -= 1) if (messages[i].side !== mySide) return messages[i].seq
  return 0
}

/** The inbox list: newer activity first, a pushed summary replacing the stored one. */
export function upsertConversation(list: Conversation[], item: Conversation): Conversation[] {
  const rest = list.filter((c) => c.id !== item.id)
  return [item, ...rest].sort((a, b) => b.last_activity_at.localeCompare(a.last_activity_at) || b.id - a.id)
}
