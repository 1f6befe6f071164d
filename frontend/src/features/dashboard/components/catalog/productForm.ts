import type { FieldErrors } from '../../../../lib/apiError'
import { isMoneyInput } from '../../../../lib/format'
import type { Id } from '../../../../types/commerce'
import type { DashProduct, ProductInput, ProductStatus } from '../../catalogApi'

export const MAX_OPTIONS = 3

export interface VariantRow {
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

export interface FormState {
  title: string
  description: string
  status: ProductStatus
  category_id: string
  optionNames: string[]
  variants: VariantRow[]
}

let rowSeq = 0
const newKey = () => `row-${++rowSeq}`

export function emptyVariant(optionCount: number): VariantRow {
  return { key: newKey(), sku: '', title: '', values: Array(optionCount).fill(''), price: '', compare_at_price: '', stock: '0' }
}

export function stateFrom(product?: DashProduct): FormState {
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

/** Field paths the form shows next to an input; the error summary lists any others. */
export function shownFieldsFor(form: FormState): string[] {
  return [
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
}
