import { skipToken } from '@reduxjs/toolkit/query/react'
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react'
import { useCurrentUser } from '../auth/hooks'
import { forgetGuestChat, loadGuestChat, saveGuestChat, type GuestChat } from './guestStore'
import {
  refusedForGood,
  useMyConversationsQuery,
  usePostShopperMessageMutation,
  useSupportConversationQuery,
  useSupportTicketMutation,
} from './supportApi'
import type { TicketOutcome } from './supportSocket'
import { useChatThread, useSupportConnection } from './useChat'
import type { ServerFrame } from './types'

/** Announced by the page an e-mail's link opens: the widget opens on the conversation. */
export const OPEN_CHAT_EVENT = 'shopyard:open-support-chat'

// The widget is loaded lazily: a request to open it made before it has mounted (the link's page
// is quicker than the widget's code) is kept here and honoured when it mounts, not lost.
let openRequested = false

/** Opens the chat panel, now or as soon as the widget has mounted. */
export function requestChatOpen(): void {
  openRequested = true
  window.dispatchEvent(new Event(OPEN_CHAT_EVENT))
}

/** Whether an open was asked for before the widget mounted (and forget it). */
export function takeOpenRequest(): boolean {
  const asked = openRequested
  openRequested = false
  return asked
}

/**
 * The shopper's side of the chat: a signed-in shopper's latest conversation (from the server),
 * or the guest conversation this browser keeps. The socket is open while the panel is open or
 * a conversation exists, so answers arrive live on any page.
 */
export function useShopperChat(panelOpen: boolean) {
  const user = useCurrentUser()
  const signedIn = Boolean(user)
  const [guest, setGuest] = useState<GuestChat | null>(() => loadGuestChat())
  const mine = useMyConversationsQuery(signedIn ? undefined : skipToken)
  const latest = mine.data?.[0]
  const conversationId = signedIn ? (latest?.id ?? null) : (guest?.conversation ?? null)
  const token = signedIn ? null : (guest?.token ?? null)

  useEffect(() => {
    const reload = () => setGuest(loadGuestChat())
    window.addEventListener(OPEN_CHAT_EVENT, reload)
    return () => window.removeEventListener(OPEN_CHAT_EVENT, reload)
  }, [])

  const detail = useSupportConversationQuery(conversationId === null ? skipToken : { id: conversationId, token })
  // A guest's conversation that the server no longer opens with this secret (a newer link
  // replaced it, or it was removed): forget it and offer a new chat.
  useEffect(() => {
    const status = (detail.error as { status?: unknown } | undefined)?.status
    if (!signedIn && (status === 404 || status === 401)) {
      forgetGuestChat()
      setGuest(null)
    }
  }, [detail.error, signedIn])

  const [issueTicket] = useSupportTicketMutation()
  const [postMessage] = usePostShopperMessageMutation()

  const getTicket = useCallback(async (): Promise<TicketOutcome> => {
    if (!signedIn && !token) return { error: 'stop' }
    const result = await issueTicket({ token })
    if ('data' in result && result.data) return { url: result.data.url }
    return { error: refusedForGood(result.error) ? 'stop' : 'retry' }
  }, [issueTicket, signedIn, token])

  const isStaff = Boolean(user && user.role !== 'customer')
  const enabled = !isStaff && (signedIn ? panelOpen || conversationId !== null : token !== null)
  const frameHandler = useRef<(frame: ServerFrame) => void>(() => undefined)
  const connection = useSupportConnection(enabled, getTicket, (frame) => frameHandler.current(frame))

  const postRest = useCallback(
    async (body: string) => {
      if (conversationId === null) throw new Error('no conversation')
      return postMessage({ id: conversationId, body, token }).unwrap()
    },
    [conversationId, postMessage, token],
  )
  const thread = useChatThread({ conversationId, mySide: 'shopper', connection, initial: detail.data, postRest })
  useLayoutEffect(() => {
    frameHandler.current = thread.handleFrame
  }, [thread.handleFrame])

  const started = useCallback(
    (id: number, guestToken: string | null) => {
      if (guestToken) {
        const chat = { conversation: id, token: guestToken }
        saveGuestChat(chat)
        setGuest(chat)
      } else {
        void mine.refetch()
      }
    },
    [mine],
  )

  return {
    user,
    isStaff,
    conversationId,
    loading: (signedIn && mine.isLoading) || (conversationId !== null && detail.isLoading),
    error: (signedIn && mine.error) || (conversationId !== null && signedIn ? detail.error : undefined),
    retryLoad: () => {
      if (signedIn) void mine.refetch()
      if (conversationId !== null) void detail.refetch()
    },
    connection,
    thread,
    unread: thread.conversation?.shopper_unread ?? 0,
    started,
  }
}
