import type { ChangeEvent } from 'react'
import { Alert } from '../../../components/Alert'
import { TextField } from '../../../components/TextField'
import type { FieldErrors } from '../../../lib/apiError'
import type { PaymentInput } from '../payment'

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
        <TextField
          label="Expiry month"
          name="exp-month"
          autoComplete="cc-exp-month"
          inputMode="numeric"
          placeholder="MM"
          maxLength={2}
          value={value.exp_month}
          onChange={set('exp_month')}
          errors={errors['payment.exp_month']}
        />
        <TextField
          label="Expiry year"
          name="exp-year"
          autoComplete="cc-exp-year"
          inputMode="numeric"
          placeholder="YYYY"
          maxLength={4}
          value={value.exp_year}
          onChange={set('exp_year')}
          errors={errors['payment.exp_year']}
        />
        <TextField
          label="Security code (CVC)"
          name="cvc"
          autoComplete="cc-csc"
          inputMode="numeric"
          maxLength={4}
          value={value.cvc}
          onChange={set('cvc')}
          errors={errors['payment.cvc']}
        />
      </div>
    </fieldset>
  )
}
