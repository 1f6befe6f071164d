import { useEffect, useId, useState, type FormEvent } from 'react'
import { Link, useLocation, useSearchParams } from 'react-router'
import { useShopInfo } from '../../../../app/shop'
import { Alert } from '../../../../components/Alert'
import { Pagination } from '../../../../components/Pagination'
import { EmptyState, ErrorState, Loading } from '../../../../components/States'
import { StatusBadge } from '../../../../components/StatusBadge'
import { formatDate, formatMoney } from '../../../../lib/format'
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
  const [params, setParams] = useSearchParams()
  const page = Math.max(1, Number(params.get('page')) || 1)
  const search = params.get('search') ?? ''
  const status = params.get('status') ?? ''
  const [searchInput, setSearchInput] = useState(search)
  useEffect(() => setSearchInput(search), [search])
  const { data, isLoading, isFetching, error, refetch } = useDashProductsQuery({ page, search, status })
  const searchId = useId()
  const statusId = useId()

  function update(changes: Record<string, string>) {
    const next = new URLSearchParams(params)
    for (const [name, value] of Object.entries(changes)) {
      if (value) next.set(name, value)
      else next.delete(name)
    }
    if (!('page' in changes)) next.delete('page')
    setParams(next)
  }

  function onSearch(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    update({ search: searchInput.trim() })
  }

  return (
    <section aria-labelledby="products-title">
      <div className="page-head">
        <h1 id="products-title">Products</h1>
        <div className="actions tight">
          <Link className="btn btn-secondary" to="/dashboard/import">
            Import / export
          </Link>
          <Link className="btn btn-primary" to="/dashboard/products/new">
            Add product
          </Link>
        </div>
      </div>
      {notice && <Alert tone="success">{notice}</Alert>}
      <div className="toolbar">
        <form role="search" className="search-form" onSubmit={onSearch}>
          <label htmlFor={searchId}>Search products</label>
          <input id={searchId} type="search" value={searchInput} onChange={(e) => setSearchInput(e.target.value)} />
          <button type="submit" className="btn btn-secondary">
            Search
          </button>
        </form>
        <div className="inline-field">
          <label htmlFor={statusId}>Status</label>
          <select id={statusId} value={status} onChange={(e) => update({ status: e.target.value })}>
            <option value="">All</option>
            {PRODUCT_STATUSES.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      {isLoading ? (
        <Loading label="Loading products…" />
      ) : error ? (
        <ErrorState error={error} onRetry={refetch} />
      ) : !data || data.results.length === 0 ? (
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
      ) : (
        <div aria-busy={isFetching}>
          <p className="muted" role="status">
            {data.count} {data.count === 1 ? 'product' : 'products'}
          </p>
          <div className="table-scroll" role="region" aria-label="Product list" tabIndex={0}>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">
                    <span className="visually-hidden">Image</span>
                  </th>
                  <th scope="col">Product</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="num">
                    Price
                  </th>
                  <th scope="col" className="num">
                    Stock
                  </th>
                  <th scope="col" className="num">
                    Variants
                  </th>
                  <th scope="col">Updated</th>
                </tr>
              </thead>
              <tbody>
                {data.results.map((product) => (
                  <tr key={product.id}>
                    <td className="cell-thumb">
                      {product.image?.thumb_url ? (
                        <img src={product.image.thumb_url} alt="" width={40} height={40} />
                      ) : (
                        <span className="thumb-empty" aria-hidden="true" />
                      )}
                    </td>
                    <th scope="row" className="cell-wrap">
                      <Link to={`/dashboard/products/${product.id}`} className="cell-title">
                        {product.title}
                      </Link>
                    </th>
                    <td>
                      <StatusBadge status={product.status} />
                    </td>
                    <td className="num">{formatMoney(product.price, shop.currency)}</td>
                    <td className="num">{product.stock_total}</td>
                    <td className="num">{product.variant_count}</td>
                    <td>{formatDate(product.updated_at)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination
            page={page}
            count={data.count}
            hasPrevious={Boolean(data.previous)}
            hasNext={Boolean(data.next)}
            onPageChange={(next) => update({ page: next > 1 ? String(next) : '' })}
            label="Product pages"
          />
        </div>
      )}
    </section>
  )
}
