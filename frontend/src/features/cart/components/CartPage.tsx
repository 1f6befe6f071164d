import { useEffect, useId, useState, type FormEvent } from 'react'
import { Link, useLocation } from 'react-router'
import { useShopInfo } from '../../../app/shop'
import { Alert } from '../../../components/Alert'
import { EmptyState, ErrorState, Loading } from '../../../components/States'
import { parseApiError } from '../../../lib/apiError'
import { formatCount, formatMoney, formatOrderNumber } from '../../../lib/format'
import { useDocumentTitle } from '../../../lib/useDocumentTitle'
import type { CartLine } from '../../../types/commerce'
import { CartRecs } from '../../recs'
import type { ReorderResult } from '../cartApi'
import { useRemoveCartLineMutation, useUpdateCartLineMutation } from '../cartApi'
import { useCart } from '../hooks'

export interface CartLocationState {
  reorder?: { orderNumber: string; added: ReorderResult['added']; unavailable: ReorderResult['unavailable'] }
}

function lineName(line: { product_title: string; variant_title?: string }) {
  return line.variant_title ? `${line.product_title} (${line.variant_title})` : line.product_title
}

export function CartPage() {
  const shop = useShopInfo()
  useDocumentTitle(`Cart — ${shop.name}`)
  const { cart, isLoading, error, refetch, isEmpty } = useCart()
  const location = useLocation()
  const reorder = (location.state as CartLocationState | null)?.reorder
  const [status, setStatus] = useState('')

  return (
    <section aria-labelledby="cart-title" className="cart-page">
      <h1 id="cart-title">Your cart</h1>
      {reorder && <ReorderNotice reorder={reorder} />}
      <p className="visually-hidden" role="status">
        {status}
      </p>
      {isLoading ? (
        <Loading label="Loading your cart…" />
      ) : error && !cart ? (
        <ErrorState error={error} onRetry={refetch} />
      ) : isEmpty || !cart ? (
        <EmptyState title="Your cart is empty">
          <p>Find something you like and add it to your cart.</p>
          <Link className="btn btn-primary" to="/">
            Browse products
          </Link>
        </EmptyState>
      ) : (
        <div className="cart-layout">
          <ul className="cart-lines" aria-label="Items in your cart">
            {cart.lines.map((line) => (
              <CartLineRow key={line.id} line={line} currency={cart.currency} onStatus={setStatus} />
            ))}
          </ul>
          <aside className="card cart-summary" aria-labelledby="cart-summary-title">
            <h2 id="cart-summary-title">Summary</h2>
            <dl className="totals">
              <div>
                <dt>Subtotal ({formatCount(cart.item_count, 'item')})</dt>
                <dd>{formatMoney(cart.subtotal, cart.currency)}</dd>
              </div>
            </dl>
            <p className="muted small">Shipping, discounts and taxes are worked out at checkout.</p>
            {cart.lines.some((line) => line.available < line.quantity) && (
              <p className="inline-error">Some items are not available in the quantity you chose.</p>
            )}
            <Link className="btn btn-primary btn-block" to="/checkout">
              Checkout
            </Link>
            <p className="form-footer">
              <Link to="/">Continue shopping</Link>
            </p>
          </aside>
        </div>
      )}
      {cart && !isEmpty && <CartRecs />}
    </section>
  )
}

function ReorderNotice({ reorder }: { reorder: NonNullable<CartLocationState['reorder']> }) {
  const addedCount = reorder.added.reduce((sum, item) => sum + item.quantity, 0)
  return (
    <>
      {reorder.added.length > 0 && (
        <Alert tone="success">
          <p>
            Added {formatCount(addedCount, 'item')} from {formatOrderNumber(reorder.orderNumber, { midSentence: true })} to your cart.
          </p>
        </Alert>
      )}
      {reorder.unavailable.length > 0 && (
        <Alert tone="error" title="Some items from your order are not available">
          <ul>
            {reorder.unavailable.map((item) => (
              <li key={lineName(item) + item.reason}>
                {lineName(item)}: {item.reason}
              </li>
            ))}
          </ul>
        </Alert>
      )}
    </>
  )
}

