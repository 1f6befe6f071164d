import { useState, type FormEvent } from 'react'
import { useShopInfo } from '../../../../app/shop'
import { Dialog } from '../../../../components/Dialog'
import { ErrorSummary } from '../../../../components/ErrorSummary'
import { CheckboxField, SelectField } from '../../../../components/Fields'
import { EmptyState, ErrorState, Loading } from '../../../../components/States'
import { StatusBadge } from '../../../../components/StatusBadge'
import { TextField } from '../../../../components/TextField'
import { parseApiError, type ApiError, type FieldErrors } from '../../../../lib/apiError'
import { formatDateTime, formatMoney, fromLocalInput, isMoneyInput, toLocalInput } from '../../../../lib/format'
import { useDocumentTitle } from '../../../../lib/useDocumentTitle'
import {
  useCreateDiscountMutation,
  useDeleteDiscountMutation,
  useDiscountsQuery,
  useUpdateDiscountMutation,
  type Discount,
  type DiscountInput,
} from '../../settingsApi'

export function discountValueLabel(discount: Pick<Discount, 'kind' | 'value'>, currency: string): string {
  return discount.kind === 'percent'
    ? `${discount.value.replace(/\.0+$/, '')}% off`
    : `${formatMoney(discount.value, currency)} off`
}

export function DiscountsPage() {
  useDocumentTitle('Discounts — Dashboard')
  const shop = useShopInfo()
  const { data, isLoading, error, refetch } = useDiscountsQuery()
  const [editing, setEditing] = useState<Discount | 'new' | null>(null)
  const [deleting, setDeleting] = useState<Discount | null>(null)
  const [status, setStatus] = useState('')

  return (
    <section aria-labelledby="discounts-title">
      <div className="page-head">
        <h1 id="discounts-title">Discounts</h1>
        <button type="button" className="btn btn-primary" onClick={() => setEditing('new')}>
          New discount
        </button>
      </div>
      <p className="live-status live-ok" role="status">
        {status}
      </p>
      {isLoading ? (
        <Loading label="Loading discounts…" />
      ) : error ? (
        <ErrorState error={error} onRetry={refetch} />
      ) : !data || data.length === 0 ? (
        <EmptyState title="No discount codes yet">
          <p>Create a code that shoppers enter at checkout.</p>
        </EmptyState>
      ) : (
        <div className="table-scroll" role="region" aria-label="Discount codes" tabIndex={0}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Code</th>
                <th scope="col">Discount</th>
                <th scope="col">Minimum order</th>
                <th scope="col">Valid</th>
                <th scope="col">Used</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.map((discount) => (
                <tr key={discount.id}>
                  <th scope="row">
                    <code>{discount.code}</code>
                  </th>
                  <td>{discountValueLabel(discount, shop.currency)}</td>
                  <td>{discount.min_subtotal ? formatMoney(discount.min_subtotal, shop.currency) : '—'}</td>
                  <td className="small">
                    {discount.starts_at ? `From ${formatDateTime(discount.starts_at)}` : 'From now'}
                    <br />
                    {discount.ends_at ? `Until ${formatDateTime(discount.ends_at)}` : 'No end date'}
                  </td>
                  <td>
                    {discount.times_used}
                    {discount.usage_limit !== null ? ` of ${discount.usage_limit}` : ''}
                  </td>
                  <td>
                    <StatusBadge status={discount.active ? 'active' : 'inactive'} />
                  </td>
                  <td className="row-actions">
                    <button
                      type="button"
                      className="btn btn-link"
                      onClick={() => setEditing(discount)}
                      aria-label={`Edit ${discount.code}`}
                    >
                      Edit
                    </button>
                    <button
                      type="button"
                      className="btn btn-link"
                      onClick={() => setDeleting(discount)}
                      aria-label={`Delete ${discount.code}`}
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
        <DiscountDialog
          discount={editing === 'new' ? undefined : editing}
          currency={shop.currency}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            setEditing(null)
            setStatus(`Discount ${saved.code} saved.`)
          }}
        />
      )}
      {deleting && (
        <DeleteDiscountDialog
          discount={deleting}
          onClose={() => setDeleting(null)}
          onDeleted={() => {
            setStatus(`Discount ${deleting.code} deleted.`)
            setDeleting(null)
          }}
        />
      )}
    </section>
  )
}

interface DiscountForm {
  code: string
  kind: 'percent' | 'fixed'
  value: string
  min_subtotal: string
  starts_at: string
  ends_at: string
  usage_limit: string
  active: boolean
}

function formFrom(discount?: Discount): DiscountForm {
  return {
    code: discount?.code ?? '',
    kind: discount?.kind ?? 'percent',
    value: discount?.value ?? '',
    min_subtotal: discount?.min_subtotal ?? '',
    starts_at: toLocalInput(discount?.starts_at),
    ends_at: toLocalInput(discount?.ends_at),
    usage_limit: discount?.usage_limit === null || discount?.usage_limit === undefined ? '' : String(discount.usage_limit),
    active: discount?.active ?? true,
  }
}

