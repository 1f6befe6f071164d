import { useEffect, useState } from 'react'
import { Link } from 'react-router'
import { EmptyState, ErrorState, Loading } from '../../../components/States'
import { useDocumentTitle } from '../../../lib/useDocumentTitle'
import { useCurrentUser } from '../../auth/hooks'
import { useLiveFeed } from '../../notifications/hooks'
import { useFeedSeen } from '../feedSeen'

const KIND_LABELS: Record<string, string> = {
  'order.placed': 'New order',
  'order.paid': 'Payment',
  'stock.low': 'Low stock',
  'support.opened': 'New chat',
}

/** New orders, payments, low stock and new chats as they happen (the areas this role may read). */
export function LiveFeedPage() {
  useDocumentTitle('Live feed')
  const user = useCurrentUser()
  const { items: data, isLoading, isError, error, refetch } = useLiveFeed()
  const { seen, markSeen } = useFeedSeen(user?.id)
  // What was new when the page opened stays marked while it is open.
  const [seenWhenOpened] = useState(seen)
  const newest = data[0]?.id ?? 0
  // Seen once shown: the navigation's counter goes back to zero while this page is open.
  useEffect(() => {
    if (newest) markSeen(newest)
  }, [newest, markSeen])

  return (
    <section aria-labelledby="feed-title">
      <h1 id="feed-title">Live feed</h1>
      <p className="muted">New orders, payments, low stock and new chats appear here as they happen.</p>
      {isLoading ? (
        <Loading label="Loading the feed…" />
      ) : isError ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : !data.length ? (
        <EmptyState title="Nothing yet">
          <p>When a customer orders or pays, it shows up here without reloading.</p>
        </EmptyState>
      ) : (
        <ul className="feed-list" aria-live="polite" aria-label="Feed">
          {data.map((item) => (
            <li key={item.id} className={item.id > seenWhenOpened ? 'feed-new' : undefined}>
              <span>
                <span className="visually-hidden">{KIND_LABELS[item.kind] ?? item.kind}: </span>
                {item.link ? <Link to={item.link}>{item.title}</Link> : item.title}
              </span>
              <time dateTime={item.created_at}>{new Date(item.created_at).toLocaleTimeString()}</time>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