interface CartLineRowProps {
  line: CartLine
  currency: string
  onStatus: (message: string) => void
}

function CartLineRow({ line, currency, onStatus }: CartLineRowProps) {
  const [update, updateState] = useUpdateCartLineMutation()
  const [remove, removeState] = useRemoveCartLineMutation()
  const [quantity, setQuantity] = useState(String(line.quantity))
  const [lineError, setLineError] = useState('')
  const quantityId = useId()
  const errorId = useId()
  const busy = updateState.isLoading || removeState.isLoading
  const name = lineName(line)

  // The server has the last word on the quantity.
  useEffect(() => setQuantity(String(line.quantity)), [line.quantity])

  async function commit(next: number) {
    if (!Number.isInteger(next) || next < 1) {
      setLineError('Enter a whole number, 1 or more. To take the item out, use Remove.')
      return
    }
    if (next === line.quantity) {
      setLineError('')
      return
    }
    setLineError('')
    try {
      await update({ id: line.id, quantity: next }).unwrap()
      onStatus(`${name}: quantity is now ${next}.`)
    } catch (failure) {
      const error = parseApiError(failure)
      setLineError(error.fields.quantity?.join(' ') ?? error.message)
      setQuantity(String(line.quantity))
    }
  }

  async function onRemove() {
    setLineError('')
    try {
      await remove({ id: line.id }).unwrap()
      onStatus(`Removed ${name} from your cart.`)
    } catch (failure) {
      setLineError(parseApiError(failure).message)
    }
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    void commit(Number(quantity))
  }

  return (
    <li className="cart-line" aria-busy={busy}>
      {line.image?.thumb_url ? (
        <img className="cart-thumb" src={line.image.thumb_url} alt="" width={80} height={80} />
      ) : (
        <div className="cart-thumb product-thumb-empty" aria-hidden="true" />
      )}
      <div className="cart-line-info">
        <h2 className="cart-line-title">
          <Link to={`/products/${encodeURIComponent(line.product_slug)}`}>{line.product_title}</Link>
        </h2>
        {line.variant_title && <p className="muted">{line.variant_title}</p>}
        <p className="muted small">
          {formatMoney(line.unit_price, currency)} each{line.sku ? ` · SKU ${line.sku}` : ''}
        </p>
        {line.available < line.quantity && (
          <p className="inline-error">
            {line.available > 0 ? `Only ${line.available} available.` : 'No longer available.'}
          </p>
        )}
      </div>
      <form className="cart-line-qty" onSubmit={onSubmit}>
        <label htmlFor={quantityId} className="visually-hidden">
          Quantity of {name}
        </label>
        <button
          type="button"
          className="btn btn-secondary btn-small qty-step"
          aria-label={`Decrease quantity of ${name}`}
          disabled={busy || line.quantity <= 1}
          onClick={() => void commit(line.quantity - 1)}
        >
          −
        </button>
        <input
          id={quantityId}
          type="number"
          inputMode="numeric"
          min={1}
          step={1}
          value={quantity}
          onChange={(e) => setQuantity(e.target.value)}
          onBlur={() => {
            if (quantity !== String(line.quantity)) void commit(Number(quantity))
          }}
          aria-invalid={lineError ? true : undefined}
          aria-describedby={lineError ? errorId : undefined}
          disabled={removeState.isLoading}
        />
        <button
          type="button"
          className="btn btn-secondary btn-small qty-step"
          aria-label={`Increase quantity of ${name}`}
          disabled={busy}
          onClick={() => void commit(line.quantity + 1)}
        >
          +
        </button>
      </form>
      <p className="cart-line-total">
        <span className="visually-hidden">Line total </span>
        {formatMoney(line.line_total, currency)}
      </p>
      <button
        type="button"
        className="btn btn-link cart-line-remove"
        onClick={() => void onRemove()}
        disabled={busy}
        aria-label={`Remove ${name}`}
      >
        {removeState.isLoading ? 'Removing…' : 'Remove'}
      </button>
      {lineError && (
        <p className="inline-error cart-line-error" id={errorId} role="alert">
          {lineError}
        </p>
      )}
    </li>
  )
}
