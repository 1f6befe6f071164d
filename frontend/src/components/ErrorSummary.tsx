import type { Ref } from 'react'
import type { ApiError } from '../lib/apiError'

interface ErrorSummaryProps {
  error: ApiError
  /** Field paths shown next to their inputs; the rest are listed here. */
  shownFields?: string[]
  title?: string
  ref?: Ref<HTMLDivElement>
}

/** The form-level error: the server's message, plus any field errors no input displays. */
export function ErrorSummary({ error, shownFields = [], title, ref }: ErrorSummaryProps) {
  const others = Object.entries(error.fields).filter(([name]) => !shownFields.includes(name))
  return (
    <div className="alert alert-error" role="alert" ref={ref} tabIndex={-1}>
      {title && <p className="alert-title">{title}</p>}
      <p>{error.message}</p>
      {others.length > 0 && (
        <ul>
          {others.flatMap(([name, messages]) =>
            messages.map((message) => (
              <li key={name + message}>
                {humanField(name)}: {message}
              </li>
            )),
          )}
        </ul>
      )}
    </div>
  )
}

const FIELD_LABELS: Record<string, string> = {
  sku: 'SKU',
  cvc: 'Security code',
  exp_month: 'Expiry month',
  exp_year: 'Expiry year',
  line1: 'Address line 1',
  line2: 'Address line 2',
  postcode: 'Postcode',
  category_id: 'Category',
  parent_id: 'Parent',
  shipping_rate_id: 'Delivery',
}

const GROUP_LABELS: Record<string, string> = {
  variants: 'Variant',
  shipping_address: 'Shipping address',
  payment: 'Payment',
  options: 'Option',
}

/** `variants.1.sku` -> "Variant 2 SKU"; `variants.sku` -> "Variant SKU"; `gift_note` -> "Gift note". */
export function humanField(path: string): string {
  const parts = path.split('.')
  const last = parts[parts.length - 1]
  if (last === 'non_field_errors' || last === 'detail') return 'Error'
  const label = (name: string) => FIELD_LABELS[name] ?? (name.charAt(0).toUpperCase() + name.slice(1)).replace(/_/g, ' ')
  const words: string[] = []
  parts.forEach((part, i) => {
    if (/^\d+$/.test(part)) {
      words.push(String(Number(part) + 1))
    } else if (i < parts.length - 1) {
      words.push(GROUP_LABELS[part] ?? label(part))
    } else {
      words.push(words.length ? (FIELD_LABELS[part] ?? part.replace(/_/g, ' ')) : label(part))
    }
  })
  return words.join(' ')
}
