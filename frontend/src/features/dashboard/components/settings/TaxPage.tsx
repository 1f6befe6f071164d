import { useEffect, useState } from 'react'
import { ErrorSummary } from '../../../../components/ErrorSummary'
import { CheckboxField, TextField } from '../../../../components/Fields'
import { ErrorState, Loading } from '../../../../components/States'
import { SubmitRow } from '../../../../components/FormDialog'
import type { FieldErrors } from '../../../../lib/apiError'
import { useDocumentTitle } from '../../../../lib/useDocumentTitle'
import { useSaveForm } from '../../../../lib/useSaveForm'
import { useSaveShopSettingsMutation, useShopSettingsQuery, type ShopSettings } from '../../settingsApi'
import { TaxRatesSection } from './TaxRatesSection'

export function TaxPage() {
  useDocumentTitle('Tax — Dashboard')
  const { data, isLoading, error, refetch } = useShopSettingsQuery()
  const [save, { isLoading: saving }] = useSaveShopSettingsMutation()
  const [form, setForm] = useState<ShopSettings>({ tax_rate: '', prices_include_tax: true, tax_label: '' })
  const [status, setStatus] = useState('')

  useEffect(() => {
    if (data) setForm(data)
  }, [data])

  const { fields, error: formError, onSubmit } = useSaveForm(
    () => {
      setStatus('')
      const errors: FieldErrors = {}
      if (!/^\d{1,2}(\.\d{1,2})?$|^100(\.0{1,2})?$/.test(form.tax_rate.trim())) {
        errors.tax_rate = ['Enter a rate from 0 to 100, like 20 or 7.5.']
      }
      if (!form.tax_label.trim()) errors.tax_label = ['Enter a label, like VAT or Sales tax.']
      const body = Object.keys(errors).length
        ? null
        : { ...form, tax_rate: form.tax_rate.trim(), tax_label: form.tax_label.trim() }
      return { body, errors }
    },
    async (body: ShopSettings) => {
      await save(body).unwrap()
      setStatus('Tax settings saved.')
    },
  )

  return (
    <div>
      <section aria-labelledby="tax-title">
        <h1 id="tax-title">Tax</h1>
        <p className="muted">
          The default rate applies to every destination without a rate of its own (the rest of the world); add a rate
          per country below.
        </p>
        {isLoading ? (
          <Loading label="Loading tax settings…" />
        ) : error ? (
          <ErrorState error={error} onRetry={refetch} />
        ) : (
          <form className="card form-card-wide" onSubmit={onSubmit} noValidate aria-busy={saving}>
            {formError && <ErrorSummary error={formError} shownFields={['tax_rate', 'tax_label', 'prices_include_tax']} />}
            <TextField
              label="Default tax rate (%)"
              inputMode="decimal"
              value={form.tax_rate}
              onChange={(e) => setForm({ ...form, tax_rate: e.target.value })}
              errors={fields.tax_rate}
            />
            <TextField
              label="Tax label"
              value={form.tax_label}
              onChange={(e) => setForm({ ...form, tax_label: e.target.value })}
              errors={fields.tax_label}
              hint="Shown to shoppers at checkout, e.g. VAT."
            />
            <CheckboxField
              label="Prices include tax"
              checked={form.prices_include_tax}
              onChange={(e) => setForm({ ...form, prices_include_tax: e.target.checked })}
              errors={fields.prices_include_tax}
              hint="On: catalog prices already contain tax (usual in the UK and EU). Off: tax is added at checkout."
            />
            <SubmitRow busy={saving} label="Save tax settings" busyLabel="Saving…" status={status} />
          </form>
        )}
      </section>
      <TaxRatesSection defaultLabel={data?.tax_label ?? ''} />
    </div>
  )
}
