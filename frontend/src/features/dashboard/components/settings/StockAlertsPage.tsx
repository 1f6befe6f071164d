import { useEffect, useState } from 'react'
import { ErrorSummary } from '../../../../components/ErrorSummary'
import { TextField } from '../../../../components/Fields'
import { SubmitRow } from '../../../../components/FormDialog'
import { ErrorState, Loading } from '../../../../components/States'
import type { FieldErrors } from '../../../../lib/apiError'
import { useDocumentTitle } from '../../../../lib/useDocumentTitle'
import { useSaveForm } from '../../../../lib/useSaveForm'
import { useSaveShopSettingsMutation, useShopSettingsQuery, type ShopSettings } from '../../settingsApi'

/** The stock cap of one variant (storefront/services.py MAX_STOCK); the threshold is at most it. */
const MAX_THRESHOLD = 10_000_000

/** When a variant counts as low on stock: the live feed says so the moment it falls that low. */
export function StockAlertsPage() {
  useDocumentTitle('Stock alerts — Dashboard')
  const { data, isLoading, error, refetch } = useShopSettingsQuery()
  const [save, { isLoading: saving }] = useSaveShopSettingsMutation()
  const [threshold, setThreshold] = useState('')
  const [status, setStatus] = useState('')

  useEffect(() => {
    if (data) setThreshold(String(data.low_stock_threshold ?? 5))
  }, [data])

  const { fields, error: formError, onSubmit } = useSaveForm(
    () => {
      setStatus('')
      const errors: FieldErrors = {}
      const value = threshold.trim()
      if (!/^\d+$/.test(value) || Number(value) > MAX_THRESHOLD) {
        errors.low_stock_threshold = [`Enter a whole number from 0 to ${MAX_THRESHOLD.toLocaleString('en')}.`]
      }
      const body: ShopSettings | null = Object.keys(errors).length || !data ? null : { ...data, low_stock_threshold: Number(value) }
      return { body, errors }
    },
    async (body: ShopSettings) => {
      const saved = await save(body).unwrap()
      setStatus(`Saved: a variant is low on stock at ${saved.low_stock_threshold ?? body.low_stock_threshold} or fewer.`)
    },
  )

  return (
    <section aria-labelledby="stock-alerts-title">
      <h1 id="stock-alerts-title">Stock alerts</h1>
      <p className="muted">
        When a sale or an edit brings a variant&apos;s stock down to this number or below, the live feed shows it as low
        on stock, once.
      </p>
      {isLoading ? (
        <Loading label="Loading stock alert settings…" />
      ) : error ? (
        <ErrorState error={error} onRetry={refetch} />
      ) : (
        <form className="card form-card-wide" onSubmit={onSubmit} noValidate aria-busy={saving}>
          {formError && <ErrorSummary error={formError} shownFields={['low_stock_threshold']} />}
          <TextField
            label="Low-stock threshold"
            inputMode="numeric"
            value={threshold}
            onChange={(e) => setThreshold(e.target.value)}
            errors={fields.low_stock_threshold}
            hint="Units left in one variant. 0: only when it sells out."
          />
          <SubmitRow busy={saving} label="Save stock alerts" busyLabel="Saving…" status={status} />
        </form>
      )}
    </section>
  )
}
