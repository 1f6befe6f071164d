import { Link } from 'react-router'
import { SelectField, TextAreaField, TextField } from '../../../../components/Fields'
import type { FieldErrors } from '../../../../lib/apiError'
import { categoryTree } from '../../../../lib/categoryTree'
import { useDashCategoriesQuery, type ProductStatus } from '../../catalogApi'
import type { FormState } from './productForm'
import { PRODUCT_STATUSES } from './ProductsPage'

interface Props {
  form: FormState
  set: <K extends keyof FormState>(name: K, value: FormState[K]) => void
  errors: FieldErrors
  saving: boolean
}

export function ProductDetailsFieldset({ form, set, errors: fieldErrors, saving }: Props) {
  const categories = useDashCategoriesQuery()
  return (
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
  )
}
