import { useEffect, useId, useRef, useState, type ReactNode } from 'react'
import { useSearchParams } from 'react-router'
import { readPage, withChanges } from '../lib/searchParams'
import type { Paginated } from '../types/api'
import { PagedResults, type QueryLike } from './Results'

/** Page, search and filters of a list screen, kept in the address bar. */
export function useListParams() {
  const [params, setParams] = useSearchParams()
  const page = readPage(params)
  const search = params.get('search') ?? ''
  const [searchInput, setSearchInput] = useState(search)
  // Follow the address bar (back/forward).
  useEffect(() => setSearchInput(search), [search])

  /** Applies changes (empty values removed); anything but a page change goes back to page 1. */
  function update(changes: Record<string, string | null>) {
    setParams(withChanges(params, changes))
  }

  return {
    page,
    search,
    searchInput,
    setSearchInput,
    update,
    /** A filter's value from the address bar ("" when unset). */
    filter: (name: string) => params.get(name) ?? '',
    submitSearch: () => update({ search: searchInput.trim() }),
    goToPage: (next: number) => update({ page: next > 1 ? String(next) : null }),
  }
}

export type ListParams = ReturnType<typeof useListParams>

interface SearchFormProps {
  label: string
  placeholder?: string
  value: string
  onChange: (value: string) => void
  onSubmit: () => void
  id?: string
}

export function SearchForm({ label, placeholder, value, onChange, onSubmit, id }: SearchFormProps) {
  const autoId = useId()
  const inputId = id ?? autoId
  return (
    <form
      role="search"
      className="search-form"
      onSubmit={(event) => {
        event.preventDefault()
        onSubmit()
      }}
    >
      <label htmlFor={inputId}>{label}</label>
      <input id={inputId} type="search" placeholder={placeholder} value={value} onChange={(e) => onChange(e.target.value)} />
      <button type="submit" className="btn btn-secondary">
        Search
      </button>
    </form>
  )
}

interface FilterSelectProps {
  label: string
  value: string
  options: readonly { value: string; label: string }[]
  onChange: (value: string) => void
  allLabel?: string
}

/** A labelled select beside the search box; "" means no filter. */
export function FilterSelect({ label, value, options, onChange, allLabel = 'All' }: FilterSelectProps) {
  const id = useId()
  return (
    <div className="inline-field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{allLabel}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  )
}

interface ListPageProps<T> {
  title: string
  /** Buttons or links beside the title. */
  actions?: ReactNode
  /** Above the search box (e.g. a "saved" notice). */
  notice?: ReactNode
  /** Between the search box and the results (e.g. a live status). */
  beforeResults?: ReactNode
  list: ListParams
  search: { label: string; placeholder?: string; id?: string }
  /** Filters beside the search box. */
  filters?: ReactNode
  result: QueryLike<Paginated<T>>
  loadingLabel: string
  empty: ReactNode
  paginationLabel: string
  children: (data: Paginated<T>) => ReactNode
}

/**
 * The scaffold of a searchable, paginated list screen: title, search (and filters), the results
 * with their loading, error and empty states, and pagination that moves focus to the title.
 */
export function ListPage<T>({
  title,
  actions,
  notice,
  beforeResults,
  list,
  search,
  filters,
  result,
  loadingLabel,
  empty,
  paginationLabel,
  children,
}: ListPageProps<T>) {
  const titleId = useId()
  const headingRef = useRef<HTMLHeadingElement>(null)
  const heading = (
    <h1 id={titleId} ref={headingRef} tabIndex={-1}>
      {title}
    </h1>
  )
  const searchForm = (
    <SearchForm
      {...search}
      value={list.searchInput}
      onChange={list.setSearchInput}
      onSubmit={list.submitSearch}
    />
  )
  return (
    <section aria-labelledby={titleId}>
      {actions ? (
        <div className="page-head">
          {heading}
          {actions}
        </div>
      ) : (
        heading
      )}
      {notice}
      {filters ? (
        <div className="toolbar">
          {searchForm}
          {filters}
        </div>
      ) : (
        searchForm
      )}
      {beforeResults}
      <PagedResults
        result={result}
        page={list.page}
        onPageChange={list.goToPage}
        focusRef={headingRef}
        loadingLabel={loadingLabel}
        empty={empty}
        paginationLabel={paginationLabel}
      >
        {children}
      </PagedResults>
    </section>
  )
}
