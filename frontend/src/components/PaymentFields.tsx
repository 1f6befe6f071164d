import type { ChangeEvent } from 'react'
import { Alert } from './Alert'
import { TextField } from './Fields'
import type { FieldErrors } from '../lib/apiError'
import type { PaymentInput } from '../lib/payment'

export function TestModeNotice() {
  return (
    <Alert tone="info" title="Test mode">
      <p>No real payment is taken. Pay with one of these test cards, any future expiry date and any 3-digit code:</p>
      <ul className="test-cards">
        <li>
          <code>4242 4242 4242 4242</code> is approved
        </li>
        <li>
          <code>4000 0000 0000 0002</code> is declined
        </li>
      </ul>
    </Alert>
  )
}

/** Expiry and security code: short numeric inputs side by side. */
const CARD_DETAILS: {
  field: 'exp_month' | 'exp_year' | 'cvc'
  label: string
  /** The input's name, as browsers' autofill knows it. */
  name: string
  autoComplete: string
  maxLength: number
  placeholder?: string
}[] = [
  { field: 'exp_month', label: 'Expiry month', name: 'exp-month', autoComplete: 'cc-exp-month', placeholder: 'MM', maxLength: 2 },
  { field: 'exp_year', label: 'Expiry year', name: 'exp-year', autoComplete: 'cc-exp-year', placeholder: 'YYYY', maxLength: 4 },
  { field: 'cvc', label: 'Security code (CVC)', name: 'cvc', autoComplete: 'cc-csc', maxLength: 4 },
]

interface PaymentFieldsProps {
  value: PaymentInput
  onChange: (value: PaymentInput) => void
  errors: FieldErrors
  disabled?: boolean
}

/** Card number, expiry and security code, with errors at the server's paths (`payment.cvc`). */
export function PaymentFields({ value, onChange, errors, disabled }: PaymentFieldsProps) {
  const set = (name: keyof PaymentInput) => (e: ChangeEvent<HTMLInputElement>) =>
    onChange({ ...value, [name]: e.target.value })
  return (
    <fieldset className="form-section" disabled={disabled}>
      <legend>Payment</legend>
      <TextField
        label="Card number"
        name="cardnumber"
        autoComplete="cc-number"
        inputMode="numeric"
        value={value.card_number}
        onChange={set('card_number')}
        errors={errors['payment.card_number']}
      />
      <div className="field-row">
        {CARD_DETAILS.map(({ field, ...input }) => (
          <TextField
            key={field}
            {...input}
            inputMode="numeric"
            value={value[field]}
            onChange={set(field)}
            errors={errors[`payment.${field}`]}
          />
        ))}
      </div>
    </fieldset>
  )
}
