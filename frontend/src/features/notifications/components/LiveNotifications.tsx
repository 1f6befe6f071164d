import { useEffect, useState, type FocusEvent } from 'react'
import { Link } from 'react-router'
import { formatOrderNumber } from '../../../lib/format'
import { orderStatusLabel } from '../../../lib/orderStatus'
import { useLiveNotifications } from '../hooks'
import type { Notice } from '../types'

/** How long a notice stays up (paused while hovered or focused). */
export const NOTICE_TIMEOUT_MS = 8_000

/**
 * Toasts for what arrives live (order updates, notifications, public promotions). The polite
 * live region is in the page from the moment the feed starts, so that notices added to it
 * later are announced.
 */
export function LiveNotifications() {
  const { active, connection, notices, dismiss, opened } = useLiveNotifications()
  if (!active) return null
  return (
    <div className="notices" role="status" aria-live="polite" aria-label="Notifications" data-connection={connection}>
      {notices.map((notice) => (
        <Toast key={notice.id} notice={notice} onDismiss={dismiss} onOpen={opened} />
      ))}
    </div>
  )
}

/** A link inside the shop stays in the app; another site's opens as a plain link. */
export function NoticeLink({ to, children, onClick }: { to: string; children: React.ReactNode; onClick?: () => void }) {
  if (to.startsWith('/'))
    return (
      <Link to={to} onClick={onClick}>
        {children}
      </Link>
    )
  return (
    <a href={to} rel="noopener noreferrer" onClick={onClick}>
      {children}
    </a>
  )
}

interface ToastProps {
  notice: Notice
  onDismiss: (id: number) => void
  onOpen: (notice: Notice) => void
}

function Toast({ notice, onDismiss, onOpen }: ToastProps) {
  const [hovered, setHovered] = useState(false)
  const [focused, setFocused] = useState(false)
  const paused = hovered || focused

  useEffect(() => {
    if (paused) return
    const timer = setTimeout(() => onDismiss(notice.id), NOTICE_TIMEOUT_MS)
    return () => clearTimeout(timer)
  }, [paused, notice.id, onDismiss])

  function onBlur(event: FocusEvent<HTMLDivElement>) {
    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setFocused(false)
  }

  const order = notice.order
  return (
    <div
      className="notice"
      onMouseEnter={() => setHovered(true)}
      onMouseLeave={() => setHovered(false)}
      onFocus={() => setFocused(true)}
      onBlur={onBlur}
    >
      <div className="notice-body">
        {order ? (
          <>
            <p className="notice-title">
              <Link to={notice.link}>{formatOrderNumber(order.number)}</Link> is now {orderStatusLabel(order.status).toLowerCase()}.
            </p>
            {order.trackingNumber && (
              <p>
                Tracking number: <span className="tracking-number">{order.trackingNumber}</span>
              </p>
            )}
          </>
        ) : (
          <>
            <p className="notice-title">
              {notice.link ? (
                <NoticeLink to={notice.link} onClick={() => onOpen(notice)}>
                  {notice.title}
                </NoticeLink>
              ) : (
                notice.title
              )}
            </p>
            {notice.body && <p className="notice-text">{notice.body}</p>}
          </>
        )}
      </div>
      <button
        type="button"
        className="notice-dismiss"
        aria-label={order ? `Dismiss notification for ${formatOrderNumber(order.number, { midSentence: true })}` : `Dismiss notification: ${notice.title}`}
        onClick={() => onDismiss(notice.id)}
      >
        <span aria-hidden="true">×</span>
      </button>
    </div>
  )
}
