/**
 * A copy of the params with `changes` applied (empty values removed); any change other than the
 * page itself goes back to page 1.
 */
export function withChanges(params: URLSearchParams, changes: Record<string, string | null>): URLSearchParams {
  const next = new URLSearchParams(params)
  for (const [name, value] of Object.entries(changes)) {
    if (value === null || value === '') next.delete(name)
    else next.set(name, value)
  }
  if (!('page' in changes)) next.delete('page')
  return next
}

/** The page number in the address bar: a whole number from 1, anything else is page 1. */
export function readPage(params: URLSearchParams): number {
  return Math.max(1, Math.floor(Number(params.get('page'))) || 1)
}

/** The same address on page 1, as a `search` string ("" or "?…"). */
export function firstPageSearch(params: URLSearchParams): string {
  const next = new URLSearchParams(params)
  next.delete('page')
  const text = next.toString()
  return text ? `?${text}` : ''
}
