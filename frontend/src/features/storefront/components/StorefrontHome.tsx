import { useState, type FormEvent } from 'react'
import { useSearchParams } from 'react-router'
import { Pagination } from '../../../components/Pagination'
import { EmptyState, ErrorState, Loading } from '../../../components/States'
import { useDocumentTitle } from '../../../lib/useDocumentTitle'
import { useProductsQuery } from '../storefrontApi'
import { useShopInfo } from '../../../app/shop'
import { ProductGrid } from './ProductGrid'

export function StorefrontHome() {
  const shop = useShopInfo()
  useDocumentTitle(shop.name)
  const [params, setParams] = useSearchParams()
  const page = Math.max(1, Number(params.get('page')) || 1)
  const search = params.get('search') ?? ''
  const [searchInput, setSearchInput] = useState(search)
  const { data, isLoading, isFetching, error, refetch } = useProductsQuery({ page, search })

  function onSearch(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const next = new URLSearchParams()
    if (searchInput.trim()) next.set('search', searchInput.trim())
    setParams(next)
  }

  function goToPage(nextPage: number) {
    const next = new URLSearchParams(params)
    next.set('page', String(nextPage))
    setParams(next)
  }

  return (
    <section aria-labelledby="shop-title">
      <div className="page-head">
        <h1 id="shop-title">{shop.name}</h1>
        <form role="search" className="search-form" onSubmit={onSearch}>
          <label htmlFor="product-search">Search products</label>
          <input
            id="product-search"
            type="search"
            value={searchInput}
            onChange={(e) => setSearchInput(e.target.value)}
          />
          <button type="submit" className="btn btn-secondary">
            Search
          </button>
        </form>
      </div>
      {isLoading ? (
        <Loading label="Loading products…" />
      ) : error ? (
        <ErrorState error={error} onRetry={refetch} />
      ) : !data || data.results.length === 0 ? (
        <EmptyState title={search ? `No products match “${search}”` : 'No products yet'}>
          {!search && <p>This shop has not added any products. Check back soon.</p>}
        </EmptyState>
      ) : (
        <div aria-busy={isFetching}>
          <ProductGrid products={data.results} />
          <Pagination
            page={page}
            count={data.count}
            hasPrevious={Boolean(data.previous)}
            hasNext={Boolean(data.next)}
            onPageChange={goToPage}
            label="Product pages"
          />
        </div>
      )}
    </section>
  )
}
