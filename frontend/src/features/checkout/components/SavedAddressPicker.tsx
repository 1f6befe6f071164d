import { useId } from 'react'
import { CheckboxField } from '../../../components/Fields'
import { countryName } from '../../../lib/countries'
import { NEW_ADDRESS, type SavedAddressChoice } from '../useSavedAddresses'

/** Radio buttons for the saved addresses, then "A new address". */
export function SavedAddressPicker({ book }: { book: SavedAddressChoice }) {
  const name = useId()
  if (!book.saved.length) return null
  return (
        <fieldset className="saved-addresses">
          <legend>Deliver to</legend>
          <ul className="choice-list">
            {[...book.saved.map((a) => ({ value: String(a.id), title: a.label || a.line1, detail: summary(a) })),
              { value: NEW_ADDRESS, title: 'A new address', detail: '' }].map((option) => (
              <li key={option.value}>
                <label className="choice">
                  <input
                    type="radio"
                    name={name}
                    value={option.value}
                    checked={book.choice === option.value}
                    onChange={() => book.choose(option.value)}
                  />
                  <span className="choice-text">
                    <span className="choice-title">{option.title}</span>
                    {option.detail && <span className="choice-hint">{option.detail}</span>}
                  </span>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
  )
}

export function SaveAddressCheckbox({ book }: { book: SavedAddressChoice }) {
  if (!book.canSave) return null
  return (
    <CheckboxField
      label="Save this address to my address book"
      checked={book.save}
      onChange={(e) => book.setSave(e.target.checked)}
    />
  )
}

function summary(a: { full_name: string; line1: string; city: string; postcode: string; country: string }) {
  return [a.full_name, a.line1, a.city, a.postcode, countryName(a.country)].filter(Boolean).join(', ')
}
