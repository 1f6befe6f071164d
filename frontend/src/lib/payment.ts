import type { FieldErrors } from './apiError'
import type { Order, PaymentDetails } from '../types/commerce'

export interface PaymentInput {
  card_number: string
  exp_month: string
  exp_year: string
  cvc: string
}

export const emptyPayment: PaymentInput = { card_number: '', exp_month: '', exp_year: '', cvc: '' }

/** Checks the card fields in the browser; the field paths match the server's (`payment.cvc`). */
export function validatePayment(
  input: PaymentInput,
  now = new Date(),
): { payment: PaymentDetails | null; errors: FieldErrors } {
  const errors: FieldErrors = {}
  const digits = input.card_number.replace(/[\s-]/g, '')
  if (!digits) errors['payment.card_number'] = ['Enter the card number.']
  else if (!/^\d{12,19}$/.test(digits)) errors['payment.card_number'] = ['Enter a card number of 12 to 19 digits.']

  const month = Number(input.exp_month.trim())
  if (!input.exp_month.trim()) errors['payment.exp_month'] = ['Enter the expiry month.']
  else if (!/^\d{1,2}$/.test(input.exp_month.trim()) || month < 1 || month > 12) {
    errors['payment.exp_month'] = ['Enter a month from 1 to 12.']
  }

  const yearText = input.exp_year.trim()
  let year = Number(yearText)
  if (/^\d{2}$/.test(yearText)) year = 2000 + year
  if (!yearText) errors['payment.exp_year'] = ['Enter the expiry year.']
  else if (!/^\d{2}(\d{2})?$/.test(yearText)) errors['payment.exp_year'] = ['Enter the year as YY or YYYY.']
  else if (year < now.getFullYear()) errors['payment.exp_year'] = ['This card has expired.']
  else if (!errors['payment.exp_month'] && year === now.getFullYear() && month < now.getMonth() + 1) {
    errors['payment.exp_month'] = ['This card has expired.']
  }

  const cvc = input.cvc.trim()
  if (!cvc) errors['payment.cvc'] = ['Enter the security code.']
  else if (!/^\d{3,4}$/.test(cvc)) errors['payment.cvc'] = ['Enter the 3 or 4 digits on the back of the card.']

  if (Object.keys(errors).length) return { payment: null, errors }
  return { payment: { card_number: digits, exp_month: month, exp_year: year, cvc }, errors }
}

export const PAYMENT_FIELDS = ['payment.card_number', 'payment.exp_month', 'payment.exp_year', 'payment.cvc']

/** 402 body: the order exists but is unpaid. */
export interface DeclinedBody {
  error: { code: string; message: string }
  order: Order
}

/** The order carried by a 402 card_declined answer, if that is what `error` is. */
export function declinedOrder(error: unknown): Order | null {
  const data = (error as { status?: unknown; data?: Partial<DeclinedBody> } | undefined)?.data
  if ((error as { status?: unknown } | undefined)?.status !== 402) return null
  return data?.order ?? null
}
