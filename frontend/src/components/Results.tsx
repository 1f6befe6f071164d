import type { ReactNode, RefObject } from 'react'
import { Link, useSearchParams } from 'react-router'
import { isPastLastPage } from '../lib/apiError'
import { firstPageSearch } from '../lib/searchParams'
import type { Paginated } from '../types/api'
import { DEFAULT_PAGE_SIZE, Pagination } from './Pagination'
import { EmptyState, ErrorState, Loading } from './States'

/** The parts of an RTK Query result that a list screen needs. */
export interface QueryLike<T> {
  data?: T
  isLoading: boolean
  isFetching?: boolean
  error?: unknown
  refetch: () => unknown
}

interface QueryResultsProps<T> {
  result: QueryLike<T>
  loadingLabel: string
  isEmpty?: (data: T) => boolean
  /** Shown when there is no data, or `isEmpty` says so. */
  empty?: ReactNode
  children: (data: T) => ReactNode
}

/** Loading, then an error with "Try again", an empty state, or the data. */
export function QueryResults<T>({ result, loadingLabel, isEmpty, empty, children }: QueryResultsProps<T>) {
  if (result.isLoading) return <Loading label={loadingLabel} />
  if (result.error) return <ErrorState error={result.error} onRetry={() => void result.refetch()} />
  if (result.data === undefined || isEmpty?.(result.data)) return <>{empty}</>
  return <>{children(result.data)}</>
}

interface PagedResultsProps<T> extends Omit<QueryResultsProps<Paginated<T>>, 'isEmpty' | 'children'> {
  page: number
  pageSize?: number
  onPageChange: (page: number) => void
  paginationLabel: string
  /** Receives focus after a page change, so keyboard users start at the top of the new page. */
  focusRef?: RefObject<HTMLElement | null>
  /** Class names for the results while a new page loads. */
  busyClassName?: string
  children: (data: Paginated<T>) => ReactNode
}

/** One page of a paginated list with its pagination; past the last page, a way back to page 1. */
export function PagedResults<T>({
  result,
  page,
  pageSize = DEFAULT_PAGE_SIZE,
  onPageChange,
  paginationLabel,
  focusRef,
  busyClassName,
  children,
  ...states
}: PagedResultsProps<T>) {
  const [params] = useSearchParams()

  if (isPastLastPage(result.error)) {
    return (
      <EmptyState title="No more results">
        <p>There is nothing on page {page}.</p>
        <Link className="btn btn-secondary" to={{ search: firstPageSearch(params) }}>
          Go to page 1
        </Link>
      </EmptyState>
    )
  }

  function changePage(next: number) {
    onPageChange(next)
    focusRef?.current?.focus()
  }

  return (
    <QueryResults result={result} isEmpty={(data) => data.results.length === 0} {...states}>
      {(data) => (
        <div aria-busy={result.isFetching} className={result.isFetching ? busyClassName : undefined}>
          {children(data)}
          <Pagination
            page={page}
            count={data.count}
            countIsEstimate={data.count_is_estimate}
            pageSize={pageSize}
            hasPrevious={Boolean(data.previous)}
            hasNext={Boolean(data.next)}
            onPageChange={changePage}
            label={paginationLabel}
          />
        </div>
      )}
    </QueryResults>
  )
}
