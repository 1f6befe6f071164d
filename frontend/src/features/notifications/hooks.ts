import { skipToken } from '@reduxjs/toolkit/query/react'
import { useCallback } from 'react'
import { useAppConfig, useAppDispatch, useAppSelector } from '../../app/hooks'
import { selectCurrentUser, selectIsSignedIn } from '../auth/authSlice'
import { notificationsApi, useLiveNotificationsQuery } from './notificationsApi'
import type { OrderNotice } from './types'

const noNotices: OrderNotice[] = []

/**
 * Subscribes to the live feed while someone is signed in on a shop host (never on the platform
 * host). Mounted by the storefront layout only, so staff working in /dashboard have no socket.
 * One cache entry per user: it (and its socket) ends on sign-out or when the layout unmounts.
 */
export function useLiveNotifications() {
  const config = useAppConfig()
  const signedIn = useAppSelector(selectIsSignedIn)
  const user = useAppSelector(selectCurrentUser)
  const key = config.kind === 'shop' && signedIn && user ? String(user.id) : skipToken
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

  return {
    active: key !== skipToken,
    connection: data?.connection ?? 'connecting',
    notices: data?.notices ?? noNotices,
    dismiss,
  }
}
