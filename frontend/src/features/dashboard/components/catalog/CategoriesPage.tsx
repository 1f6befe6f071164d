import { useState, type FormEvent } from 'react'
import { Link } from 'react-router'
import { SelectField, TextField } from '../../../../components/Fields'
import { EmptyState, ErrorState, Loading } from '../../../../components/States'
import { parseApiError, type FieldErrors } from '../../../../lib/apiError'
import { useDocumentTitle } from '../../../../lib/useDocumentTitle'
import { categoryTree } from '../../../../lib/categoryTree'
import { useCreateCategoryMutation, useDashCategoriesQuery } from '../../catalogApi'

export function CategoriesPage() {
  useDocumentTitle('Categories — Dashboard')
  const { data, isLoading, error, refetch } = useDashCategoriesQuery()
  const [createCategory, { isLoading: saving }] = useCreateCategoryMutation()
  const [name, setName] = useState('')
  const [parent, setParent] = useState('')
  const [fields, setFields] = useState<FieldErrors>({})
  const [message, setMessage] = useState('')
  const [formError, setFormError] = useState('')
  const tree = categoryTree(data ?? [])
  const byId = new Map((data ?? []).map((c) => [String(c.id), c]))

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    setMessage('')
    setFormError('')
    if (!name.trim()) {
      setFields({ name: ['Enter a name.'] })
      return
    }
    setFields({})
    try {
      const created = await createCategory({
        name: name.trim(),
        ...(parent ? { parent_id: /^\d+$/.test(parent) ? Number(parent) : parent } : {}),
      }).unwrap()
      setMessage(`Category “${created?.name ?? name.trim()}” added.`)
      setName('')
    } catch (failure) {
      const parsed = parseApiError(failure)
      setFields(parsed.fields)
      if (!parsed.fields.name && !parsed.fields.parent_id) setFormError(parsed.message)
    }
  }

  return (
    <section aria-labelledby="categories-title">
      <h1 id="categories-title">Categories</h1>
      <div className="two-col">
        <div>
          {isLoading ? (
            <Loading label="Loading categories…" />
          ) : error ? (
            <ErrorState error={error} onRetry={refetch} />
          ) : tree.length === 0 ? (
            <EmptyState title="No categories yet">
              <p>Categories group products in the storefront’s filters.</p>
            </EmptyState>
          ) : (
            <div className="table-scroll" role="region" aria-label="Category list" tabIndex={0}>
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Parent</th>
                    <th scope="col" className="num">
                      Products
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {tree.map(({ category, depth }) => (
                    <tr key={category.id}>
                      <th scope="row" style={{ paddingLeft: `${0.75 + depth * 1.25}rem` }}>
                        <Link to={`/?category=${encodeURIComponent(category.slug)}`}>{category.name}</Link>
                      </th>
                      <td>{category.parent_id !== null ? (byId.get(String(category.parent_id))?.name ?? '—') : '—'}</td>
                      <td className="num">{category.product_count ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
        <form className="card" onSubmit={onSubmit} noValidate aria-labelledby="new-category-title" aria-busy={saving}>
          <h2 id="new-category-title">Add a category</h2>
          {formError && (
            <p className="alert alert-error" role="alert">
              {formError}
            </p>
          )}
          <TextField label="Name" value={name} onChange={(e) => setName(e.target.value)} errors={fields.name} />
          <SelectField
            label="Parent (optional)"
            value={parent}
            onChange={(e) => setParent(e.target.value)}
            errors={fields.parent_id}
          >
            <option value="">None (top level)</option>
            {tree.map(({ category, depth }) => (
              <option key={category.id} value={String(category.id)}>
                {'— '.repeat(depth)}
                {category.name}
              </option>
            ))}
          </SelectField>
          <button type="submit" className="btn btn-primary" disabled={saving}>
            {saving ? 'Adding…' : 'Add category'}
          </button>
          <p className="live-status live-ok" role="status">
            {message}
          </p>
        </form>
      </div>
    </section>
  )
}
