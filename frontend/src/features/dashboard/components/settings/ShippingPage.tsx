import { useState } from 'react'
import { useShopInfo } from '../../../../app/shop'
import { CheckboxField, SelectField, TextField } from '../../../../components/Fields'
import { FormDialog } from '../../../../components/FormDialog'
import { StatusBadge } from '../../../../components/StatusBadge'
import type { FieldErrors } from '../../../../lib/apiError'
import { formatMoney, isMoneyInput } from '../../../../lib/format'
import { useDocumentTitle } from '../../../../lib/useDocumentTitle'
import { useSaveForm } from '../../../../lib/useSaveForm'
import type { Id } from '../../../../types/commerce'
import {
  useCreateShippingRateMutation,
  useDeleteShippingRateMutation,
  useShippingRatesQuery,
  useShippingZonesQuery,
  useUpdateShippingRateMutation,
  type ShippingRate,
  type ShippingRateInput,
  type ShippingZone,
} from '../../settingsApi'
import { CrudPage, type EditorProps } from './CrudPage'
import { ZonesSection } from './ZonesSection'

export function ShippingPage() {
  useDocumentTitle('Shipping — Dashboard')
  return (
    <div>
      <h1>Shipping</h1>
      <p className="muted">
        A shopper sees the rates of the zone their country belongs to; countries in no zone get the rest-of-world
        rates, or none if the shop has no such zone.
      </p>
      <ZonesSection />
      <RatesSection />
    </div>
  )
}

function zoneLabel(zones: ShippingZone[] | undefined, id: Id | undefined): string {
  const zone = zones?.find((z) => String(z.id) === String(id))
  return zone ? zone.name : '—'
}

function RatesSection() {
  const shop = useShopInfo()
  const result = useShippingRatesQuery()
  const zones = useShippingZonesQuery()
  const money = (amount: string) => formatMoney(amount, shop.currency)

  return (
    <CrudPage
      title="Shipping rates"
      headingLevel={2}
      noun="Shipping rate"
      newLabel="New shipping rate"
      intro={<p className="muted">Shoppers choose one of the active rates of their zone at checkout.</p>}
      result={result}
      loadingLabel="Loading shipping rates…"
      emptyTitle="No shipping rates yet"
      emptyText="Add at least one rate so shoppers can check out."
      tableLabel="Shipping rate list"
      itemName={(rate) => rate.name}
      columns={[
        { header: 'Name', rowHeader: true, cell: (rate) => rate.name },
        { header: 'Zone', cell: (rate) => zoneLabel(zones.data, rate.zone_id) },
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

interface RateForm {
  name: string
  price: string
  free_over: string
  active: boolean
  zone_id: string
}

export function buildRateInput(form: RateForm | Omit<RateForm, 'zone_id'>) {
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
  if ('zone_id' in form && form.zone_id) body.zone_id = Number(form.zone_id)
  return { body, errors }
}

function RateDialog({ item: rate, onClose, onSaved }: EditorProps<ShippingRate>) {
  const { currency } = useShopInfo()
  const zones = useShippingZonesQuery()
  const restOfWorld = zones.data?.find((zone) => zone.rest_of_world)
  const [form, setForm] = useState<RateForm>({
    name: rate?.name ?? '',
    price: rate?.price ?? '',
    free_over: rate?.free_over ?? '',
    active: rate?.active ?? true,
    zone_id: rate?.zone_id !== undefined ? String(rate.zone_id) : '',
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
      shownFields={['name', 'zone_id', 'price', 'free_over', 'active']}
      submitLabel={rate ? 'Save rate' : 'Create rate'}
    >
      <TextField label="Name" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} errors={fields.name} />
      <SelectField
        label="Zone"
        value={form.zone_id}
        onChange={(e) => setForm({ ...form, zone_id: e.target.value })}
        errors={fields.zone_id}
        hint={zones.isError ? 'The zones could not be loaded; the rate goes to the rest of the world.' : undefined}
      >
        {!form.zone_id && <option value="">{restOfWorld ? restOfWorld.name : 'Rest of world'}</option>}
        {zones.data?.map((zone) => (
          <option key={zone.id} value={String(zone.id)}>
            {zone.name}
          </option>
        ))}
      </SelectField>
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
