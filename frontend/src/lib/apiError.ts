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

function normaliseFields(fields: unknown): FieldErrors {
  if (typeof fields !== 'object' || fields === null) return {}
  const out: FieldErrors = {}
  for (const [name, messages] of Object.entries(fields)) {
    if (Array.isArray(messages)) out[name] = messages.map(String)
    else if (typeof messages === 'string') out[name] = [messages]
  }
  return out
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
