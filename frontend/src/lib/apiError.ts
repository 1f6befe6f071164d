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

/** Turns any RTK Query error into the platform's `{code, message, fields}` shape. */
export function parseApiError(error: FetchBaseQueryError | SerializedError | unknown): ApiError {
  if (isFetchError(error)) {
    const body = ('data' in error ? error.data : undefined) as ErrorBody | undefined
    const details = body?.error
    return {
      status: error.status,
      code: typeof details?.code === 'string' ? details.code : String(error.status),
      message:
        typeof details?.message === 'string' && details.message
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

export function errorCode(error: unknown): string | undefined {
  return error ? parseApiError(error).code : undefined
}
