import { useCallback, useSyncExternalStore } from 'react'
import { useCurrentUser } from '../auth/hooks'
import { useLiveFeed } from '../notifications/hooks'

/** The newest feed item a staff member has seen, per shop host and person (this browser). */
const EVENT = 'shopyard:feed-seen'
const key = (userId: number | string) => `feed-seen:${window.location.host}:${userId}`

function read(userId: number | string): number {
  try {
    return Number(window.localStorage.getItem(key(userId)) ?? 0) || 0
  } catch {
    return 0
  }
}

export function useFeedSeen(userId: number | string | undefined) {
  const subscribe = useCallback((notify: () => void) => {
    window.addEventListener(EVENT, notify)
    window.addEventListener('storage', notify)
    return () => {
      window.removeEventListener(EVENT, notify)
      window.removeEventListener('storage', notify)
    }
  }, [])
  const seen = useSyncExternalStore(subscribe, () => (userId === undefined ? 0 : read(userId)))
  const markSeen = useCallback(
    (id: number) => {
      if (userId === undefined || id <= read(userId)) return
      try {
        window.localStorage.setItem(key(userId), String(id))
      } catch {
        // private mode: the counter simply starts again next visit
      }
      window.dispatchEvent(new Event(EVENT))
    },
    [userId],
  )
  return { seen, markSeen }
}

/** How many feed items arrived since this person last looked (for the navigation). */
export function useUnseenFeedCount(): number {
  const user = useCurrentUser()
  const { items } = useLiveFeed({ skip: !user })

  const { seen } = useFeedSeen(user?.id)
  return items.filter((item) => item.id > seen).length
}
