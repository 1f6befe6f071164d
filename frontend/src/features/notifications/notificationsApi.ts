import type { FetchBaseQueryError } from '@reduxjs/toolkit/query'
import { api } from '../../app/api'
import { coreState } from '../../app/state'
import type { Id } from '../../types/commerce'
import { selectIsSignedIn } from '../auth/authSlice'
import { startNotificationSocket, type TicketOutcome } from './notificationSocket'
import type { LiveNotificationsState, OrderStatusMessage, WsTicket } from './types'

/** At most this many notices on screen; older ones give way. */
const MAX_NOTICES = 3

const ticketApi = api.injectEndpoints({
  endpoints: (build) => ({
    /** A single-use ticket for one socket (shop host, signed in). */
    wsTicket: build.mutation<WsTicket, void>({
      query: () => ({ url: '/notifications/ws-ticket/', method: 'POST' }),
    }),
  }),
})

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

export const notificationsApi = ticketApi.injectEndpoints({
  endpoints: (build) => ({
    /**
     * The live notification feed, RTK Query's "streaming updates" way: while this cache entry
     * has a subscriber (one per signed-in user, see `useLiveNotifications`), one socket is open;
     * its `order.status` messages refetch that order and add a notice to the entry's data.
     */
    liveNotifications: build.query<LiveNotificationsState, string>({
      queryFn: () => ({ data: { connection: 'connecting', notices: [] } }),
      // Nobody watching (signed out, left the storefront): close at once, not a minute later.
      keepUnusedDataFor: 0,
      async onCacheEntryAdded(
        _userKey,
        { cacheDataLoaded, cacheEntryRemoved, updateCachedData, dispatch, getState },
      ) {
        try {
          await cacheDataLoaded
        } catch {
          return // removed before it started
        }
        let lastNoticeId = 0

        const stop = startNotificationSocket({
          async getTicket(): Promise<TicketOutcome> {
            if (!selectIsSignedIn(coreState(getState))) return { error: 'stop' }
            const result = await dispatch(ticketApi.endpoints.wsTicket.initiate(undefined, { track: false }))
            if (result.data) {
              const { url, ticket } = result.data
              return { url: url || `/ws/notifications/?ticket=${encodeURIComponent(ticket)}` }
            }
            return { error: refusedForGood(result.error) ? 'stop' : 'retry' }
          },
          onStateChange(connection) {
            updateCachedData((draft) => {
              draft.connection = connection
            })
          },
          onReconnected() {
            // Status changes sent while the socket was down are lost: refetch every order shown.
            dispatch(api.util.invalidateTags(['Orders']))
          },
          onMessage(message) {
            if (message.type !== 'order.status') return
            dispatch(api.util.invalidateTags(orderTags(message.order_id)))
            lastNoticeId += 1
            const id = lastNoticeId
            updateCachedData((draft) => {
              addNotice(draft, id, message)
            })
          },
        })

        await cacheEntryRemoved
        stop()
      },
    }),
  }),
})

function addNotice(draft: LiveNotificationsState, id: number, message: OrderStatusMessage) {
  const orderId = String(message.order_id)
  // A newer status of the same order replaces the older notice.
  draft.notices = draft.notices.filter((notice) => notice.orderId !== orderId)
  draft.notices.push({
    id,
    orderId,
    number: message.number,
    status: message.status,
    trackingNumber: message.tracking_number ?? '',
  })
  if (draft.notices.length > MAX_NOTICES) draft.notices.splice(0, draft.notices.length - MAX_NOTICES)
}

export const { useLiveNotificationsQuery } = notificationsApi
