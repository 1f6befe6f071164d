import { approx } from '../lib/format'

/** The API's page size when a request names none (`PAGE_SIZE` in the backend's settings). */
export const DEFAULT_PAGE_SIZE = 24

interface PaginationProps {
  page: number
  count: number
  /** Items per page, to work out the number of pages. */
  pageSize?: number
  hasPrevious: boolean
  hasNext: boolean
  /** The count is an estimate: the number of pages is too. */
  countIsEstimate?: boolean
  onPageChange: (page: number) => void
  label?: string
}

export function pageCount(count: number, pageSize: number = DEFAULT_PAGE_SIZE): number {
  return Math.max(1, Math.ceil(count / Math.max(1, pageSize)))
}

export function Pagination({
  page,
  count,
  pageSize = DEFAULT_PAGE_SIZE,
  hasPrevious,
  hasNext,
  countIsEstimate = false,
  onPageChange,
  label = 'Pagination',
}: PaginationProps) {
  if (!hasPrevious && !hasNext) return null
  // Never "Page 3 of 2" should the count and the links disagree for a moment.
  const pages = Math.max(pageCount(count, pageSize), page + (hasNext ? 1 : 0))
  return (
    <nav className="pagination" aria-label={label}>
      <button type="button" className="btn btn-secondary" disabled={!hasPrevious} onClick={() => onPageChange(page - 1)} aria-label="Previous page">
        Previous
      </button>
      <span aria-live="polite">
        Page {page} of {countIsEstimate && hasNext ? `about ${approx(pages).toLocaleString('en-GB')}` : pages}
      </span>
      <button type="button" className="btn btn-secondary" disabled={!hasNext} onClick={() => onPageChange(page + 1)} aria-label="Next page">
        Next
      </button>
    </nav>
  )
}
