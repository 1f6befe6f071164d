import { isMoneyInput } from '../../lib/format'
import { readPage } from '../../lib/searchParams'
import type { CatalogQuery, CatalogSort } from './storefrontApi'

export const SORT_OPTIONS: { value: CatalogSort; label: string; searchOnly?: boolean }[] = [
  { value: 'relevance', label: 'Best match', searchOnly: true },
  { value: 'newest', label: 'Newest' },
  { value: 'best_selling', label: 'Best selling' },
  { value: 'price', label: 'Price: low to high' },
  { value: '-price', label: 'Price: high to low' },
]

const sortValues = new Set<string>(SORT_OPTIONS.map((option) => option.value))

/** The catalog query the address bar describes; anything malformed there is ignored. */
export function readCatalogQuery(params: URLSearchParams): CatalogQuery {
  const search = params.get('search')?.trim() ?? ''
  const sort = params.get('sort') ?? ''
  const min = params.get('min_price') ?? ''
  const max = params.get('max_price') ?? ''
  return {
    page: readPage(params),
    search,
    category: params.get('category') || undefined,
    min_price: isMoneyInput(min) ? min.trim() : undefined,
    max_price: isMoneyInput(max) ? max.trim() : undefined,
    in_stock: params.get('in_stock') === 'true' || undefined,
    sort: sortValues.has(sort) && (sort !== 'relevance' || search) ? (sort as CatalogSort) : undefined,
  }
}

/** The sort the server applies when none is chosen. */
export function defaultSort(search: string): CatalogSort {
  return search ? 'relevance' : 'newest'
}

export { withChanges } from '../../lib/searchParams'

export function hasFilters(query: CatalogQuery): boolean {
  return Boolean(query.category || query.min_price || query.max_price || query.in_stock)
}
