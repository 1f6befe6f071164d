import { isMoneyInput } from '../../lib/format'
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
    page: Math.max(1, Math.floor(Number(params.get('page'))) || 1),
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

/** A copy of the params with `changes` applied (empty values removed); any change goes back to page 1. */
export function withChanges(params: URLSearchParams, changes: Record<string, string | null>): URLSearchParams {
  const next = new URLSearchParams(params)
  for (const [name, value] of Object.entries(changes)) {
    if (value === null || value === '') next.delete(name)
    else next.set(name, value)
  }
  if (!('page' in changes)) next.delete('page')
  return next
}

export function hasFilters(query: CatalogQuery): boolean {
  return Boolean(query.category || query.min_price || query.max_price || query.in_stock)
}
