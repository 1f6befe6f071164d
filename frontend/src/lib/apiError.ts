import type { SerializedError } from '@reduxjs/toolkit'
import type { FetchBaseQueryError } from '@reduxjs/toolkit/query'

export type FieldErrors = Record<string, string[]>

export interface ApiError {
  status: number | string | undefined
  code: string
  message: string
  fields: FieldErrors
}

interface ErrorBody {
  error?: { code?: unknown; message?: unknown; fields?: unknown }
}

function isFetchError(error: unknown): error is FetchBaseQueryError {
  return typeof error === 'object' && error !== null && 'status' in error
}

/**
 * Field errors come flat (`{"shipping_address.postcode": ["…"]}`) or nested the way DRF nests
 * serializers (`{"shipping_address": {"postcode": ["…"]}}`, `{"variants": [{}, {"sku": ["…"]}]}`);
 * both end up as dotted paths: `shipping_address.postcode`, `variants.1.sku`.
 */
function normaliseFields(fields: unknown, prefix = '', out: FieldErrors = {}): FieldErrors {
  if (typeof fields !== 'object' || fields === null) return out
  for (const [name, value] of Object.entries(fields)) {
    const path = prefix ? `${prefix}.${name}` : name
    if (typeof value === 'string') {
      out[path] = [...(out[path] ?? []), value]
    } else if (Array.isArray(value)) {
      const messages = value.filter((item) => typeof item === 'string' || typeof item === 'number').map(String)
      if (messages.length) out[path] = [...(out[path] ?? []), ...messages]
      value.forEach((item, index) => {
        if (typeof item === 'object' && item !== null) normaliseFields(item, `${path}.${index}`, out)
      })
    } else if (typeof value === 'object' && value !== null) {
      normaliseFields(value, path, out)
    }
  }
  return out
}

/** Field errors whose path starts with `prefix.`, keyed by the rest of the path. */
export function fieldsUnder(fields: FieldErrors, prefix: string): FieldErrors {
  const out: FieldErrors = {}
  for (const [name, messages] of Object.entries(fields)) {
    if (name.startsWith(`${prefix}.`)) out[name.slice(prefix.length + 1)] = messages
  }
  return out
}

/** True for failures where the request may or may not have reached the server. */
export function isNetworkError(error: unknown): boolean {
  if (!isFetchError(error)) return false
  return error.status === 'FETCH_ERROR' || error.status === 'TIMEOUT_ERROR' || error.status === 'PARSING_ERROR'
}

function fallbackMessage(status: number | string | undefined): string {
  if (status === 'FETCH_ERROR') return 'Could not reach the server. Check your connection and try again.'
  if (status === 401) return 'Please sign in again.'
  if (status === 403) return 'You are not allowed to do that.'
  if (status === 404) return 'Not found.'
  if (typeof status === 'number' && status >= 500) return 'The server had a problem. Please try again.'
  return 'Something went wrong. Please try again.'
}

export const THROTTLED_MESSAGE = 'Too many attempts. Try again in a minute.'

/** Turns any RTK Query error into the platform's `{code, message, fields}` shape. */
export function parseApiError(error: FetchBaseQueryError | SerializedError | unknown): ApiError {
  if (isFetchError(error)) {
    const body = ('data' in error ? error.data : undefined) as ErrorBody | undefined
    const details = body?.error
    const code = typeof details?.code === 'string' ? details.code : String(error.status)
    // DRF's throttle text ("Request was throttled. Expected available in 42 seconds.") is not for people.
    const throttled = code === 'throttled' || error.status === 429
    return {
      status: error.status,
      code: throttled ? 'throttled' : code,
      message: throttled
        ? THROTTLED_MESSAGE
        : typeof details?.message === 'string' && details.message
          ? details.message
          : fallbackMessage(error.status),
      fields: normaliseFields(details?.fields),
    }
  }
  const message =
    typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string'
      ? error.message
      : fallbackMessage(undefined)
  return { status: undefined, code: 'unknown', message, fields: {} }
}

/**
 * The message above a form: the server's, unless it only repeats a field error that is already
 * shown next to its input, so that each error is said once.
 */
export function formMessage(error: ApiError, shownFields: string[]): string {
  const repeated = shownFields.some((name) => error.fields[name]?.includes(error.message))
  return repeated ? 'Please correct the errors below.' : error.message
}

export function errorCode(error: unknown): string | undefined {
  return error ? parseApiError(error).code : undefined
}

/** DRF's answer for a page number past the last page: 404 "Invalid page.". */
export function isPastLastPage(error: unknown): boolean {
  if (!isFetchError(error) || error.status !== 404) return false
  const { code, message } = parseApiError(error)
  return code === 'invalid_page' || /invalid page/i.test(message)
}
