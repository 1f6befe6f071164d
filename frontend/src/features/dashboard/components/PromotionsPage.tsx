import { useState, type FormEvent } from 'react'
import { Alert } from '../../../components/Alert'
import { DataTable, type Column } from '../../../components/DataTable'
import { ErrorSummary } from '../../../components/ErrorSummary'
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../../components/Fields'
import { EmptyState, ErrorState, Loading } from '../../../components/States'
import { parseApiError } from '../../../lib/apiError'
import { useDocumentTitle } from '../../../lib/useDocumentTitle'
import { useCurrentUser } from '../../auth/hooks'
import { useDashCategoriesQuery } from '../catalogApi'
import { usePromotionsQuery, useSendPromotionMutation, type Audience, type Promotion } from '../promotionsApi'

const AUDIENCES: { value: Audience; label: string }[] = [
  { value: 'all', label: 'All shoppers' },
  { value: 'category', label: 'Shoppers who bought from a category' },
  { value: 'lapsed', label: 'Shoppers who have not ordered for a while' },
]

const STATUS_LABELS: Record<Promotion['status'], string> = {
  queued: 'Queued',
  sending: 'Sending…',
  sent: 'Sent',
  failed: 'Failed',
}

function audienceText(p: Promotion): string {
  if (p.audience === 'category') return `Bought from ${p.category?.name ?? 'a deleted category'}`
  if (p.audience === 'lapsed') return `No order for ${p.inactive_days} days`
  return p.is_public ? 'All shoppers and visitors' : 'All shoppers'
}

const columns: Column<Promotion>[] = [
  { header: 'Title', rowHeader: true, cell: (p) => p.title },
  { header: 'Audience', cell: audienceText },
  { header: 'Status', cell: (p) => STATUS_LABELS[p.status] },
  { header: 'Recipients', numeric: true, cell: (p) => p.recipients },
  { header: 'Reached', numeric: true, cell: (p) => withVisitors(p.reached, p.visitors_reached) },
  { header: 'Opened', numeric: true, cell: (p) => withVisitors(p.opened, p.visitors_opened) },
]

/** "14 (3 visitors)": the total, and how many of it were visitors who are not signed in. */
function withVisitors(total: number, visitors = 0): string {
  return visitors ? `${total} (${visitors} ${visitors === 1 ? 'visitor' : 'visitors'})` : String(total)
}

/** Write a promotion to a group of shoppers; see how many it reached and opened. */
export function PromotionsPage() {
  useDocumentTitle('Promotions')
  const user = useCurrentUser()
  const canSend = user?.permissions?.customers === 'write' || user?.role === 'owner'
  const list = usePromotionsQuery()
  const inFlight = !!list.data?.results.some((p) => p.status === 'queued' || p.status === 'sending')
  // While one is being sent its counts move: a second subscription polls the same entry.
  usePromotionsQuery(undefined, { pollingInterval: inFlight ? 3000 : 0, skip: !inFlight })

  return (
    <section aria-labelledby="promotions-title">
      <h1 id="promotions-title">Promotions</h1>
      {canSend ? <PromotionForm /> : <Alert tone="info">Your role may read promotions but not send them.</Alert>}
      <h2>Sent promotions</h2>
      {list.isLoading ? (
        <Loading label="Loading promotions…" />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : !list.data?.results.length ? (
        <EmptyState title="No promotions yet">
          <p>Shoppers who are online see a promotion at once; the others find it in their notifications.</p>
        </EmptyState>
      ) : (
        <>
          <DataTable label="Sent promotions" rows={list.data.results} columns={columns} />
          <p className="muted">
            Reached: shoppers who saw it live or in their notifications, and visitors who were shown a public promotion
            live. Opened: shoppers who read it, and visitors who followed its link. Each person counts once.
          </p>
        </>
      )}
    </section>
  )
}

const empty = { title: '', text: '', link: '', discount_code: '', audience: 'all' as Audience, category_id: '', inactive_days: '30', is_public: false }

function PromotionForm() {
  const [form, setForm] = useState(empty)
  const [sent, setSent] = useState<string | null>(null)
  const [send, { isLoading, error, reset }] = useSendPromotionMutation()
  const categories = useDashCategoriesQuery(undefined, { skip: form.audience !== 'category' })
  const apiError = error ? parseApiError(error) : null
  const fields = apiError?.fields ?? {}
  const set = (patch: Partial<typeof form>) => {
    setForm((was) => ({ ...was, ...patch }))
    setSent(null)
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    reset()
    const result = await send({
      title: form.title,
      text: form.text,
      link: form.link,
      discount_code: form.discount_code,
      audience: form.audience,
      category_id: form.audience === 'category' && form.category_id ? Number(form.category_id) : null,
      inactive_days: form.audience === 'lapsed' ? Number(form.inactive_days) || null : null,
      is_public: form.audience === 'all' && form.is_public,
    })
    if ('data' in result && result.data) {
      setSent(`“${result.data.title}” is on its way.`)
      setForm(empty)
    }
  }

  const shown = ['title', 'text', 'link', 'discount_code', 'audience', 'category_id', 'inactive_days', 'is_public']
  return (
    <form className="promotion-form" onSubmit={onSubmit} noValidate aria-labelledby="new-promotion">
      <h2 id="new-promotion">New promotion</h2>
      {apiError && <ErrorSummary error={apiError} shownFields={shown} title="The promotion was not sent" />}
      {sent && (
        <p className="alert alert-success" role="status">
          {sent}
        </p>
      )}
      <TextField label="Title" required maxLength={120} value={form.title} errors={fields.title} onChange={(e) => set({ title: e.target.value })} />
      <TextAreaField label="Text" required maxLength={1000} rows={3} value={form.text} errors={fields.text} onChange={(e) => set({ text: e.target.value })} />
      <TextField
        label="Link (optional)"
        hint="A page of this shop, like /products/wool-hat, or a web address"
        value={form.link}
        errors={fields.link}
        onChange={(e) => set({ link: e.target.value })}
      />
      <TextField label="Discount code (optional)" value={form.discount_code} errors={fields.discount_code} onChange={(e) => set({ discount_code: e.target.value })} />
      <SelectField label="Send to" value={form.audience} errors={fields.audience} onChange={(e) => set({ audience: e.target.value as Audience })}>
        {AUDIENCES.map((a) => (
          <option key={a.value} value={a.value}>
            {a.label}
          </option>
        ))}
      </SelectField>
      {form.audience === 'category' && (
        <SelectField label="Category" value={form.category_id} errors={fields.category_id} onChange={(e) => set({ category_id: e.target.value })}>
          <option value="">{categories.isLoading ? 'Loading categories…' : 'Choose a category'}</option>
          {(categories.data ?? []).map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </SelectField>
      )}
      {form.audience === 'lapsed' && (
        <TextField
          label="Days without an order"
          type="number"
          inputMode="numeric"
          min={1}
          max={3650}
          value={form.inactive_days}
          errors={fields.inactive_days}
          onChange={(e) => set({ inactive_days: e.target.value })}
        />
      )}
      {form.audience === 'all' && (
        <CheckboxField
          label="Also show it to visitors who are not signed in"
          checked={form.is_public}
          errors={fields.is_public}
          onChange={(e) => set({ is_public: e.target.checked })}
        />
      )}
      <div>
        <button type="submit" className="btn btn-primary" disabled={isLoading}>
          {isLoading ? 'Sending…' : 'Send promotion'}
        </button>
      </div>
    </form>
  )
}
