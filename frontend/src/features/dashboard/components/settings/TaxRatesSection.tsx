import { useState } from 'react'
import { TextField } from '../../../../components/Fields'
import { FormDialog } from '../../../../components/FormDialog'
import type { FieldErrors } from '../../../../lib/apiError'
import { countryName } from '../../../../lib/countries'
import { useSaveForm } from '../../../../lib/useSaveForm'
import {
  useCreateTaxRateMutation,
  useDeleteTaxRateMutation,
  useTaxRatesQuery,
  useUpdateTaxRateMutation,
  type TaxRate,
  type TaxRateInput,
} from '../../settingsApi'
import { CrudPage, type EditorProps } from './CrudPage'

const PERCENT = /^\d{1,2}(\.\d{1,2})?$|^100(\.0{1,2})?$/

export function buildTaxRateInput(form: TaxRateInput): { body: TaxRateInput | null; errors: FieldErrors } {
  const errors: FieldErrors = {}
  const country = form.country.trim().toUpperCase()
  if (!/^[A-Z]{2}$/.test(country)) errors.country = ['Enter a two-letter country code, like DE.']
  if (!PERCENT.test(form.rate.trim())) errors.rate = ['Enter a rate from 0 to 100, like 19 or 5.5.']
  if (Object.keys(errors).length) return { body: null, errors }
  return { body: { country, rate: form.rate.trim(), label: form.label.trim() }, errors }
}

/** Tax rates by destination country, on the tax page. */
export function TaxRatesSection({ defaultLabel }: { defaultLabel: string }) {
  const result = useTaxRatesQuery()
  return (
    <CrudPage
      title="Rates by country"
      headingLevel={2}
      noun="Tax rate for"
      newLabel="New country rate"
      result={result}
      loadingLabel="Loading tax rates…"
      emptyTitle="No country rates yet"
      emptyText="Every destination pays the default rate. Add a country to charge it its own rate."
      tableLabel="Tax rates by country"
      itemName={(rate) => countryName(rate.country)}
      columns={[
        { header: 'Country', rowHeader: true, cell: (rate) => `${countryName(rate.country)} (${rate.country})` },
        { header: 'Rate', numeric: true, cell: (rate) => `${rate.rate.replace(/\.0+$/, '')}%` },
        { header: 'Label', cell: (rate) => rate.label || defaultLabel || '—' },
      ]}
      Editor={TaxRateDialog}
      remove={{
        useMutation: useDeleteTaxRateMutation,
        title: (rate) => `Delete the rate for ${countryName(rate.country)}?`,
        body: 'Orders to this country will pay the default rate. Past orders keep their tax.',
        confirmLabel: 'Delete rate',
      }}
    />
  )
}

function TaxRateDialog({ item: rate, onClose, onSaved }: EditorProps<TaxRate>) {
  const [form, setForm] = useState<TaxRateInput>({
    country: rate?.country ?? '',
    rate: rate?.rate ?? '',
    label: rate?.label ?? '',
  })
  const [create, createState] = useCreateTaxRateMutation()
  const [update, updateState] = useUpdateTaxRateMutation()
  const { fields, error, onSubmit } = useSaveForm(
    () => buildTaxRateInput(form),
    async (body: TaxRateInput) => {
      if (rate) await update({ id: rate.id, body }).unwrap()
      else await create(body).unwrap()
      onSaved(countryName(body.country))
    },
  )

  return (
    <FormDialog
      title={rate ? `Edit the rate for ${countryName(rate.country)}` : 'New country rate'}
      onClose={onClose}
      onSubmit={onSubmit}
      saving={createState.isLoading || updateState.isLoading}
      error={error}
      shownFields={['country', 'rate', 'label']}
      submitLabel={rate ? 'Save rate' : 'Create rate'}
    >
      <TextField
        label="Country code"
        value={form.country}
        onChange={(e) => setForm({ ...form, country: e.target.value.toUpperCase() })}
        errors={fields.country}
        autoComplete="off"
        maxLength={2}
        hint={/^[A-Z]{2}$/.test(form.country) ? countryName(form.country) : 'Two letters, like DE for Germany.'}
      />
      <TextField
        label="Tax rate (%)"
        inputMode="decimal"
        value={form.rate}
        onChange={(e) => setForm({ ...form, rate: e.target.value })}
        errors={fields.rate}
      />
      <TextField
        label="Label (optional)"
        value={form.label}
        onChange={(e) => setForm({ ...form, label: e.target.value })}
        errors={fields.label}
        hint={`Shown at checkout; ${defaultLabelHint(form)}.`}
      />
    </FormDialog>
  )
}

function defaultLabelHint(form: TaxRateInput): string {
  return form.label.trim() ? `shoppers see “${form.label.trim()}”` : 'the shop’s default label when empty'
}
