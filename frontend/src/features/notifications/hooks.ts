import { skipToken } from '@reduxjs/toolkit/query/react'
import { useCallback, useMemo } from 'react'
import { useAppConfig, useAppDispatch, useAppSelector } from '../../app/hooks'
import { selectCurrentUser, selectIsSignedIn } from '../auth/authSlice'
import { notificationsApi, reportPromotionOpened, useFeedQuery, useLiveNotificationsQuery, VISITOR_KEY } from './notificationsApi'
import type { FeedItem, Notice } from './types'

const noNotices: Notice[] = []
const noFeed: FeedItem[] = []

/**
 * Subscribes to the live feed on a shop host (never on the platform host): the signed-in
 * person's (their inbox; staff also hear the dashboard feed), or a visitor's (public
 * promotions). One cache entry per person: it (and its socket) ends on sign-out, when a
 * visitor's socket takes over, or when the layout unmounts.
 */
export function useLiveNotifications() {
  const config = useAppConfig()
  const signedIn = useAppSelector(selectIsSignedIn)
  const user = useAppSelector(selectCurrentUser)
  const key = config.kind !== 'shop' ? skipToken : signedIn ? (user ? `user:${user.id}` : skipToken) : VISITOR_KEY
  const { data } = useLiveNotificationsQuery(key)
  const dispatch = useAppDispatch()

  const dismiss = useCallback(
    (id: number) => {
      if (key === skipToken) return
      dispatch(
        notificationsApi.util.updateQueryData('liveNotifications', key, (draft) => {
          draft.notices = draft.notices.filter((notice) => notice.id !== id)
        }),
      )
    },
    [dispatch, key],
  )

  const opened = useCallback(
    (notice: Notice) => {
      if (key !== skipToken && notice.promotionId !== undefined) reportPromotionOpened(key, notice.promotionId)
    },
    [key],
  )

  return {
    active: key !== skipToken,
    visitor: key === VISITOR_KEY,
    connection: data?.connection ?? 'connecting',
    notices: data?.notices ?? noNotices,
    feed: data?.feed ?? noFeed,
    dismiss,
    opened,
  }
}

/**
 * The merchant's feed: the stored items (fetched) with what arrived live since, newest first.
 * Call it where useLiveNotifications runs (the dashboard layout keeps the socket open).
 */
export function useLiveFeed(options: { skip?: boolean } = {}) {
  const stored = useFeedQuery(undefined, { skip: options.skip })
  const { feed: live } = useLiveNotifications()
  const items = useMemo(() => {
    const byId = new Map<number, FeedItem>()
    for (const item of [...live, ...(stored.data ?? [])]) if (!byId.has(item.id)) byId.set(item.id, item)
    return [...byId.values()].sort((a, b) => b.id - a.id)
  }, [live, stored.data])
  return { ...stored, items }
}
