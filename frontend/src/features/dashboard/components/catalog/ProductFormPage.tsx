import { useState, type FormEvent } from 'react'
import { Link, useLocation, useNavigate, useParams } from 'react-router'
import { useShopInfo } from '../../../../app/shop'
import { Alert } from '../../../../components/Alert'
import { Dialog } from '../../../../components/Dialog'
import { ErrorSummary } from '../../../../components/ErrorSummary'
import { SelectField, TextAreaField, TextField } from '../../../../components/Fields'
import { ErrorState, Loading } from '../../../../components/States'
import { StatusBadge } from '../../../../components/StatusBadge'
import { parseApiError, type ApiError, type FieldErrors } from '../../../../lib/apiError'
import { isMoneyInput } from '../../../../lib/format'
import { useDocumentTitle } from '../../../../lib/useDocumentTitle'
import { useFocusAfterRender } from '../../../../lib/useFocusAfterRender'
import type { Id } from '../../../../types/commerce'
import {
  useArchiveProductMutation,
  useCreateProductMutation,
  useDashCategoriesQuery,
  useDashProductQuery,
  useUpdateProductMutation,
  type DashProduct,
  type ProductInput,
  type ProductStatus,
} from '../../catalogApi'
import { categoryTree } from '../../../storefront/components/StorefrontHome'
import { ProductImages } from './ProductImages'
import { PRODUCT_STATUSES } from './ProductsPage'

const MAX_OPTIONS = 3

interface VariantRow {
  key: string
  id?: Id
  sku: string
  title: string
  values: string[]
  price: string
  compare_at_price: string
  stock: string
  /** Stock when the form was loaded, for variants that exist: sent so sales meanwhile stay sold. */
  stockWas?: number
}

interface FormState {
  title: string
  description: string
  status: ProductStatus
  category_id: string
  optionNames: string[]
  variants: VariantRow[]
}

let rowSeq = 0
const newKey = () => `row-${++rowSeq}`

function emptyVariant(optionCount: number): VariantRow {
  return { key: newKey(), sku: '', title: '', values: Array(optionCount).fill(''), price: '', compare_at_price: '', stock: '0' }
}

function stateFrom(product?: DashProduct): FormState {
  if (!product) {
    return { title: '', description: '', status: 'active', category_id: '', optionNames: [], variants: [emptyVariant(0)] }
  }
  const names = product.options.length
    ? product.options.map((o) => o.name)
    : Array.from(new Set(product.variants.flatMap((v) => Object.keys(v.options ?? {}))))
  return {
    title: product.title,
    description: product.description ?? '',
    status: product.status,
    category_id: product.category_id === null || product.category_id === undefined ? '' : String(product.category_id),
    optionNames: names,
    variants: product.variants.length
      ? product.variants.map((v) => ({
          key: newKey(),
          id: v.id,
          sku: v.sku ?? '',
          title: v.title ?? '',
          values: names.map((name) => v.options?.[name] ?? ''),
          price: v.price ?? '',
          compare_at_price: v.compare_at_price ?? '',
          stock: String(v.stock ?? 0),
          stockWas: v.stock ?? 0,
        }))
      : [emptyVariant(names.length)],
  }
}

/** Checks the form and builds the request body; error paths match the server's (`variants.0.sku`). */
export function buildProductInput(form: FormState): { body: ProductInput | null; errors: FieldErrors } {
  const errors: FieldErrors = {}
  if (!form.title.trim()) errors.title = ['Enter a title.']
  const names = form.optionNames.map((n) => n.trim())
  names.forEach((name, i) => {
    if (!name) errors[`options.${i}`] = ['Name this option, or remove it.']
  })
  if (new Set(names.filter(Boolean).map((n) => n.toLowerCase())).size !== names.filter(Boolean).length) {
    errors.options = ['Option names must be different.']
  }
  if (form.variants.length === 0) errors.variants = ['Add at least one variant.']
  form.variants.forEach((row, i) => {
    const at = (field: string) => `variants.${i}.${field}`
    if (!row.sku.trim()) errors[at('sku')] = ['Enter a SKU.']
    if (!isMoneyInput(row.price)) errors[at('price')] = ['Enter a price like 12.50.']
    if (row.compare_at_price.trim() && !isMoneyInput(row.compare_at_price)) {
      errors[at('compare_at_price')] = ['Enter a price like 15.00, or leave it empty.']
    }
    if (!/^\d+$/.test(row.stock.trim())) errors[at('stock')] = ['Enter a whole number, 0 or more.']
    names.forEach((name, j) => {
      if (name && !row.values[j]?.trim()) errors[at(`options.${name}`)] = [`Enter the ${name}.`]
    })
  })
  const skus = form.variants.map((r) => r.sku.trim().toLowerCase()).filter(Boolean)
  if (new Set(skus).size !== skus.length) errors.variants = ['Each variant needs its own SKU.']
  if (Object.keys(errors).length) return { body: null, errors }
  return {
    body: {
      title: form.title.trim(),
      description: form.description,
      status: form.status,
      category_id: form.category_id ? (/^\d+$/.test(form.category_id) ? Number(form.category_id) : form.category_id) : null,
      variants: form.variants.map((row) => ({
        ...(row.id !== undefined ? { id: row.id } : {}),
        sku: row.sku.trim(),
        ...(row.title.trim() ? { title: row.title.trim() } : {}),
        options: Object.fromEntries(names.map((name, j) => [name, row.values[j].trim()])),
        price: row.price.trim(),
        compare_at_price: row.compare_at_price.trim() || null,
        stock: Number(row.stock.trim()),
        ...(row.id !== undefined && row.stockWas !== undefined ? { stock_was: row.stockWas } : {}),
      })),
    },
    errors,
  }
}

