import { useEffect, useState, type FocusEvent } from 'react'
import { Link } from 'react-router'
import { orderStatusLabel } from '../../../lib/orderStatus'
import { useLiveNotifications } from '../hooks'
import type { OrderNotice } from '../types'

/** How long a notice stays up (paused while hovered or focused). */
export const NOTICE_TIMEOUT_MS = 8_000

/**
 * Live order updates for the signed-in shopper. The polite live region is in the page from the
 * moment the feed starts, so that notices added to it later are announced.
 */
export function LiveNotifications() {
  const { active, connection, notices, dismiss } = useLiveNotifications()
  if (!active) return null
  return (
    <div className="notices" role="status" aria-live="polite" aria-label="Notifications" data-connection={connection}>
      {notices.map((notice) => (
        <Notice key={notice.id} notice={notice} onDismiss={dismiss} />
      ))}
    </div>
  )
}

function Notice({ notice, onDismiss }: { notice: OrderNotice; onDismiss: (id: number) => void }) {
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

  return (
    <div
      className="notice"
      onMouseEnter={() => setHovered(true)}
      onMouseLeave={() => setHovered(false)}
      onFocus={() => setFocused(true)}
      onBlur={onBlur}
    >
      <div className="notice-body">
        <p className="notice-title">
          <Link to={`/account/orders/${encodeURIComponent(notice.orderId)}`}>Order #{notice.number}</Link> is now{' '}
          {orderStatusLabel(notice.status).toLowerCase()}.
        </p>
        {notice.trackingNumber && (
          <p>
            Tracking number: <span className="tracking-number">{notice.trackingNumber}</span>
          </p>
        )}
      </div>
      <button
        type="button"
        className="notice-dismiss"
        aria-label={`Dismiss notification for order #${notice.number}`}
        onClick={() => onDismiss(notice.id)}
      >
        <span aria-hidden="true">×</span>
      </button>
    </div>
  )
}
