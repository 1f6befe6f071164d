import type { ReactNode } from 'react'
import { SelectField, TextField } from '../../../components/Fields'
import type { FieldErrors } from '../../../lib/apiError'
import { useCountries } from '../../../lib/countries'
import type { Address } from '../../../types/commerce'

const COUNTRY_FOR_CURRENCY: Record<string, string> = {
  GBP: 'GB', USD: 'US', CAD: 'CA', AUD: 'AU', NZD: 'NZ', SEK: 'SE', NOK: 'NO', DKK: 'DK', CHF: 'CH', JPY: 'JP',
  PLN: 'PL', CZK: 'CZ',
}

export const ADDRESS_FIELDS: (keyof Address)[] = ['full_name', 'line1', 'line2', 'city', 'postcode', 'country']

type AddressInputName = Exclude<keyof Address, 'country'>

/** The address's text inputs (the country is a select). */
const ADDRESS_INPUTS: Record<AddressInputName, { label: string; autoComplete: string }> = {
  full_name: { label: 'Full name', autoComplete: 'shipping name' },
  line1: { label: 'Address line 1', autoComplete: 'shipping address-line1' },
  line2: { label: 'Address line 2 (optional)', autoComplete: 'shipping address-line2' },
  city: { label: 'Town or city', autoComplete: 'shipping address-level2' },
  postcode: { label: 'Postcode', autoComplete: 'shipping postal-code' },
}

/** A blank address, with the country guessed from the shop's currency. */
export function blankAddress(fullName: string, currency: string): Address {
  return { full_name: fullName, line1: '', line2: '', city: '', postcode: '', country: COUNTRY_FOR_CURRENCY[currency] ?? '' }
}

interface AddressFieldsetProps {
  address: Address
  onChange: (name: keyof Address, value: string) => void
  errors: FieldErrors
  disabled: boolean
  /** Shown above the fields (e.g. a picker of saved addresses). */
  children?: ReactNode
  /** Shown below them (e.g. "save this address"). */
  footer?: ReactNode
}

export function AddressFieldset({ address, onChange, errors, disabled, children, footer }: AddressFieldsetProps) {
  const countries = useCountries()
  const field = (name: AddressInputName) => {
    const { label, autoComplete } = ADDRESS_INPUTS[name]
    return (
      <TextField
        label={label}
        autoComplete={autoComplete}
        value={address[name]}
        onChange={(e) => onChange(name, e.target.value)}
        errors={errors[`shipping_address.${name}`]}
      />
    )
  }
  return (
    <fieldset className="form-section" disabled={disabled}>
      <legend>Shipping address</legend>
      {children}
      {field('full_name')}
      {field('line1')}
      {field('line2')}
      <div className="field-row">
        {field('city')}
        {field('postcode')}
      </div>
      <SelectField
        label="Country"
        autoComplete="shipping country"
        value={address.country}
        onChange={(e) => onChange('country', e.target.value)}
        errors={errors['shipping_address.country']}
      >
        <option value="">Choose a country</option>
        {countries.map(({ code, name }) => (
          <option key={code} value={code}>
            {name}
          </option>
        ))}
      </SelectField>
      {footer}
    </fieldset>
  )
}