export function buildDiscountInput(form: DiscountForm): { body: DiscountInput | null; errors: FieldErrors } {
  const errors: FieldErrors = {}
  if (!form.code.trim()) errors.code = ['Enter a code.']
  else if (/\s/.test(form.code.trim())) errors.code = ['Codes cannot contain spaces.']
  if (!isMoneyInput(form.value)) errors.value = ['Enter a number like 10 or 5.00.']
  if (form.min_subtotal.trim() && !isMoneyInput(form.min_subtotal)) errors.min_subtotal = ['Enter an amount like 25.00.']
  if (form.usage_limit.trim() && !/^\d+$/.test(form.usage_limit.trim())) errors.usage_limit = ['Enter a whole number.']
  const starts = fromLocalInput(form.starts_at)
  const ends = fromLocalInput(form.ends_at)
  if (starts && ends && ends <= starts) errors.ends_at = ['The end must be after the start.']
  if (Object.keys(errors).length) return { body: null, errors }
  return {
    body: {
      code: form.code.trim(),
      kind: form.kind,
      value: form.value.trim(),
      min_subtotal: form.min_subtotal.trim() || '0.00',
      starts_at: starts,
      ends_at: ends,
      usage_limit: form.usage_limit.trim() ? Number(form.usage_limit.trim()) : null,
      active: form.active,
    },
    errors,
  }
}

const DISCOUNT_FIELDS = ['code', 'kind', 'value', 'min_subtotal', 'starts_at', 'ends_at', 'usage_limit', 'active']

function DiscountDialog({
  discount,
  currency,
  onClose,
  onSaved,
}: {
  discount?: Discount
  currency: string
  onClose: () => void
  onSaved: (discount: Discount) => void
}) {
  const [form, setForm] = useState(() => formFrom(discount))
  const [fields, setFields] = useState<FieldErrors>({})
  const [error, setError] = useState<ApiError | null>(null)
  const [create, createState] = useCreateDiscountMutation()
  const [update, updateState] = useUpdateDiscountMutation()
  const saving = createState.isLoading || updateState.isLoading
  const set = <K extends keyof DiscountForm>(name: K, value: DiscountForm[K]) => setForm((f) => ({ ...f, [name]: value }))

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const { body, errors } = buildDiscountInput(form)
    setFields(errors)
    if (!body) return
    setError(null)
    try {
      const saved = discount ? await update({ id: discount.id, body }).unwrap() : await create(body).unwrap()
      onSaved(saved ?? { ...body, id: discount?.id ?? '', times_used: discount?.times_used ?? 0 })
    } catch (failure) {
      const parsed = parseApiError(failure)
      setError(parsed)
      setFields(parsed.fields)
    }
  }

  return (
    <Dialog title={discount ? `Edit ${discount.code}` : 'New discount'} onClose={onClose}>
      <form onSubmit={onSubmit} noValidate aria-busy={saving}>
        {error && <ErrorSummary error={error} shownFields={DISCOUNT_FIELDS} />}
        <TextField
          label="Code"
          value={form.code}
          onChange={(e) => set('code', e.target.value.toUpperCase())}
          errors={fields.code}
          autoComplete="off"
        />
        <div className="field-row">
          <SelectField
            label="Type"
            value={form.kind}
            onChange={(e) => set('kind', e.target.value as DiscountForm['kind'])}
            errors={fields.kind}
          >
            <option value="percent">Percentage</option>
            <option value="fixed">Fixed amount ({currency})</option>
          </SelectField>
          <TextField
            label={form.kind === 'percent' ? 'Percent off' : `Amount off (${currency})`}
            inputMode="decimal"
            value={form.value}
            onChange={(e) => set('value', e.target.value)}
            errors={fields.value}
          />
        </div>
        <TextField
          label={`Minimum order subtotal (${currency}, optional)`}
          inputMode="decimal"
          value={form.min_subtotal}
          onChange={(e) => set('min_subtotal', e.target.value)}
          errors={fields.min_subtotal}
        />
        <div className="field-row">
          <TextField
            label="Starts (optional)"
            type="datetime-local"
            value={form.starts_at}
            onChange={(e) => set('starts_at', e.target.value)}
            errors={fields.starts_at}
          />
          <TextField
            label="Ends (optional)"
            type="datetime-local"
            value={form.ends_at}
            onChange={(e) => set('ends_at', e.target.value)}
            errors={fields.ends_at}
          />
        </div>
        <TextField
          label="Usage limit (optional)"
          inputMode="numeric"
          value={form.usage_limit}
          onChange={(e) => set('usage_limit', e.target.value)}
          errors={fields.usage_limit}
          hint="How many orders can use this code in total."
        />
        <CheckboxField
          label="Active"
          checked={form.active}
          onChange={(e) => set('active', e.target.checked)}
          errors={fields.active}
        />
        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={saving}>
            {saving ? 'Saving…' : discount ? 'Save discount' : 'Create discount'}
          </button>
          <button type="button" className="btn btn-secondary" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  )
}

function DeleteDiscountDialog({
  discount,
  onClose,
  onDeleted,
}: {
  discount: Discount
  onClose: () => void
  onDeleted: () => void
}) {
  const [remove, { isLoading, error }] = useDeleteDiscountMutation()
  return (
    <Dialog title={`Delete discount ${discount.code}?`} onClose={onClose}>
      <p>Shoppers will no longer be able to use this code. Orders that used it keep their discount.</p>
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
            void remove(discount.id)
              .unwrap()
              .then(onDeleted)
              .catch(() => undefined)
          }
        >
          {isLoading ? 'Deleting…' : 'Delete discount'}
        </button>
        <button type="button" className="btn btn-secondary" onClick={onClose}>
          Keep it
        </button>
      </div>
    </Dialog>
  )
}
