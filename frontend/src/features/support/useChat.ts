import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react'
import { lastFromOtherSide, lastSeq, markRead, mergeMessages } from './chatModel'
import { startReconnectingSocket, type ReconnectingSocket, type TicketOutcome } from '../../lib/reconnectingSocket'
import { parseFrame } from './supportSocket'
import type { ChatMessage, ConnectionState, Conversation, Expectation, ServerFrame, Side } from './types'

/** How long "is typing" stays up after the last typing frame, and how often we send ours. */
export const TYPING_SHOWN_MS = 4_000
const TYPING_SENT_EVERY_MS = 2_500

export interface Connection {
  state: ConnectionState
  /** Counts accepted connections: each one subscribes again (and replays what was missed). */
  generation: number
  expectation: Expectation | null
  send: (frame: Record<string, unknown>) => boolean
}

/** One support socket while `enabled`; every frame goes to `onFrame` (kept in a ref). */
export function useSupportConnection(
  enabled: boolean,
  getTicket: () => Promise<TicketOutcome>,
  onFrame: (frame: ServerFrame) => void,
): Connection {
  const [state, setState] = useState<ConnectionState>('connecting')
  const [generation, setGeneration] = useState(0)
  const [expectation, setExpectation] = useState<Expectation | null>(null)
  const socketRef = useRef<ReconnectingSocket | null>(null)
  const frameRef = useRef(onFrame)
  const ticketRef = useRef(getTicket)
  useLayoutEffect(() => {
    frameRef.current = onFrame
    ticketRef.current = getTicket
  })

  useEffect(() => {
    if (!enabled) return
    // Each "hello" means (re)connected: the threads subscribe again with the last message number
    // they hold (useChatThread, keyed on `generation`) and get what they missed.
    const socket = startReconnectingSocket({
      getTicket: () => ticketRef.current(),
      parse: parseFrame,
      onState: setState,
      onFrame(frame) {
        if (frame.type === 'hello') {
          setExpectation({ staff_online: frame.staff_online, reply_within_hours: frame.reply_within_hours, text: frame.text })
          setGeneration((n) => n + 1)
        } else if (frame.type === 'presence') {
          setExpectation((old) => (old ? { ...old, staff_online: frame.staff_online } : old))
        }
        frameRef.current(frame)
      },
    })
    socketRef.current = socket
    return () => {
      socket.stop()
      socketRef.current = null
    }
  }, [enabled])

  const send = useCallback((frame: Record<string, unknown>) => socketRef.current?.send(frame) ?? false, [])
  return { state, generation, expectation, send }
}

export interface PendingMessage {
  clientId: string
  body: string
  failed: boolean
  seq?: number
}

export interface ThreadOptions {
  conversationId: number | null
  mySide: Side
  connection: Connection
  initial?: { conversation: Conversation; messages: ChatMessage[] }
  /** The HTTP fallback when the socket is not open. */
  postRest: (body: string) => Promise<ChatMessage>
}

let clientCounter = 0

