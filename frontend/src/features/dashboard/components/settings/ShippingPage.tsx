import { useState, type FormEvent } from 'react'
import { useShopInfo } from '../../../../app/shop'
import { Dialog } from '../../../../components/Dialog'
import { ErrorSummary } from '../../../../components/ErrorSummary'
import { CheckboxField } from '../../../../components/Fields'
import { EmptyState, ErrorState, Loading } from '../../../../components/States'
import { StatusBadge } from '../../../../components/StatusBadge'
import { TextField } from '../../../../components/TextField'
import { parseApiError, type ApiError, type FieldErrors } from '../../../../lib/apiError'
import { formatMoney, isMoneyInput } from '../../../../lib/format'
import { useDocumentTitle } from '../../../../lib/useDocumentTitle'
import {
  useCreateShippingRateMutation,
  useDeleteShippingRateMutation,
  useShippingRatesQuery,
  useUpdateShippingRateMutation,
  type ShippingRate,
  type ShippingRateInput,
} from '../../settingsApi'

export function ShippingPage() {
  useDocumentTitle('Shipping — Dashboard')
  const shop = useShopInfo()
  const { data, isLoading, error, refetch } = useShippingRatesQuery()
  const [editing, setEditing] = useState<ShippingRate | 'new' | null>(null)
  const [deleting, setDeleting] = useState<ShippingRate | null>(null)
  const [status, setStatus] = useState('')

  return (
    <section aria-labelledby="shipping-title">
      <div className="page-head">
        <h1 id="shipping-title">Shipping rates</h1>
        <button type="button" className="btn btn-primary" onClick={() => setEditing('new')}>
          New shipping rate
        </button>
      </div>
      <p className="muted">Shoppers choose one of the active rates at checkout.</p>
      <p className="live-status live-ok" role="status">
        {status}
      </p>
      {isLoading ? (
        <Loading label="Loading shipping rates…" />
      ) : error ? (
        <ErrorState error={error} onRetry={refetch} />
      ) : !data || data.length === 0 ? (
        <EmptyState title="No shipping rates yet">
          <p>Add at least one rate so shoppers can check out.</p>
        </EmptyState>
      ) : (
        <div className="table-scroll" role="region" aria-label="Shipping rate list" tabIndex={0}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col" className="num">
                  Price
                </th>
                <th scope="col">Free over</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.map((rate) => (
                <tr key={rate.id}>
                  <th scope="row">{rate.name}</th>
                  <td className="num">{formatMoney(rate.price, shop.currency)}</td>
                  <td>{rate.free_over ? formatMoney(rate.free_over, shop.currency) : '—'}</td>
                  <td>
                    <StatusBadge status={rate.active ? 'active' : 'inactive'} />
                  </td>
                  <td className="row-actions">
                    <button type="button" className="btn btn-link" onClick={() => setEditing(rate)} aria-label={`Edit ${rate.name}`}>
                      Edit
                    </button>
                    <button
                      type="button"
                      className="btn btn-link"
                      onClick={() => setDeleting(rate)}
                      aria-label={`Delete ${rate.name}`}
                    >
                      Delete
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editing && (
        <RateDialog
          rate={editing === 'new' ? undefined : editing}
          currency={shop.currency}
          onClose={() => setEditing(null)}
          onSaved={(name) => {
            setEditing(null)
            setStatus(`Shipping rate ${name} saved.`)
          }}
        />
      )}
      {deleting && (
        <DeleteRateDialog
          rate={deleting}
          onClose={() => setDeleting(null)}
          onDeleted={() => {
            setStatus(`Shipping rate ${deleting.name} deleted.`)
            setDeleting(null)
          }}
        />
      )}
    </section>
  )
}

export function buildRateInput(form: { name: string; price: string; free_over: string; active: boolean }) {
  const errors: FieldErrors = {}
  if (!form.name.trim()) errors.name = ['Enter a name, like Standard.']
  if (!isMoneyInput(form.price)) errors.price = ['Enter a price like 3.95 (0 for free).']
  if (form.free_over.trim() && !isMoneyInput(form.free_over)) errors.free_over = ['Enter an amount like 50.00, or leave it empty.']
  if (Object.keys(errors).length) return { body: null, errors }
  const body: ShippingRateInput = {
    name: form.name.trim(),
    price: form.price.trim(),
    free_over: form.free_over.trim() || null,
    active: form.active,
  }
  return { body, errors }
}

function RateDialog({
  rate,
  currency,
  onClose,
  onSaved,
}: {
  rate?: ShippingRate
  currency: string
  onClose: () => void
  onSaved: (name: string) => void
}) {
  const [form, setForm] = useState({
    name: rate?.name ?? '',
    price: rate?.price ?? '',
    free_over: rate?.free_over ?? '',
    active: rate?.active ?? true,
  })
  const [fields, setFields] = useState<FieldErrors>({})
  const [error, setError] = useState<ApiError | null>(null)
  const [create, createState] = useCreateShippingRateMutation()
  const [update, updateState] = useUpdateShippingRateMutation()
  const saving = createState.isLoading || updateState.isLoading

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const { body, errors } = buildRateInput(form)
    setFields(errors)
    if (!body) return
    setError(null)
    try {
      if (rate) await update({ id: rate.id, body }).unwrap()
      else await create(body).unwrap()
      onSaved(body.name)
    } catch (failure) {
      const parsed = parseApiError(failure)
      setError(parsed)
      setFields(parsed.fields)
    }
  }

  return (
    <Dialog title={rate ? `Edit ${rate.name}` : 'New shipping rate'} onClose={onClose}>
      <form onSubmit={onSubmit} noValidate aria-busy={saving}>
        {error && <ErrorSummary error={error} shownFields={['name', 'price', 'free_over', 'active']} />}
        <TextField label="Name" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} errors={fields.name} />
        <TextField
          label={`Price (${currency})`}
          inputMode="decimal"
          value={form.price}
          onChange={(e) => setForm({ ...form, price: e.target.value })}
          errors={fields.price}
        />
        <TextField
          label={`Free for orders over (${currency}, optional)`}
          inputMode="decimal"
          value={form.free_over}
          onChange={(e) => setForm({ ...form, free_over: e.target.value })}
          errors={fields.free_over}
        />
        <CheckboxField
          label="Active"
          checked={form.active}
          onChange={(e) => setForm({ ...form, active: e.target.checked })}
          errors={fields.active}
        />
        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={saving}>
            {saving ? 'Saving…' : rate ? 'Save rate' : 'Create rate'}
          </button>
          <button type="button" className="btn btn-secondary" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  )
}

function DeleteRateDialog({ rate, onClose, onDeleted }: { rate: ShippingRate; onClose: () => void; onDeleted: () => void }) {
  const [remove, { isLoading, error }] = useDeleteShippingRateMutation()
  return (
    <Dialog title={`Delete shipping rate ${rate.name}?`} onClose={onClose}>
      <p>Shoppers will no longer be able to choose it. Past orders keep their shipping details.</p>
      {error && (
        <p className="alert alert-error" role="alert">
          {parseApiError(error).message}
        </p>
      )}
      <div className="actions">
        <button
          type="button"
          className="btn btn-danger"
          disabled={isLoading}
          onClick={() =>
            void remove(rate.id)
              .unwrap()
              .then(onDeleted)
              .catch(() => undefined)
          }
        >
          {isLoading ? 'Deleting…' : 'Delete rate'}
        </button>
        <button type="button" className="btn btn-secondary" onClick={onClose}>
          Keep it
        </button>
      </div>
    </Dialog>
  )
}
