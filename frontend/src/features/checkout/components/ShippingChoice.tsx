import { useId } from 'react'
import { FieldErrorList } from '../../../components/Fields'
import { ErrorState, Loading } from '../../../components/States'
import { formatMoney, isZeroAmount } from '../../../lib/format'
import type { Id } from '../../../types/commerce'
import type { CheckoutOptions } from '../checkoutApi'
import { NoDelivery } from './NoDelivery'

interface ShippingChoiceProps {
  options?: CheckoutOptions
  loading: boolean
  error: unknown
  onRetry: () => void
  selectedId: Id | null
  onSelect: (id: Id) => void
  errors?: string[]
  disabled: boolean
  currency: string
}

export function ShippingChoice({ options, loading, error, onRetry, selectedId, onSelect, errors, disabled, currency }: ShippingChoiceProps) {
  const name = useId()
  const errorId = useId()
  return (
    <fieldset className="form-section" disabled={disabled} aria-describedby={errors?.length ? errorId : undefined}>
      <legend>Delivery</legend>
      {loading ? (
        <Loading label="Loading delivery options…" />
      ) : error ? (
        <ErrorState error={error} onRetry={onRetry} />
      ) : !options?.shipping_rates.length ? (
        <NoDelivery options={options} />
      ) : (
        <ul className="choice-list">
          {options.shipping_rates.map((rate) => {
            const free = isZeroAmount(rate.price_for_cart)
            return (
              <li key={rate.id}>
                <label className="choice">
                  <input
                    type="radio"
                    name={name}
                    value={String(rate.id)}
                    checked={String(rate.id) === String(selectedId)}
                    onChange={() => onSelect(rate.id)}
                  />
                  <span className="choice-text">
                    <span className="choice-title">{rate.name}</span>
                    <span className="choice-price">
                      {free ? 'Free' : formatMoney(rate.price_for_cart, options.currency || currency)}
                    </span>
                    {rate.free_over && !free && (
                      <span className="choice-hint">Free on orders over {formatMoney(rate.free_over, options.currency || currency)}</span>
                    )}
                  </span>
                </label>
              </li>
            )
          })}
        </ul>
      )}
      <FieldErrorList id={errorId} errors={errors} />
    </fieldset>
  )
}
