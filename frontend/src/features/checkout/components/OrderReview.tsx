import { Totals } from '../../../components/OrderParts'
import { ErrorState } from '../../../components/States'
import { formatMoney } from '../../../lib/format'
import type { Cart } from '../../../types/commerce'
import type { CheckoutOptions, Quote } from '../checkoutApi'

interface OrderReviewProps {
  cart: Cart
  quote?: Quote
  quoteLoading: boolean
  quoteError?: unknown
  onRetryQuote: () => void
  options?: CheckoutOptions
}

export function OrderReview({ cart, quote, quoteLoading, quoteError, onRetryQuote, options }: OrderReviewProps) {
  const tax = options?.tax
  const taxLabel = tax ? `${tax.label} (${tax.rate.replace(/\.0+$/, '').replace(/(\.\d*[1-9])0+$/, '$1')}%)` : 'Tax'
  return (
    <aside className="card order-review" aria-labelledby="review-title">
      <h2 id="review-title">Your order</h2>
      <ul className="review-lines">
        {cart.lines.map((line) => (
          <li key={line.id}>
            <span>
              {line.product_title}
              {line.variant_title ? ` (${line.variant_title})` : ''} × {line.quantity}
            </span>
            <span>{formatMoney(line.line_total, cart.currency)}</span>
          </li>
        ))}
      </ul>
      <div aria-live="polite" aria-busy={quoteLoading}>
        {quote ? (
          <Totals
            totals={quote}
            discountLabel={quote.discount?.code}
            taxLabel={taxLabel}
            taxIncluded={tax?.included ?? false}
          />
        ) : quoteError ? (
          <ErrorState error={quoteError} onRetry={onRetryQuote} />
        ) : (
          <dl className="totals">
            <div>
              <dt>Subtotal</dt>
              <dd>{formatMoney(cart.subtotal, cart.currency)}</dd>
            </div>
          </dl>
        )}
        <p className="muted small">{quoteLoading ? 'Updating totals…' : ''}</p>
      </div>
    </aside>
  )
}
