import type { ReactNode } from 'react'
import { Link } from 'react-router'
import { DataTable, type Column } from './DataTable'
import { StatusBadge } from './StatusBadge'
import { countryName } from '../lib/countries'
import { formatDate, formatDateTime, formatMoney, formatOrderNumber, isZeroAmount } from '../lib/format'
import { PaymentHistory } from './PaymentHistory'
import type { Address, Order, OrderStatus, OrderSummary, PaymentStatus, TimelineEntry } from '../types/commerce'
import {
  orderStatusLabel,
  orderStatusTones,
  paymentStatusLabel,
  paymentStatusTones,
} from '../lib/orderStatus'

export function OrderStatusBadge({ status }: { status: string }) {
  return (
    <StatusBadge status={status} label={orderStatusLabel(status)} tone={orderStatusTones[status as OrderStatus] ?? 'neutral'} />
  )
}

export function PaymentStatusBadge({ status }: { status: string }) {
  return (
    <StatusBadge
      status={status}
      label={paymentStatusLabel(status)}
      tone={paymentStatusTones[status as PaymentStatus] ?? 'neutral'}
    />
  )
}

interface OrderLinesProps {
  order: Pick<Order, 'lines' | 'currency'>
  /** Link product titles to the storefront (not in the dashboard). */
  linkProducts?: boolean
}

export function OrderLines({ order, linkProducts = false }: OrderLinesProps) {
  const money = (amount: string) => formatMoney(amount, order.currency)
  return (
    <DataTable
      label="Items ordered"
      rows={order.lines}
      columns={[
        {
          header: 'Item',
          rowHeader: true,
          className: 'cell-wrap',
          cell: (line) => (
            <>
              <span className="cell-title">
                {linkProducts && line.product_slug ? (
                  <Link to={`/products/${encodeURIComponent(line.product_slug)}`}>{line.product_title}</Link>
                ) : (
                  line.product_title
                )}
              </span>
              {line.variant_title && <span className="cell-sub">{line.variant_title}</span>}
              {line.sku && <span className="cell-sub">SKU {line.sku}</span>}
            </>
          ),
        },
        { header: 'Price', numeric: true, cell: (line) => money(line.unit_price) },
        { header: 'Qty', numeric: true, cell: (line) => line.quantity },
        { header: 'Total', numeric: true, cell: (line) => money(line.line_total) },
      ]}
    />
  )
}

interface OrdersTableProps {
  orders: OrderSummary[]
  label: string
  /** Where an order's link goes: `/account/orders/7` for the shopper, `/dashboard/orders/7` for staff. */
  orderPath: (order: OrderSummary) => string
  /** The customer's email (staff lists of every order). */
  showCustomer?: boolean
  showItems?: boolean
  /** Shoppers see the payment status only while it needs attention. */
  paymentOnlyWhenUnpaid?: boolean
}

/** A list of orders: number, date, status, item count and total. */
export function OrdersTable({
  orders,
  label,
  orderPath,
  showCustomer = false,
  showItems = true,
  paymentOnlyWhenUnpaid = false,
}: OrdersTableProps) {
  const columns: Column<OrderSummary>[] = [
    { header: 'Order', rowHeader: true, cell: (order) => <Link to={orderPath(order)}>{formatOrderNumber(order.number)}</Link> },
    { header: 'Date', cell: (order) => formatDate(order.created_at) },
  ]
  if (showCustomer) columns.push({ header: 'Customer', className: 'cell-wrap', cell: (order) => order.email ?? '—' })
  columns.push({
    header: 'Status',
    cell: (order) => (
      <span className="badges">
        <OrderStatusBadge status={order.status} />
        {(!paymentOnlyWhenUnpaid || order.payment_status !== 'paid') && (
          <PaymentStatusBadge status={order.payment_status} />
        )}
      </span>
    ),
  })
  if (showItems) columns.push({ header: 'Items', numeric: true, cell: (order) => order.item_count })
  columns.push({ header: 'Total', numeric: true, cell: (order) => formatMoney(order.total, order.currency) })
  return <DataTable label={label} rows={orders} columns={columns} />
}

interface TotalsProps {
  totals: {
    subtotal: string
    discount_total: string
    shipping_total: string
    tax_total: string
    total: string
    currency: string
  }
  discountLabel?: string
  taxLabel?: string
  taxIncluded?: boolean
}

