import { useState } from 'react'
import type { DashProduct } from '../../catalogApi'
import { stateFrom, type FormState, type VariantRow } from './productForm'

/** The product form's state and its edits (fields, option columns, variant rows). */
export function useProductForm(product?: DashProduct) {
  const [form, setForm] = useState<FormState>(() => stateFrom(product))

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

  return { form, setForm, set, setRow, addOption, removeOption }
}
