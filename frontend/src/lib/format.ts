const DECIMAL = /^-?\d+(\.\d+)?$/

/**
 * Money from the API is a decimal string ("12.50"). Intl formats the string itself (exact
 * decimal), so it is never turned into a float; the server computes every total.
 */
export function formatMoney(amount: string | number | null | undefined, currency: string): string {
  if (amount === null || amount === undefined || amount === '') return '—'
  const value = typeof amount === 'number' ? amount : amount.trim()
  if (typeof value === 'string' && !DECIMAL.test(value)) return `${amount} ${currency}`
  try {
    const formatter = new Intl.NumberFormat(undefined, { style: 'currency', currency })
    return formatter.format(value as number | `${number}`)
  } catch {
    return `${value} ${currency}`
  }
}

/** "0", "0.00", "-0.0": a zero amount, decided on the string, not a float. */
export function isZeroAmount(amount: string | null | undefined): boolean {
  return typeof amount === 'string' && /^-?0*(\.0*)?$/.test(amount.trim()) && /\d/.test(amount)
}

/** A non-negative amount with at most two decimals, as typed into a form ("12", "12.5", "12.50"). */
export function isMoneyInput(text: string): boolean {
  return /^\d{1,10}(\.\d{1,2})?$/.test(text.trim())
}

/** The largest amount the money columns hold (12 digits, 2 after the point), as shoppers read it. */
export const MAX_MONEY_TEXT = '9,999,999,999.99'

/** What is wrong with a typed amount, or '' when it is a valid one: a number that is merely too
 * large (or has too many decimals) is told so, not that it is not a number. */
export function moneyInputProblem(text: string): string {
  const value = text.trim()
  if (isMoneyInput(value)) return ''
  if (!/^\d+(\.\d+)?$/.test(value)) return 'Enter prices as numbers, like 5 or 12.50.'
  if (/^\d+\.\d{3,}$/.test(value)) return 'Use at most two decimals, like 12.50.'
  return `Prices go up to ${MAX_MONEY_TEXT}.`
}

export function formatDateTime(iso: string): string {
  const date = new Date(iso)
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })
}

export function formatDate(iso: string): string {
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleDateString(undefined, { dateStyle: 'medium' })
}

export function formatCount(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`
}

/** "about 10,000 products" for an estimated count (rounded to what an estimate can claim). */
export function formatApproxCount(n: number, estimate: boolean | undefined, singular: string, plural = `${singular}s`): string {
  if (!estimate) return formatCount(n, singular, plural)
  return `about ${approx(n).toLocaleString('en-GB')} ${plural}`
}

/** Two significant figures: 10,437 -> 10,000; 1,283 -> 1,300. */
export function approx(n: number): number {
  if (n < 100) return n
  const step = 10 ** (Math.floor(Math.log10(n)) - 1)
  return Math.round(n / step) * step
}

/** ISO timestamp -> the `YYYY-MM-DDTHH:mm` local value a datetime-local input shows. */
export function toLocalInput(iso: string | null | undefined): string {
  if (!iso) return ''
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return ''
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`
}

/** A datetime-local value (local time) -> ISO timestamp, or null when empty or invalid. */
export function fromLocalInput(value: string): string | null {
  if (!value) return null
  const date = new Date(value)
  return Number.isNaN(date.getTime()) ? null : date.toISOString()
}

/** How an order's number reads everywhere a person sees it: "Order #6411" ("order #6411" inside a
 * sentence). The back end's e-mails and notifications use the same words (storefront.order_labels). */
export function formatOrderNumber(number: string | number, options: { midSentence?: boolean } = {}): string {
  const text = String(number).trim().replace(/^#+/, '')
  return `${options.midSentence ? 'order' : 'Order'} #${text}`
}