/** The server's totals, each formatted; nothing is added up here. */
export function Totals({ totals, discountLabel, taxLabel = 'Tax', taxIncluded = false }: TotalsProps) {
  const { currency } = totals
  return (
    <dl className="totals">
      <div>
        <dt>Subtotal</dt>
        <dd>{formatMoney(totals.subtotal, currency)}</dd>
      </div>
      {!isZeroAmount(totals.discount_total) && (
        <div className="totals-discount">
          <dt>{discountLabel ? `Discount (${discountLabel})` : 'Discount'}</dt>
          <dd>−{formatMoney(totals.discount_total.replace(/^-/, ''), currency)}</dd>
        </div>
      )}
      <div>
        <dt>Shipping</dt>
        <dd>{isZeroAmount(totals.shipping_total) ? 'Free' : formatMoney(totals.shipping_total, currency)}</dd>
      </div>
      <div className={taxIncluded ? 'totals-note' : undefined}>
        <dt>{taxIncluded ? `Includes ${taxLabel}` : taxLabel}</dt>
        <dd>{formatMoney(totals.tax_total, currency)}</dd>
      </div>
      <div className="totals-total">
        <dt>Total</dt>
        <dd>{formatMoney(totals.total, currency)}</dd>
      </div>
    </dl>
  )
}

export function AddressBlock({ address }: { address: Partial<Address> | null | undefined }) {
  if (!address) return <p className="muted">No address.</p>
  const country = address.country ? countryName(address.country) : ''
  return (
    <address className="address">
      {[address.full_name, address.line1, address.line2, address.city, address.postcode, country]
        .filter(Boolean)
        .map((part, index) => (
          <span key={index}>
            {part}
            <br />
          </span>
        ))}
    </address>
  )
}

/** The order's history, oldest first, as an ordered list. */
export function OrderTimeline({ entries }: { entries: TimelineEntry[] }) {
  if (!entries?.length) return <p className="muted">No updates yet.</p>
  const sorted = [...entries].sort((a, b) => a.created_at.localeCompare(b.created_at))
  return (
    <ol className="timeline">
      {sorted.map((entry, index) => (
        <li key={`${entry.status}-${entry.created_at}-${index}`} className={index === sorted.length - 1 ? 'timeline-current' : undefined}>
          <span className="timeline-status">{orderStatusLabel(entry.status)}</span>{' '}
          <time dateTime={entry.created_at} className="muted">
            {formatDateTime(entry.created_at)}
          </time>
          {entry.note && <p className="timeline-note">{entry.note}</p>}
        </li>
      ))}
    </ol>
  )
}

interface OrderSideCardProps {
  order: Order
  addressTitle: string
  /** Between the facts and the address (e.g. the customer's email). */
  children?: ReactNode
}

/** The side card of an order page: its facts, where it goes and its history. */
export function OrderSideCard({ order, addressTitle, children }: OrderSideCardProps) {
  return (
    <div className="card">
      <OrderFacts order={order} />
      {children}
      <h2>{addressTitle}</h2>
      <AddressBlock address={order.shipping_address} />
      <h2>History</h2>
      <OrderTimeline entries={order.timeline} />
      {order.payments?.length ? (
        <>
          <h2>Payments</h2>
          <PaymentHistory order={order} />
        </>
      ) : null}
    </div>
  )
}

/** Number, date, status and payment of an order in one block. */
export function OrderFacts({ order }: { order: Order }) {
  return (
    <dl className="facts">
      <div>
        <dt>Order number</dt>
        <dd>{order.number}</dd>
      </div>
      <div>
        <dt>Placed</dt>
        <dd>{formatDateTime(order.created_at)}</dd>
      </div>
      <div>
        <dt>Status</dt>
        <dd>
          <OrderStatusBadge status={order.status} />
        </dd>
      </div>
      <div>
        <dt>Payment</dt>
        <dd>
          <PaymentStatusBadge status={order.payment_status} />
        </dd>
      </div>
      {order.shipping_method && (
        <div>
          <dt>Delivery</dt>
          <dd>{order.shipping_method}</dd>
        </div>
      )}
      {order.tracking_number && (
        <div>
          <dt>Tracking number</dt>
          <dd className="tracking-number">{order.tracking_number}</dd>
        </div>
      )}
    </dl>
  )
}