/** One conversation's messages, live: merged by number, typing, receipts, sending with retry. */
export function useChatThread({ conversationId, mySide, connection, initial, postRest }: ThreadOptions) {
  const [messages, setMessages] = useState<ChatMessage[]>([])
  const [conversation, setConversation] = useState<Conversation | null>(null)
  const [pending, setPending] = useState<PendingMessage[]>([])
  const [otherTyping, setOtherTyping] = useState(false)
  const [subscriptions, setSubscriptions] = useState(0)
  const messagesRef = useRef(messages)
  useLayoutEffect(() => {
    messagesRef.current = messages
  }, [messages])
  const typingTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  const lastTypingSent = useRef(0)
  const readSent = useRef(0)
  const { send, generation } = connection

  useEffect(() => {
    setMessages([])
    setPending([])
    setConversation(null)
    setSubscriptions(0)
    readSent.current = 0
  }, [conversationId])

  useEffect(() => {
    if (!initial || initial.conversation.id !== conversationId) return
    setConversation(initial.conversation)
    setMessages((current) => mergeMessages(current, initial.messages))
  }, [initial, conversationId])

  useEffect(() => {
    if (conversationId === null || generation === 0) return
    // the first messages may be given (initial) in the same render, before they are merged into state
    const given = initial?.conversation.id === conversationId ? lastSeq(initial.messages) : 0
    send({ type: 'subscribe', conversation: conversationId, after: Math.max(lastSeq(messagesRef.current), given) })
    // eslint-disable-next-line react-hooks/exhaustive-deps -- a new `initial` must not subscribe again
  }, [conversationId, generation, send])

  useEffect(() => () => clearTimeout(typingTimer.current), [])

  const handleFrame = useCallback(
    (frame: ServerFrame) => {
      switch (frame.type) {
        case 'message':
          if (frame.message.conversation !== conversationId) return
          setMessages((current) => mergeMessages(current, [frame.message]))
          if (frame.message.side !== mySide) setOtherTyping(false)
          return
        case 'subscribed':
        case 'conversation':
          if (frame.conversation.id === conversationId) setConversation(frame.conversation)
          return
        case 'replayed':
          if (frame.conversation === conversationId) setSubscriptions((n) => n + 1)
          return
        case 'typing':
          if (frame.conversation !== conversationId || frame.side === mySide) return
          setOtherTyping(true)
          clearTimeout(typingTimer.current)
          typingTimer.current = setTimeout(() => setOtherTyping(false), TYPING_SHOWN_MS)
          return
        case 'read':
          if (frame.conversation !== conversationId || frame.side === mySide) return
          setMessages((current) => markRead(current, frame.side, frame.seq, frame.at))
          return
        case 'ack':
          setPending((current) => current.map((p) => (p.clientId === frame.client_id ? { ...p, seq: frame.seq } : p)))
          return
        case 'error':
          if (frame.client_id) {
            setPending((current) => current.map((p) => (p.clientId === frame.client_id ? { ...p, failed: true } : p)))
          }
          return
        default:
      }
    },
    [conversationId, mySide],
  )

  const deliver = useCallback(
    (item: PendingMessage) => {
      if (conversationId === null) return
      const viaSocket = send({ type: 'message', conversation: conversationId, body: item.body, client_id: item.clientId })
      if (viaSocket) return
      postRest(item.body).then(
        (message) => {
          setMessages((current) => mergeMessages(current, [message]))
          setPending((current) => current.filter((p) => p.clientId !== item.clientId))
        },
        () => setPending((current) => current.map((p) => (p.clientId === item.clientId ? { ...p, failed: true } : p))),
      )
    },
    [conversationId, send, postRest],
  )

  const sendMessage = useCallback(
    (body: string) => {
      clientCounter += 1
      const item: PendingMessage = { clientId: `c${Date.now()}-${clientCounter}`, body, failed: false }
      setPending((current) => [...current, item])
      lastTypingSent.current = 0
      deliver(item)
    },
    [deliver],
  )

  const retry = useCallback(
    (clientId: string) => {
      const item = pending.find((p) => p.clientId === clientId)
      if (!item) return
      setPending((current) => current.map((p) => (p.clientId === clientId ? { ...p, failed: false } : p)))
      deliver({ ...item, failed: false })
    },
    [pending, deliver],
  )

  const typing = useCallback(() => {
    const now = Date.now()
    if (conversationId === null || now - lastTypingSent.current < TYPING_SENT_EVERY_MS) return
    lastTypingSent.current = now
    send({ type: 'typing', conversation: conversationId })
  }, [conversationId, send])

  /**
   * Called while the thread is on screen: tells the other side what we have read. A new one per
   * subscription (the server takes receipts only then), so what was shown before is reported.
   */
  const markSeen = useCallback(() => {
    const seq = lastFromOtherSide(messagesRef.current, mySide)
    if (conversationId === null || subscriptions === 0 || seq <= readSent.current) return
    if (send({ type: 'read', conversation: conversationId, seq })) readSent.current = seq
  }, [conversationId, mySide, send, subscriptions])

  const shownPending = useMemo(
    () => pending.filter((p) => p.seq === undefined || !messages.some((m) => m.seq === p.seq)),
    [pending, messages],
  )

  return { messages, conversation, pending: shownPending, otherTyping, handleFrame, sendMessage, retry, typing, markSeen }
}

export type ChatThread = ReturnType<typeof useChatThread>
