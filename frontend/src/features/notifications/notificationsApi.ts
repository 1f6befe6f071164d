import type { FetchBaseQueryError } from '@reduxjs/toolkit/query'
import { api } from '../../app/api'
import { coreState } from '../../app/state'
import type { Id } from '../../types/commerce'
import { selectIsSignedIn } from '../auth/authSlice'
import { formatOrderNumber } from '../../lib/format'
import { startReconnectingSocket, type ReconnectingSocket, type SendFrame, type TicketOutcome } from '../../lib/reconnectingSocket'
import { parseServerMessage } from './notificationSocket'
import type {
  FeedItem,
  InboxNotification,
  InboxState,
  LiveNotificationsState,
  Notice,
  NotificationMessage,
  OrderStatusMessage,
  WsTicket,
} from './types'

/** At most this many notices on screen; older ones give way. */
const MAX_NOTICES = 3
/** The live-feed entries kept in memory (the page lists the stored ones too). */
const MAX_FEED = 50

/** The cache key of the live feed: one signed-in person, or a visitor. */
export const VISITOR_KEY = 'visitor'

export interface Page<T> {
  count: number
  next: string | null
  previous: string | null
  results: T[]
}

const ticketApi = api.injectEndpoints({
  endpoints: (build) => ({
    /** A single-use ticket for one socket (shop host; a visitor's when not signed in). */
    wsTicket: build.mutation<WsTicket, { visitor_id?: string } | void>({
      query: (body) => ({ url: '/notifications/ws-ticket/', method: 'POST', ...(body ? { body } : {}) }),
    }),
  }),
})

const inboxApi = api.injectEndpoints({
  endpoints: (build) => ({
    inbox: build.query<Page<InboxNotification>, void>({
      query: () => ({ url: '/notifications/', params: { page_size: 20 } }),
      providesTags: [{ type: 'Notifications', id: 'LIST' }],
    }),
    inboxState: build.query<InboxState, void>({
      query: () => '/notifications/state/',
      providesTags: [{ type: 'Notifications', id: 'STATE' }],
    }),
    markRead: build.mutation<InboxState, { ids: number[] } | { all: true }>({
      query: (body) => ({ url: '/notifications/read/', method: 'POST', body }),
      invalidatesTags: ['Notifications'],
    }),
    /** The merchant's feed (stored items, newest first); the socket adds live ones to it. */
    feed: build.query<FeedItem[], void>({
      query: () => '/dashboard/feed/',
      providesTags: ['Feed'],
    }),
  }),
})

export const { useInboxQuery, useInboxStateQuery, useMarkReadMutation, useFeedQuery } = inboxApi

/** The shopper's own order and their orders list: refetched wherever they are shown. */
export function orderTags(orderId: Id) {
  return [
    { type: 'Orders' as const, id: String(orderId) },
    { type: 'Orders' as const, id: 'LIST' },
  ]
}

/**
 * A ticket refused for a reason that waiting will not fix (shop suspended, not a shop host…).
 * 401 is not one: the base query has already tried a refresh, and a session that really ended
 * signs out, which ends the socket anyway. Timeouts, rate limits, 5xx and network errors retry.
 */
function refusedForGood(error: unknown): boolean {
  const status = (error as FetchBaseQueryError | undefined)?.status
  return typeof status === 'number' && status >= 400 && status < 500 && ![401, 408, 429].includes(status)
}

