import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { useSearchParams } from 'react-router'
import { useShopInfo } from '../../../app/shop'
import { SearchForm } from '../../../components/ListPage'
import { PagedResults } from '../../../components/Results'
import { EmptyState } from '../../../components/States'
import { categoryTree } from '../../../lib/categoryTree'
import { formatApproxCount, moneyInputProblem } from '../../../lib/format'
import { HomeRecs } from '../../recs'
import { useDocumentTitle } from '../../../lib/useDocumentTitle'
import { defaultSort, hasFilters, readCatalogQuery, SORT_OPTIONS, withChanges } from '../catalogParams'
import { useCategoriesQuery, useProductsQuery } from '../storefrontApi'
import { ProductGrid } from './ProductGrid'

function useWideScreen(): boolean {
  const [wide] = useState(() =>
    typeof window.matchMedia === 'function' ? window.matchMedia('(min-width: 760px)').matches : true,
  )
  return wide
}

export function StorefrontHome() {
  const shop = useShopInfo()
  const [params, setParams] = useSearchParams()
  const query = readCatalogQuery(params)
  const { search } = query
  useDocumentTitle(search ? `“${search}” — ${shop.name}` : shop.name)

  const [searchInput, setSearchInput] = useState(search)
  useEffect(() => setSearchInput(search), [search])

  const result = useProductsQuery(query)
  const { data, isLoading } = result
  const resultsRef = useRef<HTMLDivElement>(null)
  const sortId = useId()

  function update(changes: Record<string, string | null>) {
    setParams(withChanges(params, changes))
  }

  function onSearch() {
    // A new search starts from its own default order.
    update({ search: searchInput.trim() || null, sort: null })
  }

  function goToPage(nextPage: number) {
    update({ page: nextPage > 1 ? String(nextPage) : null })
    resultsRef.current?.scrollIntoView?.({ block: 'start' })
  }

  const sortValue = query.sort ?? defaultSort(search)
  const filtered = hasFilters(query)

  return (
    <section aria-labelledby="shop-title">
      <div className="page-head">
        <h1 id="shop-title">{shop.name}</h1>
        <SearchForm
          id="product-search"
          label="Search products"
          value={searchInput}
          onChange={setSearchInput}
          onSubmit={onSearch}
        />
      </div>
      {!search && !filtered && <HomeRecs />}
      <div className="catalog">
        <CatalogFilters
          category={query.category}
          minPrice={query.min_price}
          maxPrice={query.max_price}
          inStock={Boolean(query.in_stock)}
          currency={shop.currency}
          onChange={update}
          filtered={filtered}
        />
        <div className="catalog-results" ref={resultsRef} tabIndex={-1}>
          <div className="catalog-toolbar">
            <p className="result-count" role="status">
              {isLoading
                ? ''
                : data
                  ? `${formatApproxCount(data.count, data.count_is_estimate, 'product')}${search ? ` for “${search}”` : ''}`
                  : ''}
            </p>
            <div className="sort-control">
              <label htmlFor={sortId}>Sort by</label>
              <select
                id={sortId}
                value={sortValue}
                onChange={(e) => update({ sort: e.target.value === defaultSort(search) ? null : e.target.value })}
              >
                {SORT_OPTIONS.filter((option) => !option.searchOnly || search).map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <PagedResults
            result={result}
            page={query.page}
            onPageChange={goToPage}
            focusRef={resultsRef}
            busyClassName="is-updating"
            loadingLabel="Loading products…"
            paginationLabel="Product pages"
            empty={
              <EmptyState
                title={search ? `No products match “${search}”` : filtered ? 'No products match these filters' : 'No products yet'}
              >
                {!search && !filtered && <p>This shop has not added any products. Check back soon.</p>}
                {filtered && (
                  <button
                    type="button"
                    className="btn btn-secondary"
                    onClick={() => update({ category: null, min_price: null, max_price: null, in_stock: null })}
                  >
                    Clear filters
                  </button>
                )}
              </EmptyState>
            }
          >
            {(data) => <ProductGrid products={data.results} />}
          </PagedResults>
        </div>
      </div>
    </section>
  )
}

interface CatalogFiltersProps {
  category?: string
  minPrice?: string
  maxPrice?: string
  inStock: boolean
  currency: string
  filtered: boolean
  onChange: (changes: Record<string, string | null>) => void
}

function CatalogFilters({ category, minPrice, maxPrice, inStock, currency, filtered, onChange }: CatalogFiltersProps) {
  const wide = useWideScreen()
  const { data: categories, isError: categoriesFailed } = useCategoriesQuery()
  const [min, setMin] = useState(minPrice ?? '')
  const [max, setMax] = useState(maxPrice ?? '')
  const [priceError, setPriceError] = useState('')
  // Follow the address bar (back/forward, "Clear filters").
  useEffect(() => setMin(minPrice ?? ''), [minPrice])
  useEffect(() => setMax(maxPrice ?? ''), [maxPrice])
  const ids = { category: useId(), stock: useId(), priceError: useId() }
  const currencySymbol = currencyLabel(currency)

  function applyPrice(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const problem = [min, max].map((value) => (value.trim() === '' ? '' : moneyInputProblem(value))).find(Boolean)
    if (problem) {
      setPriceError(problem)
      return
    }
    if (min.trim() && max.trim() && Number(min) > Number(max)) {
      setPriceError('The maximum price is below the minimum.')
      return
    }
    setPriceError('')
    onChange({ min_price: min.trim() || null, max_price: max.trim() || null })
  }

  return (
    <details className="catalog-filters card" open={wide}>
      <summary>Filters</summary>
      <form onSubmit={applyPrice} aria-label="Filter products">
        <div className="field">
          <label htmlFor={ids.category}>Category</label>
          <select
            id={ids.category}
            value={category ?? ''}
            onChange={(e) => onChange({ category: e.target.value || null })}
          >
            <option value="">All categories</option>
            {categoryTree(categories ?? []).map(({ category: c, depth }) => (
              <option key={c.id} value={c.slug}>
                {'— '.repeat(depth)}
                {c.name}
                {typeof c.product_count === 'number' ? ` (${c.product_count})` : ''}
              </option>
            ))}
            {category && !categories?.some((c) => c.slug === category) && <option value={category}>{category}</option>}
          </select>
          {categoriesFailed && <p className="field-hint">Categories could not be loaded.</p>}
        </div>
        <fieldset className="price-range">
          <legend>Price ({currencySymbol})</legend>
          <div className="price-inputs">
            <PriceInput label="Minimum price" value={min} onChange={setMin} errorId={priceError ? ids.priceError : undefined} />
            <PriceInput label="Maximum price" value={max} onChange={setMax} errorId={priceError ? ids.priceError : undefined} />
          </div>
          {priceError && (
            <p className="inline-error" id={ids.priceError}>
              {priceError}
            </p>
          )}
          <button type="submit" className="btn btn-secondary btn-small">
            Apply price
          </button>
        </fieldset>
        <div className="check-row">
          <input
            id={ids.stock}
            type="checkbox"
            checked={inStock}
            onChange={(e) => onChange({ in_stock: e.target.checked ? 'true' : null })}
          />
          <label htmlFor={ids.stock}>In stock only</label>
        </div>
        {filtered && (
          <button
            type="button"
            className="btn btn-link"
            onClick={() => {
              setMin('')
              setMax('')
              onChange({ category: null, min_price: null, max_price: null, in_stock: null })
            }}
          >
            Clear filters
          </button>
        )}
      </form>
    </details>
  )
}

interface PriceInputProps {
  label: string
  value: string
  onChange: (value: string) => void
  /** The shared price error, when there is one. */
  errorId?: string
}

function PriceInput({ label, value, onChange, errorId }: PriceInputProps) {
  const id = useId()
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        inputMode="decimal"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={errorId}
      />
    </div>
  )
}

function currencyLabel(currency: string): string {
  try {
    const part = new Intl.NumberFormat(undefined, { style: 'currency', currency })
      .formatToParts(0)
      .find((p) => p.type === 'currency')
    return part?.value ?? currency
  } catch {
    return currency
  }
}
