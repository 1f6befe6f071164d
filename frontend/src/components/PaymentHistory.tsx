import { formatDateTime, formatMoney } from '../lib/format'
import type { Order, PaymentRecord } from '../types/commerce'

const STATUS: Record<PaymentRecord['status'], string> = {
  creating: 'being made',
  requires_action: 'waiting for the card’s authentication',
  processing: 'processing',
  succeeded: 'succeeded',
  failed: 'failed',
  cancelled: 'cancelled',
}

/** Every payment attempt and refund of an order, oldest first, with the provider's id. */
export function PaymentHistory({ order }: { order: Pick<Order, 'payments' | 'currency'> }) {
  const records = [...(order.payments ?? [])].sort((a, b) => a.created_at.localeCompare(b.created_at))
  return (
    <ol className="timeline payment-history">
      {records.map((record) => (
        <li key={record.id}>
          <span className="timeline-status">
            {record.kind === 'refund' ? 'Refund' : 'Payment'} of {formatMoney(record.amount, record.currency || order.currency)}{' '}
            {STATUS[record.status] ?? record.status}
          </span>{' '}
          <time dateTime={record.created_at} className="muted">
            {formatDateTime(record.created_at)}
          </time>
          <p className="timeline-note">
            {record.card_last4 ? `Card ending ${record.card_last4}. ` : ''}
            {record.message ? `${record.message} ` : ''}
            {record.note ? `${record.note} ` : ''}
            {record.reference && (
              <>
                Reference <code className="cell-wrap">{record.reference}</code>
              </>
            )}
          </p>
        </li>
      ))}
    </ol>
  )
}
