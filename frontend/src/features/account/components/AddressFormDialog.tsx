import { useState } from 'react'
import { CheckboxField, SelectField, TextField } from '../../../components/Fields'
import { FormDialog } from '../../../components/FormDialog'
import type { FieldErrors } from '../../../lib/apiError'
import { useCountries } from '../../../lib/countries'
import { useSaveForm } from '../../../lib/useSaveForm'
import type { SavedAddress, SavedAddressInput } from '../addressesApi'

const SHOWN_FIELDS = ['label', 'full_name', 'line1', 'line2', 'city', 'postcode', 'country', 'phone', 'is_default']

const REQUIRED: [keyof SavedAddressInput, string][] = [
  ['full_name', 'Enter the full name for delivery.'],
  ['line1', 'Enter the first line of the address.'],
  ['city', 'Enter the town or city.'],
  ['postcode', 'Enter the postcode.'],
  ['country', 'Choose a country.'],
]

const TEXT_INPUTS: { name: Exclude<keyof SavedAddressInput, 'country' | 'is_default'>; label: string; autoComplete: string }[] = [
  { name: 'label', label: 'Label (optional, e.g. Home)', autoComplete: 'off' },
  { name: 'full_name', label: 'Full name', autoComplete: 'name' },
  { name: 'line1', label: 'Address line 1', autoComplete: 'address-line1' },
  { name: 'line2', label: 'Address line 2 (optional)', autoComplete: 'address-line2' },
  { name: 'city', label: 'Town or city', autoComplete: 'address-level2' },
  { name: 'postcode', label: 'Postcode', autoComplete: 'postal-code' },
  { name: 'phone', label: 'Phone (optional)', autoComplete: 'tel' },
]

interface AddressFormDialogProps {
  title: string
  initial?: SavedAddress
  /** The first address becomes the default anyway; the box is not offered then. */
  offerDefault: boolean
  saving: boolean
  onSave: (body: SavedAddressInput) => Promise<unknown>
  onClose: () => void
}

export function AddressFormDialog({ title, initial, offerDefault, saving, onSave, onClose }: AddressFormDialogProps) {
  const countries = useCountries()
  const [form, setForm] = useState<SavedAddressInput>(() => ({
    label: initial?.label ?? '',
    full_name: initial?.full_name ?? '',
    line1: initial?.line1 ?? '',
    line2: initial?.line2 ?? '',
    city: initial?.city ?? '',
    postcode: initial?.postcode ?? '',
    country: initial?.country ?? '',
    phone: initial?.phone ?? '',
    is_default: initial?.is_default ?? false,
  }))
  const { fields, error, onSubmit } = useSaveForm(() => {
    const errors: FieldErrors = {}
    for (const [name, message] of REQUIRED) if (!String(form[name] ?? '').trim()) errors[name] = [message]
    if (Object.keys(errors).length) return { body: null, errors }
    const trimmed = Object.fromEntries(
      Object.entries(form).map(([name, value]) => [name, typeof value === 'string' ? value.trim() : value]),
    ) as SavedAddressInput
    return { body: trimmed, errors }
  }, onSave)

  return (
    <FormDialog
      title={title}
      onClose={onClose}
      onSubmit={onSubmit}
      saving={saving}
      error={error}
      shownFields={SHOWN_FIELDS}
      submitLabel="Save address"
    >
      {TEXT_INPUTS.map(({ name, label, autoComplete }) => (
        <TextField
          key={name}
          label={label}
          autoComplete={autoComplete}
          type={name === 'phone' ? 'tel' : 'text'}
          value={form[name] ?? ''}
          onChange={(e) => setForm((f) => ({ ...f, [name]: e.target.value }))}
          errors={fields[name]}
        />
      ))}
      <SelectField
        label="Country"
        autoComplete="country"
        value={form.country}
        onChange={(e) => setForm((f) => ({ ...f, country: e.target.value }))}
        errors={fields.country}
      >
        <option value="">Choose a country</option>
        {countries.map(({ code, name }) => (
          <option key={code} value={code}>
            {name}
          </option>
        ))}
      </SelectField>
      {offerDefault && !initial?.is_default && (
        <CheckboxField
          label="Use as my default address"
          checked={Boolean(form.is_default)}
          onChange={(e) => setForm((f) => ({ ...f, is_default: e.target.checked }))}
          errors={fields.is_default}
        />
      )}
    </FormDialog>
  )
}
