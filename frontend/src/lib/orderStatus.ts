import type { BadgeTone } from '../components/StatusBadge'
import type { OrderStatus, PaymentStatus } from '../types/commerce'

export const orderStatusLabels: Record<OrderStatus, string> = {
  placed: 'Placed',
  paid: 'Paid',
  processing: 'Processing',
  shipped: 'Shipped',
  delivered: 'Delivered',
  cancelled: 'Cancelled',
  refunded: 'Refunded',
}

export const orderStatusTones: Record<OrderStatus, BadgeTone> = {
  placed: 'warn',
  paid: 'info',
  processing: 'info',
  shipped: 'ok',
  delivered: 'ok',
  cancelled: 'neutral',
  refunded: 'neutral',
}

export const paymentStatusLabels: Record<PaymentStatus, string> = {
  pending: 'Payment pending',
  paid: 'Payment received',
  failed: 'Payment failed',
  partly_refunded: 'Partly refunded',
  refunded: 'Refunded',
}

export const paymentStatusTones: Record<PaymentStatus, BadgeTone> = {
  pending: 'warn',
  paid: 'ok',
  failed: 'bad',
  partly_refunded: 'neutral',
  refunded: 'neutral',
}

export function orderStatusLabel(status: string): string {
  return orderStatusLabels[status as OrderStatus] ?? status
}

export function paymentStatusLabel(status: string): string {
  return paymentStatusLabels[status as PaymentStatus] ?? status
}

/** An order the shopper can still pay for (placed, payment pending or declined). */
export function awaitingPayment(order: { status: string; payment_status: string }): boolean {
  return order.status === 'placed' && (order.payment_status === 'pending' || order.payment_status === 'failed')
}
