import { useState } from 'react'
import { useNavigate } from 'react-router'
import { Dialog } from '../../../../components/Dialog'
import { parseApiError } from '../../../../lib/apiError'
import { useArchiveProductMutation, type DashProduct } from '../../catalogApi'

/** The danger zone: archive the product, after a confirmation. */
export function ArchiveProduct({ product }: { product: DashProduct }) {
  const navigate = useNavigate()
  const [confirmArchive, setConfirmArchive] = useState(false)
  const [archiveProduct, archiveState] = useArchiveProductMutation()

  async function onArchive() {
    try {
      await archiveProduct(product.id).unwrap()
      navigate('/dashboard/products', { state: { notice: `“${product.title}” was archived.` } })
    } catch {
      // Shown in the dialog.
    }
  }

  return (
    <>
      {product.status !== 'archived' && (
        <section className="card danger-zone" aria-labelledby="archive-title">
          <h2 id="archive-title">Archive</h2>
          <p>Archived products disappear from the storefront. Past orders keep their details.</p>
          <button type="button" className="btn btn-danger" onClick={() => setConfirmArchive(true)}>
            Archive product
          </button>
        </section>
      )}

      {confirmArchive && (
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
    </>
  )
}
