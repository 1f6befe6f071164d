import type { Paginated } from '../../types/api'

/** Settings lists may come plain or paginated; screens want the items. */
export function listOf<T>(data: T[] | Paginated<T>): T[] {
  return Array.isArray(data) ? data : (data?.results ?? [])
}
