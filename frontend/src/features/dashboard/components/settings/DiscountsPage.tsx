import { useState } from 'react'
import { useShopInfo } from '../../../../app/shop'
import { CheckboxField, SelectField, TextField } from '../../../../components/Fields'
import { FormDialog } from '../../../../components/FormDialog'
import { StatusBadge, type BadgeTone } from '../../../../components/StatusBadge'
import type { FieldErrors } from '../../../../lib/apiError'
import { formatDateTime, formatMoney, fromLocalInput, isMoneyInput, toLocalInput } from '../../../../lib/format'
import { useDocumentTitle } from '../../../../lib/useDocumentTitle'
import { useSaveForm } from '../../../../lib/useSaveForm'
import {
  useCreateDiscountMutation,
  useDeleteDiscountMutation,
  useDiscountsQuery,
  useUpdateDiscountMutation,
  type Discount,
  type DiscountInput,
  type DiscountState,
} from '../../settingsApi'
import { CrudPage, type EditorProps } from './CrudPage'

export function discountValueLabel(discount: Pick<Discount, 'kind' | 'value'>, currency: string): string {
  return discount.kind === 'percent'
    ? `${discount.value.replace(/\.0+$/, '')}% off`
    : `${formatMoney(discount.value, currency)} off`
}

const STATES: Record<DiscountState, { label: string; tone: BadgeTone }> = {
  active: { label: 'Active', tone: 'ok' },
  scheduled: { label: 'Scheduled', tone: 'info' },
  expired: { label: 'Expired', tone: 'neutral' },
  used_up: { label: 'Used up', tone: 'warn' },
  disabled: { label: 'Disabled', tone: 'neutral' },
}

export function DiscountStateBadge({ state }: { state: DiscountState }) {
  const shown = STATES[state] ?? STATES.active
  return <StatusBadge status={state} label={shown.label} tone={shown.tone} />
}

export function DiscountsPage() {
  useDocumentTitle('Discounts — Dashboard')
  const shop = useShopInfo()
  const result = useDiscountsQuery()

  return (
    <CrudPage
      title="Discounts"
      noun="Discount"
      newLabel="New discount"
      result={result}
      loadingLabel="Loading discounts…"
      emptyTitle="No discount codes yet"
      emptyText="Create a code that shoppers enter at checkout."
      tableLabel="Discount codes"
      itemName={(discount) => discount.code}
      columns={[
        { header: 'Code', rowHeader: true, cell: (discount) => <code>{discount.code}</code> },
        { header: 'Discount', cell: (discount) => discountValueLabel(discount, shop.currency) },
        {
          header: 'Minimum order',
          cell: (discount) => (discount.min_subtotal ? formatMoney(discount.min_subtotal, shop.currency) : '—'),
        },
        {
          header: 'Valid',
          className: 'small',
          cell: (discount) => (
            <>
              {discount.starts_at ? `From ${formatDateTime(discount.starts_at)}` : 'From now'}
              <br />
              {discount.ends_at ? `Until ${formatDateTime(discount.ends_at)}` : 'No end date'}
            </>
          ),
        },
        {
          header: 'Used',
          cell: (discount) =>
            `${discount.times_used}${discount.usage_limit !== null ? ` of ${discount.usage_limit}` : ''}`,
        },
        { header: 'Status', cell: (discount) => <DiscountStateBadge state={discount.state} /> },
      ]}
      Editor={DiscountDialog}
      remove={{
        useMutation: useDeleteDiscountMutation,
        title: (discount) => `Delete discount ${discount.code}?`,
        body: 'Shoppers will no longer be able to use this code. Orders that used it keep their discount.',
        confirmLabel: 'Delete discount',
      }}
    />
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

export function buildDiscountInput(
  form: DiscountForm,
  creating = false,
  now: Date = new Date(),
): { body: DiscountInput | null; errors: FieldErrors } {
  const errors: FieldErrors = {}
  if (!form.code.trim()) errors.code = ['Enter a code.']
  else if (/\s/.test(form.code.trim())) errors.code = ['Codes cannot contain spaces.']
  if (!isMoneyInput(form.value)) errors.value = ['Enter a number like 10 or 5.00.']
  if (form.min_subtotal.trim() && !isMoneyInput(form.min_subtotal)) errors.min_subtotal = ['Enter an amount like 25.00.']
  if (form.usage_limit.trim() && !/^\d+$/.test(form.usage_limit.trim())) errors.usage_limit = ['Enter a whole number.']
  const starts = fromLocalInput(form.starts_at)
  const ends = fromLocalInput(form.ends_at)
  if (starts && ends && ends <= starts) errors.ends_at = ['The end must be after the start.']
  else if (creating && ends && new Date(ends) <= now) errors.ends_at = ['This date has passed: choose an end in the future.']
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

function DiscountDialog({ item: discount, onClose, onSaved }: EditorProps<Discount>) {
  const { currency } = useShopInfo()
  const [form, setForm] = useState(() => formFrom(discount))
  const [create, createState] = useCreateDiscountMutation()
  const [update, updateState] = useUpdateDiscountMutation()
  const set = <K extends keyof DiscountForm>(name: K, value: DiscountForm[K]) => setForm((f) => ({ ...f, [name]: value }))
  const { fields, error, onSubmit } = useSaveForm(
    () => buildDiscountInput(form, !discount),
    async (body: DiscountInput) => {
      const saved = discount ? await update({ id: discount.id, body }).unwrap() : await create(body).unwrap()
      onSaved(saved?.code ?? body.code)
    },
  )

  return (
    <FormDialog
      title={discount ? `Edit ${discount.code}` : 'New discount'}
      onClose={onClose}
      onSubmit={onSubmit}
      saving={createState.isLoading || updateState.isLoading}
      error={error}
      shownFields={DISCOUNT_FIELDS}
      submitLabel={discount ? 'Save discount' : 'Create discount'}
    >
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
    </FormDialog>
  )
}