export function NewProductPage() {
  useDocumentTitle('Add product — Dashboard')
  return <ProductEditor />
}

export function EditProductPage() {
  const { productId = '' } = useParams()
  const { data: product, isLoading, error, refetch } = useDashProductQuery(productId)
  useDocumentTitle(product ? `${product.title} — Dashboard` : 'Product — Dashboard')
  if (isLoading) return <Loading label="Loading product…" />
  if (error || !product) {
    return (
      <section aria-labelledby="product-title">
        <h1 id="product-title">Product</h1>
        <ErrorState error={error} onRetry={refetch} />
        <Link to="/dashboard/products">Back to products</Link>
      </section>
    )
  }
  return <ProductEditor key={String(product.id)} product={product} />
}

function ProductEditor({ product }: { product?: DashProduct }) {
  const navigate = useNavigate()
  const location = useLocation()
  const shop = useShopInfo()
  const created = (location.state as { created?: boolean } | null)?.created
  const [form, setForm] = useState<FormState>(() => stateFrom(product))
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({})
  const [formError, setFormError] = useState<ApiError | null>(null)
  const [saved, setSaved] = useState('')
  const [confirmArchive, setConfirmArchive] = useState(false)
  const [summaryRef, focusSummary] = useFocusAfterRender<HTMLDivElement>()
  const categories = useDashCategoriesQuery()
  const [createProduct, createState] = useCreateProductMutation()
  const [updateProduct, updateState] = useUpdateProductMutation()
  const [archiveProduct, archiveState] = useArchiveProductMutation()
  const saving = createState.isLoading || updateState.isLoading

  const set = <K extends keyof FormState>(name: K, value: FormState[K]) => setForm((f) => ({ ...f, [name]: value }))
  const setRow = (key: string, changes: Partial<VariantRow>) =>
    setForm((f) => ({ ...f, variants: f.variants.map((row) => (row.key === key ? { ...row, ...changes } : row)) }))

  function addOption() {
    setForm((f) => ({
      ...f,
      optionNames: [...f.optionNames, ''],
      variants: f.variants.map((row) => ({ ...row, values: [...row.values, ''] })),
    }))
  }

  function removeOption(index: number) {
    setForm((f) => ({
      ...f,
      optionNames: f.optionNames.filter((_, i) => i !== index),
      variants: f.variants.map((row) => ({ ...row, values: row.values.filter((_, i) => i !== index) })),
    }))
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    setSaved('')
    const { body, errors } = buildProductInput(form)
    setFieldErrors(errors)
    if (!body) {
      setFormError({ status: undefined, code: 'invalid', message: 'Please correct the errors below.', fields: errors })
      focusSummary()
      return
    }
    setFormError(null)
    try {
      if (product) {
        const updated = await updateProduct({ id: product.id, body }).unwrap()
        // The answer names the variants' ids (new ones included); keep the form otherwise.
        if (updated && Array.isArray(updated.variants)) {
          setForm(stateFrom({ ...updated, options: updated.options ?? [], images: updated.images ?? [] }))
        }
        setSaved('Product saved.')
      } else {
        const createdProduct = await createProduct(body).unwrap()
        navigate(`/dashboard/products/${createdProduct.id}`, { state: { created: true } })
      }
    } catch (failure) {
      const parsed = parseApiError(failure)
      setFormError(parsed)
      setFieldErrors(parsed.fields)
      focusSummary()
    }
  }

  async function onArchive() {
    if (!product) return
    try {
      await archiveProduct(product.id).unwrap()
      navigate('/dashboard/products', { state: { notice: `“${product.title}” was archived.` } })
    } catch {
      // Shown in the dialog.
    }
  }

  const shownFields = [
    'title',
    'description',
    'status',
    'category_id',
    ...form.optionNames.map((_, i) => `options.${i}`),
    ...form.variants.flatMap((_, i) =>
      ['sku', 'title', 'price', 'compare_at_price', 'stock', ...form.optionNames.map((n) => `options.${n.trim()}`)].map(
        (f) => `variants.${i}.${f}`,
      ),
    ),
  ]

  return (
    <section aria-labelledby="product-title" className="product-editor">
      <p className="back-link">
        <Link to="/dashboard/products">← Products</Link>
      </p>
      <div className="page-head">
        <h1 id="product-title">{product ? product.title : 'Add product'}</h1>
        {product && <StatusBadge status={product.status} />}
      </div>
      {created && product && (
        <Alert tone="success">
          <p>Product created. Add images below.</p>
        </Alert>
      )}
      {product && product.status === 'active' && (
        <p>
          <Link to={`/products/${encodeURIComponent(product.slug)}`}>View in the storefront</Link>
        </p>
      )}
      <form onSubmit={onSubmit} noValidate aria-busy={saving} className="editor-form">
        {formError && <ErrorSummary error={formError} shownFields={shownFields} ref={summaryRef} />}
        <fieldset className="form-section card" disabled={saving}>
          <legend>Details</legend>
          <TextField
            label="Title"
            value={form.title}
            onChange={(e) => set('title', e.target.value)}
            errors={fieldErrors.title}
          />
          <TextAreaField
            label="Description"
            rows={5}
            value={form.description}
            onChange={(e) => set('description', e.target.value)}
            errors={fieldErrors.description}
          />
          <div className="field-row">
            <SelectField
              label="Status"
              value={form.status}
              onChange={(e) => set('status', e.target.value as ProductStatus)}
              errors={fieldErrors.status}
              hint="Only active products are shown in the storefront."
            >
              {PRODUCT_STATUSES.map((s) => (
                <option key={s.value} value={s.value}>
                  {s.label}
                </option>
              ))}
            </SelectField>
            <SelectField
              label="Category"
              value={form.category_id}
              onChange={(e) => set('category_id', e.target.value)}
              errors={fieldErrors.category_id}
              hint={<Link to="/dashboard/categories">Manage categories</Link>}
            >
              <option value="">No category</option>
              {categoryTree(categories.data ?? []).map(({ category, depth }) => (
                <option key={category.id} value={String(category.id)}>
                  {'— '.repeat(depth)}
                  {category.name}
                </option>
              ))}
            </SelectField>
          </div>
        </fieldset>

        <fieldset className="form-section card" disabled={saving}>
          <legend>Options</legend>
          <p className="field-hint">
            Options such as Size or Colour. Leave this empty for a product that comes in one version.
          </p>
          {fieldErrors.options && <p className="inline-error">{fieldErrors.options.join(' ')}</p>}
          {form.optionNames.map((name, i) => (
            <div className="inline-row" key={i}>
              <TextField
                label={`Option ${i + 1} name`}
                placeholder={i === 0 ? 'Size' : i === 1 ? 'Colour' : 'Material'}
                value={name}
                onChange={(e) =>
                  set(
                    'optionNames',
                    form.optionNames.map((n, j) => (j === i ? e.target.value : n)),
                  )
                }
                errors={fieldErrors[`options.${i}`]}
              />
              <button
                type="button"
                className="btn btn-link"
                onClick={() => removeOption(i)}
                aria-label={`Remove option ${i + 1}${name ? ` (${name})` : ''}`}
              >
                Remove
              </button>
            </div>
          ))}
          {form.optionNames.length < MAX_OPTIONS && (
            <button type="button" className="btn btn-secondary btn-small" onClick={addOption}>
              Add option
            </button>
          )}
        </fieldset>

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

        <div className="actions sticky-actions">
          <button type="submit" className="btn btn-primary" disabled={saving}>
            {saving ? 'Saving…' : product ? 'Save product' : 'Create product'}
          </button>
          <span className="live-status live-ok" role="status">
            {saved}
          </span>
        </div>
      </form>

      {product && <ProductImages productId={product.id} images={product.images} />}

      {product && product.status !== 'archived' && (
        <section className="card danger-zone" aria-labelledby="archive-title">
          <h2 id="archive-title">Archive</h2>
          <p>Archived products disappear from the storefront. Past orders keep their details.</p>
          <button type="button" className="btn btn-danger" onClick={() => setConfirmArchive(true)}>
            Archive product
          </button>
        </section>
      )}

      {confirmArchive && product && (
        <Dialog title={`Archive “${product.title}”?`} onClose={() => setConfirmArchive(false)}>
          <p>It will no longer be shown or sold in the storefront. You can make it active again later.</p>
          {archiveState.error && (
            <p className="alert alert-error" role="alert">
              {parseApiError(archiveState.error).message}
            </p>
          )}
          <div className="actions">
            <button
              type="button"
              className="btn btn-danger"
              onClick={() => void onArchive()}
              disabled={archiveState.isLoading}
            >
              {archiveState.isLoading ? 'Archiving…' : 'Archive product'}
            </button>
            <button type="button" className="btn btn-secondary" onClick={() => setConfirmArchive(false)}>
              Keep it
            </button>
          </div>
        </Dialog>
      )}
    </section>
  )
}
