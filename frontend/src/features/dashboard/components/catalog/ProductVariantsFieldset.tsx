import { useShopInfo } from '../../../../app/shop'
import { TextField } from '../../../../components/Fields'
import type { FieldErrors } from '../../../../lib/apiError'
import { emptyVariant, type FormState, type VariantRow } from './productForm'

interface Props {
  form: FormState
  set: <K extends keyof FormState>(name: K, value: FormState[K]) => void
  setRow: (key: string, changes: Partial<VariantRow>) => void
  errors: FieldErrors
  saving: boolean
}

export function ProductVariantsFieldset({ form, set, setRow, errors: fieldErrors, saving }: Props) {
  const shop = useShopInfo()
  return (
    <fieldset className="form-section card" disabled={saving}>
      <legend>Variants</legend>
      <p className="field-hint">Each variant has its own SKU, price and stock. Prices are in {shop.currency}.</p>
      {fieldErrors.variants && <p className="inline-error">{fieldErrors.variants.join(' ')}</p>}
      {form.variants.map((row, i) => (
        <fieldset key={row.key} className="variant-row">
          <legend>Variant {i + 1}</legend>
          <div className="variant-grid">
            <TextField
              label="SKU"
              value={row.sku}
              onChange={(e) => setRow(row.key, { sku: e.target.value })}
              errors={fieldErrors[`variants.${i}.sku`]}
            />
            {form.optionNames.map((name, j) => (
              <TextField
                key={j}
                label={name.trim() || `Option ${j + 1}`}
                value={row.values[j] ?? ''}
                onChange={(e) =>
                  setRow(row.key, { values: row.values.map((v, k) => (k === j ? e.target.value : v)) })
                }
                errors={fieldErrors[`variants.${i}.options.${name.trim()}`]}
              />
            ))}
            <TextField
              label="Price"
              inputMode="decimal"
              value={row.price}
              onChange={(e) => setRow(row.key, { price: e.target.value })}
              errors={fieldErrors[`variants.${i}.price`]}
            />
            <TextField
              label="Compare-at price (optional)"
              inputMode="decimal"
              value={row.compare_at_price}
              onChange={(e) => setRow(row.key, { compare_at_price: e.target.value })}
              errors={fieldErrors[`variants.${i}.compare_at_price`]}
            />
            <TextField
              label="Stock"
              inputMode="numeric"
              value={row.stock}
              onChange={(e) => setRow(row.key, { stock: e.target.value })}
              errors={fieldErrors[`variants.${i}.stock`]}
            />
            <TextField
              label="Variant title (optional)"
              value={row.title}
              onChange={(e) => setRow(row.key, { title: e.target.value })}
              errors={fieldErrors[`variants.${i}.title`]}
              hint="Defaults to the option values."
            />
          </div>
          {form.variants.length > 1 && (
            <button
              type="button"
              className="btn btn-link"
              onClick={() => set('variants', form.variants.filter((r) => r.key !== row.key))}
            >
              Remove variant {i + 1}
            </button>
          )}
        </fieldset>
      ))}
      <button
        type="button"
        className="btn btn-secondary btn-small"
        onClick={() => set('variants', [...form.variants, emptyVariant(form.optionNames.length)])}
      >
        Add variant
      </button>
    </fieldset>
  )
}
