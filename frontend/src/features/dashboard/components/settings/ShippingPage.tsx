import { useState } from 'react'
import { useShopInfo } from '../../../../app/shop'
import { CheckboxField, TextField } from '../../../../components/Fields'
import { FormDialog } from '../../../../components/FormDialog'
import { StatusBadge } from '../../../../components/StatusBadge'
import type { FieldErrors } from '../../../../lib/apiError'
import { formatMoney, isMoneyInput } from '../../../../lib/format'
import { useDocumentTitle } from '../../../../lib/useDocumentTitle'
import { useSaveForm } from '../../../../lib/useSaveForm'
import {
  useCreateShippingRateMutation,
  useDeleteShippingRateMutation,
  useShippingRatesQuery,
  useUpdateShippingRateMutation,
  type ShippingRate,
  type ShippingRateInput,
} from '../../settingsApi'
import { CrudPage, type EditorProps } from './CrudPage'

export function ShippingPage() {
  useDocumentTitle('Shipping — Dashboard')
  const shop = useShopInfo()
  const result = useShippingRatesQuery()
  const money = (amount: string) => formatMoney(amount, shop.currency)

  return (
    <CrudPage
      title="Shipping rates"
      noun="Shipping rate"
      newLabel="New shipping rate"
      intro={<p className="muted">Shoppers choose one of the active rates at checkout.</p>}
      result={result}
      loadingLabel="Loading shipping rates…"
      emptyTitle="No shipping rates yet"
      emptyText="Add at least one rate so shoppers can check out."
      tableLabel="Shipping rate list"
      itemName={(rate) => rate.name}
      columns={[
        { header: 'Name', rowHeader: true, cell: (rate) => rate.name },
        { header: 'Price', numeric: true, cell: (rate) => money(rate.price) },
        { header: 'Free over', cell: (rate) => (rate.free_over ? money(rate.free_over) : '—') },
        { header: 'Status', cell: (rate) => <StatusBadge status={rate.active ? 'active' : 'inactive'} /> },
      ]}
      Editor={RateDialog}
      remove={{
        useMutation: useDeleteShippingRateMutation,
        title: (rate) => `Delete shipping rate ${rate.name}?`,
        body: 'Shoppers will no longer be able to choose it. Past orders keep their shipping details.',
        confirmLabel: 'Delete rate',
      }}
    />
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

function RateDialog({ item: rate, onClose, onSaved }: EditorProps<ShippingRate>) {
  const { currency } = useShopInfo()
  const [form, setForm] = useState({
    name: rate?.name ?? '',
    price: rate?.price ?? '',
    free_over: rate?.free_over ?? '',
    active: rate?.active ?? true,
  })
  const [create, createState] = useCreateShippingRateMutation()
  const [update, updateState] = useUpdateShippingRateMutation()
  const { fields, error, onSubmit } = useSaveForm(
    () => buildRateInput(form),
    async (body: ShippingRateInput) => {
      if (rate) await update({ id: rate.id, body }).unwrap()
      else await create(body).unwrap()
      onSaved(body.name)
    },
  )

  return (
    <FormDialog
      title={rate ? `Edit ${rate.name}` : 'New shipping rate'}
      onClose={onClose}
      onSubmit={onSubmit}
      saving={createState.isLoading || updateState.isLoading}
      error={error}
      shownFields={['name', 'price', 'free_over', 'active']}
      submitLabel={rate ? 'Save rate' : 'Create rate'}
    >
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
    </FormDialog>
  )
}
