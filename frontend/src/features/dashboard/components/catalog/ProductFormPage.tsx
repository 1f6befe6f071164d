import { useState, type FormEvent } from 'react'
import { Link, useLocation, useNavigate, useParams } from 'react-router'
import { Alert } from '../../../../components/Alert'
import { ErrorSummary } from '../../../../components/ErrorSummary'
import { ErrorState, Loading } from '../../../../components/States'
import { StatusBadge } from '../../../../components/StatusBadge'
import { parseApiError, type ApiError, type FieldErrors } from '../../../../lib/apiError'
import { useDocumentTitle } from '../../../../lib/useDocumentTitle'
import { useFocusAfterRender } from '../../../../lib/useFocusAfterRender'
import { useCreateProductMutation, useDashProductQuery, useUpdateProductMutation, type DashProduct } from '../../catalogApi'
import { ArchiveProduct } from './ArchiveProduct'
import { ProductDetailsFieldset } from './ProductDetailsFieldset'
import { ProductImages } from './ProductImages'
import { ProductOptionsFieldset } from './ProductOptionsFieldset'
import { ProductVariantsFieldset } from './ProductVariantsFieldset'
import { buildProductInput, shownFieldsFor, stateFrom } from './productForm'
import { useProductForm } from './useProductForm'

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
  const created = (location.state as { created?: boolean } | null)?.created
  const { form, setForm, set, setRow, addOption, removeOption } = useProductForm(product)
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({})
  const [formError, setFormError] = useState<ApiError | null>(null)
  const [saved, setSaved] = useState('')
  const [summaryRef, focusSummary] = useFocusAfterRender<HTMLDivElement>()
  const [createProduct, createState] = useCreateProductMutation()
  const [updateProduct, updateState] = useUpdateProductMutation()
  const saving = createState.isLoading || updateState.isLoading

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
        {formError && <ErrorSummary error={formError} shownFields={shownFieldsFor(form)} ref={summaryRef} />}
        <ProductDetailsFieldset form={form} set={set} errors={fieldErrors} saving={saving} />
        <ProductOptionsFieldset
          form={form}
          set={set}
          addOption={addOption}
          removeOption={removeOption}
          errors={fieldErrors}
          saving={saving}
        />
        <ProductVariantsFieldset form={form} set={set} setRow={setRow} errors={fieldErrors} saving={saving} />

        <div className="actions sticky-actions">
          <button type="submit" className="btn btn-primary" disabled={saving}>
            {saving ? 'Saving…' : product ? 'Save product' : 'Create product'}
          </button>
          <span className="live-status live-ok" role="status">
            {saved}
          </span>
        </div>
      </form>

      {product && <ProductImages productId={product.id} images={product.images} variants={product.variants} />}

      {product && <ArchiveProduct product={product} />}
    </section>
  )
}
