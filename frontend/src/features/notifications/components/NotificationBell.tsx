import { useEffect, useId, useRef, useState } from 'react'
import { useNavigate } from 'react-router'
import { EmptyState, ErrorState, Loading } from '../../../components/States'
import { useInboxQuery, useInboxStateQuery, useMarkReadMutation } from '../notificationsApi'
import type { InboxNotification } from '../types'

const when = (iso: string) =>
  new Date(iso).toLocaleString(undefined, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' })

/**
 * The header's bell: the unread count, and the inbox panel it opens. What arrives live
 * refetches both (notificationsApi invalidates 'Notifications').
 */
export function NotificationBell() {
  const [open, setOpen] = useState(false)
  const { data: state } = useInboxStateQuery()
  const unread = state?.unread ?? 0
  const panelId = useId()
  const wrapper = useRef<HTMLDivElement>(null)
  const button = useRef<HTMLButtonElement>(null)

  useEffect(() => {
    if (!open) return
    function onKey(event: KeyboardEvent) {
      if (event.key === 'Escape') {
        setOpen(false)
        button.current?.focus()
      }
    }
    function onPointer(event: PointerEvent) {
      if (wrapper.current && !wrapper.current.contains(event.target as Node)) setOpen(false)
    }
    document.addEventListener('keydown', onKey)
    document.addEventListener('pointerdown', onPointer)
    return () => {
      document.removeEventListener('keydown', onKey)
      document.removeEventListener('pointerdown', onPointer)
    }
  }, [open])

  const label = unread ? `Notifications, ${unread} unread` : 'Notifications'
  return (
    <div className="bell" ref={wrapper}>
      <button
        ref={button}
        type="button"
        className="bell-button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={label}
        onClick={() => setOpen((was) => !was)}
      >
        <span aria-hidden="true">🔔</span>
        {unread > 0 && (
          <span className="bell-count" aria-hidden="true">
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </button>
      {open && <InboxPanel id={panelId} onClose={() => setOpen(false)} />}
    </div>
  )
}

function InboxPanel({ id, onClose }: { id: string; onClose: () => void }) {
  const { data, isLoading, isError, error, refetch } = useInboxQuery()
  const [markRead, { isLoading: marking }] = useMarkReadMutation()
  const navigate = useNavigate()
  const headingId = `${id}-title`
  const items = data?.results ?? []
  const anyUnread = items.some((n) => !n.read)

  function openItem(n: InboxNotification) {
    if (!n.read) void markRead({ ids: [n.id] })
    if (n.link.startsWith('/')) {
      onClose()
      navigate(n.link)
    } else if (n.link) {
      window.location.assign(n.link)
    }
  }

  return (
    <section id={id} className="inbox-panel" aria-labelledby={headingId}>
      <div className="inbox-head">
        <h2 id={headingId}>Notifications</h2>
        {anyUnread && (
          <button type="button" className="btn btn-secondary btn-small" disabled={marking} onClick={() => void markRead({ all: true })}>
            Mark all as read
          </button>
        )}
      </div>
      {isLoading ? (
        <Loading label="Loading notifications…" />
      ) : isError ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : items.length === 0 ? (
        <EmptyState title="Nothing here yet">
          <p>Order updates, offers and replies from the shop appear here.</p>
        </EmptyState>
      ) : (
        <ul className="inbox-list">
          {items.map((n) => (
            <li key={n.id} className={n.read ? 'inbox-item' : 'inbox-item unread'}>
              <button type="button" className="inbox-open" onClick={() => openItem(n)}>
                <span className="inbox-title">
                  {!n.read && <span className="visually-hidden">Unread: </span>}
                  {n.title}
                </span>
                {n.body && <span className="inbox-text">{n.body}</span>}
                <span className="inbox-when">{when(n.created_at)}</span>
              </button>
              {!n.read && (
                <button
                  type="button"
                  className="btn btn-link btn-small"
                  aria-label={`Mark as read: ${n.title}`}
                  onClick={() => void markRead({ ids: [n.id] })}
                >
                  Mark read
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
