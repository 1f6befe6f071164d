import { useState } from 'react'
import { CheckboxField, TextField } from '../../../../components/Fields'
import { FormDialog } from '../../../../components/FormDialog'
import type { FieldErrors } from '../../../../lib/apiError'
import { countryName, parseCountryCodes } from '../../../../lib/countries'
import { useSaveForm } from '../../../../lib/useSaveForm'
import {
  useCreateShippingZoneMutation,
  useDeleteShippingZoneMutation,
  useShippingZonesQuery,
  useUpdateShippingZoneMutation,
  type ShippingZone,
  type ShippingZoneInput,
} from '../../settingsApi'
import { CrudPage, type EditorProps } from './CrudPage'

export function zoneCountries(zone: ShippingZone): string {
  if (zone.rest_of_world) return 'Every country not in another zone'
  return zone.countries.map(countryName).join(', ')
}

/** The zones section of the shipping page: which countries each set of rates serves. */
export function ZonesSection() {
  const result = useShippingZonesQuery()
  return (
    <CrudPage
      title="Zones"
      headingLevel={2}
      noun="Zone"
      newLabel="New zone"
      result={result}
      loadingLabel="Loading zones…"
      emptyTitle="No zones yet"
      emptyText="Without a zone no rate is offered anywhere: add a rest-of-world zone, or one per region you ship to."
      tableLabel="Shipping zone list"
      itemName={(zone) => zone.name}
      columns={[
        { header: 'Zone', rowHeader: true, cell: (zone) => zone.name },
        { header: 'Countries', className: 'small', cell: zoneCountries },
      ]}
      Editor={ZoneDialog}
      remove={{
        useMutation: useDeleteShippingZoneMutation,
        title: (zone) => `Delete zone ${zone.name}?`,
        body: 'Its rates are deleted with it, and its countries fall back to the rest-of-world zone.',
        confirmLabel: 'Delete zone',
      }}
    />
  )
}

interface ZoneForm {
  name: string
  countries: string
  rest_of_world: boolean
}

export function buildZoneInput(form: ZoneForm): { body: ShippingZoneInput | null; errors: FieldErrors } {
  const errors: FieldErrors = {}
  if (!form.name.trim()) errors.name = ['Enter a name, like Europe.']
  const { codes, invalid } = parseCountryCodes(form.countries)
  if (!form.rest_of_world) {
    if (invalid.length) errors.countries = [`Use two-letter country codes: ${invalid.join(', ')} is not one.`]
    else if (!codes.length) errors.countries = ['Add at least one country code, like GB or DE.']
  }
  if (Object.keys(errors).length) return { body: null, errors }
  return {
    body: { name: form.name.trim(), countries: form.rest_of_world ? [] : codes, rest_of_world: form.rest_of_world },
    errors,
  }
}

function ZoneDialog({ item: zone, onClose, onSaved }: EditorProps<ShippingZone>) {
  const [form, setForm] = useState<ZoneForm>({
    name: zone?.name ?? '',
    countries: zone?.countries.join(', ') ?? '',
    rest_of_world: zone?.rest_of_world ?? false,
  })
  const [create, createState] = useCreateShippingZoneMutation()
  const [update, updateState] = useUpdateShippingZoneMutation()
  const { fields, error, onSubmit } = useSaveForm(
    () => buildZoneInput(form),
    async (body: ShippingZoneInput) => {
      if (zone) await update({ id: zone.id, body }).unwrap()
      else await create(body).unwrap()
      onSaved(body.name)
    },
  )
  const preview = parseCountryCodes(form.countries).codes

  return (
    <FormDialog
      title={zone ? `Edit ${zone.name}` : 'New zone'}
      onClose={onClose}
      onSubmit={onSubmit}
      saving={createState.isLoading || updateState.isLoading}
      error={error}
      shownFields={['name', 'countries', 'rest_of_world']}
      submitLabel={zone ? 'Save zone' : 'Create zone'}
    >
      <TextField label="Name" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} errors={fields.name} />
      <CheckboxField
        label="Rest of world"
        checked={form.rest_of_world}
        onChange={(e) => setForm({ ...form, rest_of_world: e.target.checked })}
        errors={fields.rest_of_world}
        hint="Serves every country that no other zone names."
      />
      {!form.rest_of_world && (
        <TextField
          label="Countries"
          value={form.countries}
          onChange={(e) => setForm({ ...form, countries: e.target.value })}
          errors={fields.countries}
          autoComplete="off"
          hint={
            preview.length
              ? `Two-letter codes, separated by commas: ${preview.map(countryName).join(', ')}.`
              : 'Two-letter codes, separated by commas, like GB, IE.'
          }
        />
      )}
    </FormDialog>
  )
}
