import { useId, type KeyboardEvent } from 'react'
import { FieldErrorList } from '../../../components/Fields'
import type { DiscountCodeControls } from '../useCheckoutQuote'

interface DiscountFieldsetProps {
  code: DiscountCodeControls
  errors?: string[]
  disabled: boolean
  /** No delivery rate is chosen yet, so no quote can check a code. */
  cannotCheck: boolean
}

export function DiscountFieldset({ code, errors, disabled, cannotCheck }: DiscountFieldsetProps) {
  const inputId = useId()
  const errorId = useId()
  const statusId = useId()

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    // Enter here applies the code; it must not place the order.
    if (event.key === 'Enter') {
      event.preventDefault()
      void code.apply()
    }
  }

  return (
    <fieldset className="form-section" disabled={disabled}>
      <legend>Discount code</legend>
      {code.applied ? (
        <p className="applied-code">
          <span>
            Code <strong>{code.applied}</strong> is applied.
          </span>{' '}
          <button type="button" className="btn btn-link" onClick={code.remove}>
            Remove code
          </button>
        </p>
      ) : (
        <div className="field">
          <label htmlFor={inputId}>Discount code (optional)</label>
          <div className="inline-input">
            <input
              id={inputId}
              name="discount_code"
              autoComplete="off"
              value={code.input}
              onChange={(e) => code.setInput(e.target.value)}
              onKeyDown={onKeyDown}
              aria-invalid={errors?.length ? true : undefined}
              aria-describedby={[errors?.length ? errorId : '', statusId].join(' ').trim()}
            />
            <button
              type="button"
              className="btn btn-secondary"
              onClick={() => void code.apply()}
              disabled={code.checking || cannotCheck}
            >
              {code.checking ? 'Checking…' : 'Apply'}
            </button>
          </div>
          <FieldErrorList id={errors?.length ? errorId : undefined} errors={errors} />
        </div>
      )}
      <p className="live-status live-ok" id={statusId} role="status">
        {code.status}
      </p>
    </fieldset>
  )
}