export const notificationsApi = inboxApi.injectEndpoints({
  endpoints: (build) => ({
    /**
     * The live feed, RTK Query's "streaming updates" way: while this cache entry has a
     * subscriber (one per signed-in user, or the visitor, see `useLiveNotifications`), one
     * socket is open. Stored notifications are numbered per person: after every (re)connect and
     * on any gap in the numbers the client asks for what followed the last one it has
     * ("resume"), so nothing sent while it was away is lost.
     */
    liveNotifications: build.query<LiveNotificationsState, string>({
      queryFn: () => ({ data: { connection: 'connecting', notices: [], lastSeq: -1, unread: 0, feed: [] } }),
      // Nobody watching (signed out, left the storefront): close at once, not a minute later.
      keepUnusedDataFor: 0,
      async onCacheEntryAdded(key, { cacheDataLoaded, cacheEntryRemoved, updateCachedData, dispatch, getState }) {
        try {
          await cacheDataLoaded
        } catch {
          return // removed before it started
        }
        const visitor = key === VISITOR_KEY
        let lastNoticeId = 0
        let lastSeq = -1
        let resuming = false

        function notice(fields: Omit<Notice, 'id'>) {
          lastNoticeId += 1
          const id = lastNoticeId
          updateCachedData((draft) => addNotice(draft, { id, ...fields }))
        }

        function resume(send: SendFrame) {
          if (resuming) return
          resuming = true
          send({ type: 'resume', after: lastSeq })
        }

        function onNotification(message: NotificationMessage, send: SendFrame) {
          if (message.seq <= lastSeq) return // already had it (pushed and replayed)
          if (message.seq > lastSeq + 1) {
            // One went missing (dropped by the channel layer): the replay brings it and this one.
            resume(send)
            return
          }
          lastSeq = message.seq
          send({ type: 'seen', seq: message.seq })
          const orderId = message.data.order_id
          if (typeof orderId === 'number' || typeof orderId === 'string') dispatch(api.util.invalidateTags(orderTags(orderId)))
          dispatch(api.util.invalidateTags(['Notifications']))
          updateCachedData((draft) => {
            draft.lastSeq = message.seq
            if (!message.read) draft.unread += 1
          })
          const noticeKey = typeof orderId === 'number' || typeof orderId === 'string' ? `order:${orderId}` : `n:${message.id}`
          // An order's own status frame (with its tracking number) says the same: keep that one.
          if (noticeKey.startsWith('order:') && shownKeys().has(noticeKey)) return
          notice({ key: noticeKey, title: message.title, body: message.body, link: message.link })
        }

        function shownKeys(): Set<string> {
          const entry = notificationsApi.endpoints.liveNotifications.select(key)(getState() as never)
          return new Set((entry.data?.notices ?? []).map((n) => n.key))
        }

        const socket = startReconnectingSocket({
          async getTicket(): Promise<TicketOutcome> {
            if (selectIsSignedIn(coreState(getState)) === visitor) return { error: 'stop' }
            const body = visitor ? { visitor_id: storedVisitorId() } : undefined
            const result = await dispatch(ticketApi.endpoints.wsTicket.initiate(body, { track: false }))
            if (result.data) {
              const { url, ticket, visitor_id: visitorId } = result.data
              if (visitor && visitorId) storeVisitorId(visitorId)
              return { url: url || `/ws/notifications/?ticket=${encodeURIComponent(ticket)}` }
            }
            return { error: refusedForGood(result.error) ? 'stop' : 'retry' }
          },
          parse: parseServerMessage,
          onState(connection) {
            updateCachedData((draft) => {
              draft.connection = connection
            })
          },
          onAccepted({ reconnected }) {
            // Order status frames sent while the socket was down are lost: refetch every order shown.
            if (reconnected) dispatch(api.util.invalidateTags(['Orders', 'Feed']))
          },
          onFrame(message, send) {
            switch (message.type) {
              case 'hello':
                resuming = false
                if (message.visitor) return
                if (lastSeq < 0) lastSeq = message.last_seq
                else resume(send)
                updateCachedData((draft) => {
                  draft.unread = message.unread
                  draft.lastSeq = lastSeq
                })
                dispatch(api.util.invalidateTags(['Notifications']))
                return
              case 'pruned':
                // The shop no longer keeps numbers up to `through`: what follows starts after them.
                if (message.through > lastSeq) {
                  lastSeq = message.through
                  updateCachedData((draft) => {
                    draft.lastSeq = lastSeq
                  })
                  dispatch(api.util.invalidateTags(['Notifications']))
                }
                return
              case 'resumed':
                resuming = false
                return
              case 'notification':
                onNotification(message, send)
                return
              case 'order.status':
                dispatch(api.util.invalidateTags(orderTags(message.order_id)))
                notice(orderNotice(message))
                return
              case 'promotion':
                // Counted in the merchant's "reached" (once per visitor, by the server).
                send({ type: 'promotion_seen', id: message.id })
                notice({ key: `promo:${message.id}`, title: message.title, body: message.body, link: message.link,
                  promotionId: message.id })
                return
              case 'feed':
                // Kept here rather than in the fetched list, which may not have arrived yet.
                updateCachedData((draft) => {
                  if (!draft.feed.some((item) => item.id === message.item.id)) draft.feed.unshift(message.item)
                  draft.feed.splice(MAX_FEED)
                })
                return
              default:
                return
            }
          },
        })

        liveSockets.set(key, socket)
        await cacheEntryRemoved
        // an entry for the same key may have started since (a visitor again after signing out)
        if (liveSockets.get(key) === socket) liveSockets.delete(key)
        socket.stop()
      },
    }),
  }),
})

/** The open socket of each live cache entry (a visitor's reports the promotions it opens). */
const liveSockets = new Map<string, ReconnectingSocket>()

/** A visitor opened a public promotion's link: counted in the merchant's "opened". */
export function reportPromotionOpened(key: string, promotionId: number) {
  liveSockets.get(key)?.send({ type: 'promotion_opened', id: promotionId })
}

const VISITOR_ID_STORAGE = 'shopyard.visitor-id'

function storedVisitorId(): string | undefined {
  try {
    return window.localStorage.getItem(VISITOR_ID_STORAGE) ?? undefined
  } catch {
    return undefined // storage refused (private mode): a new id per page, still counted once each
  }
}

function storeVisitorId(value: string) {
  try {
    window.localStorage.setItem(VISITOR_ID_STORAGE, value)
  } catch {
    // see storedVisitorId
  }
}

function orderNotice(message: OrderStatusMessage): Omit<Notice, 'id'> {
  const orderId = String(message.order_id)
  return {
    key: `order:${orderId}`,
    title: formatOrderNumber(message.number),
    body: '',
    link: `/account/orders/${encodeURIComponent(orderId)}`,
    order: { id: orderId, number: message.number, status: message.status, trackingNumber: message.tracking_number ?? '' },
  }
}

function addNotice(draft: LiveNotificationsState, notice: Notice) {
  // A newer notice about the same thing (an order's next status) replaces the older one.
  draft.notices = draft.notices.filter((shown) => shown.key !== notice.key)
  draft.notices.push(notice)
  if (draft.notices.length > MAX_NOTICES) draft.notices.splice(0, draft.notices.length - MAX_NOTICES)
}

export const { useLiveNotificationsQuery } = notificationsApi
