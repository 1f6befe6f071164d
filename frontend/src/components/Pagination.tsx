interface PaginationProps {
  page: number
  count: number
  hasPrevious: boolean
  hasNext: boolean
  onPageChange: (page: number) => void
  label?: string
}

export function Pagination({ page, count, hasPrevious, hasNext, onPageChange, label = 'Pagination' }: PaginationProps) {
  if (!hasPrevious && !hasNext) return null
  return (
    <nav className="pagination" aria-label={label}>
      <button type="button" className="btn btn-secondary" disabled={!hasPrevious} onClick={() => onPageChange(page - 1)} aria-label="Previous page">
        Previous
      </button>
      <span aria-live="polite">
        Page {page} · {count} total
      </span>
      <button type="button" className="btn btn-secondary" disabled={!hasNext} onClick={() => onPageChange(page + 1)} aria-label="Next page">
        Next
      </button>
    </nav>
  )
}
