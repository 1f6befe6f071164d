import { Link, useLocation } from 'react-router'
import { useShopInfo } from '../../../../app/shop'
import { Alert } from '../../../../components/Alert'
import { DataTable } from '../../../../components/DataTable'
import { FilterSelect, ListPage, useListParams } from '../../../../components/ListPage'
import { EmptyState } from '../../../../components/States'
import { StatusBadge } from '../../../../components/StatusBadge'
import { formatApproxCount, formatDate, formatMoney } from '../../../../lib/format'
import { useDocumentTitle } from '../../../../lib/useDocumentTitle'
import { useDashProductsQuery } from '../../catalogApi'

export const PRODUCT_STATUSES = [
  { value: 'active', label: 'Active' },
  { value: 'draft', label: 'Draft' },
  { value: 'archived', label: 'Archived' },
] as const

export function ProductsPage() {
  useDocumentTitle('Products — Dashboard')
  const shop = useShopInfo()
  const location = useLocation()
  const notice = (location.state as { notice?: string } | null)?.notice
  const list = useListParams()
  const { page, search } = list
  const status = list.filter('status')
  const result = useDashProductsQuery({ page, search, status })

  return (
    <ListPage
      title="Products"
      actions={
        <div className="actions tight">
          <Link className="btn btn-secondary" to="/dashboard/import">
            Import / export
          </Link>
          <Link className="btn btn-primary" to="/dashboard/products/new">
            Add product
          </Link>
        </div>
      }
      notice={notice && <Alert tone="success">{notice}</Alert>}
      list={list}
      search={{ label: 'Search products' }}
      filters={
        <FilterSelect
          label="Status"
          value={status}
          options={PRODUCT_STATUSES}
          onChange={(value) => list.update({ status: value })}
        />
      }
      result={result}
      loadingLabel="Loading products…"
      paginationLabel="Product pages"
      empty={
        <EmptyState title={search || status ? 'No products match' : 'No products yet'}>
          {!search && !status && (
            <>
              <p>Add your first product, or import a catalog from a CSV file.</p>
              <Link className="btn btn-primary" to="/dashboard/products/new">
                Add product
              </Link>
            </>
          )}
        </EmptyState>
      }
    >
      {(data) => (
        <>
          <p className="muted" role="status">
            {formatApproxCount(data.count, data.count_is_estimate, 'product')}
          </p>
          <DataTable
            label="Product list"
            rows={data.results}
            columns={[
              {
                header: 'Image',
                hiddenHeader: true,
                className: 'cell-thumb',
                cell: (product) =>
                  product.image?.thumb_url ? (
                    <img src={product.image.thumb_url} alt="" width={40} height={40} />
                  ) : (
                    <span className="thumb-empty" aria-hidden="true" />
                  ),
              },
              {
                header: 'Product',
                rowHeader: true,
                className: 'cell-wrap',
                cell: (product) => (
                  <Link to={`/dashboard/products/${product.id}`} className="cell-title">
                    {product.title}
                  </Link>
                ),
              },
              { header: 'Status', cell: (product) => <StatusBadge status={product.status} /> },
              { header: 'Price', numeric: true, cell: (product) => formatMoney(product.price, shop.currency) },
              { header: 'Stock', numeric: true, cell: (product) => product.stock_total },
              { header: 'Variants', numeric: true, cell: (product) => product.variant_count },
              { header: 'Updated', cell: (product) => formatDate(product.updated_at) },
            ]}
          />
        </>
      )}
    </ListPage>
  )
}
