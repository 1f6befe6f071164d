import type { FetchBaseQueryError } from '@reduxjs/toolkit/query'
import { useCallback } from 'react'
import { useStore } from 'react-redux'
import { baseUrl } from '../../app/api'
import type { AppDispatch, RootState } from '../../app/store'
import { authApi } from './authApi'
import { selectAccessToken } from './authSlice'

export type RawResult<T> = { ok: true; status: number; data: T } | { ok: false; status: number | string; error: FetchBaseQueryError }

/**
 * Runs a request outside RTK Query (uploads with progress, file downloads) with the bearer token;
 * on a 401 it refreshes through the normal re-auth path (by re-reading /me) and tries once more.
 */
export function useAuthorizedRequest() {
  const store = useStore<RootState>()
  return useCallback(
    async <T>(send: (token: string | null) => Promise<RawResult<T>>): Promise<RawResult<T>> => {
      const token = selectAccessToken(store.getState())
      const first = await send(token)
      if (first.status !== 401 || !token) return first
      await (store.dispatch as AppDispatch)(
        authApi.endpoints.me.initiate(undefined, { forceRefetch: true, subscribe: false }),
      )
      const fresh = selectAccessToken(store.getState())
      return fresh && fresh !== token ? send(fresh) : first
    },
    [store],
  )
}

function parseBody(text: string): unknown {
  if (!text) return null
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

export interface UploadOptions {
  /** Path under /api, e.g. `/dashboard/products/4/images/`. */
  path: string
  form: FormData
  token: string | null
  onProgress?: (loaded: number, total: number) => void
  signal?: AbortSignal
}

/** POSTs multipart data with XMLHttpRequest, which (unlike fetch) reports upload progress. */
export function uploadWithProgress<T>({ path, form, token, onProgress, signal }: UploadOptions): Promise<RawResult<T>> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', `${baseUrl}${path}`)
    xhr.setRequestHeader('Accept', 'application/json')
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`)
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress?.(event.loaded, event.total)
    }
    xhr.onload = () => {
      const data = parseBody(xhr.responseText)
      if (xhr.status >= 200 && xhr.status < 300) resolve({ ok: true, status: xhr.status, data: data as T })
      else resolve({ ok: false, status: xhr.status, error: { status: xhr.status, data } })
    }
    const failed = (message: string) => () =>
      resolve({ ok: false, status: 'FETCH_ERROR', error: { status: 'FETCH_ERROR', error: message } })
    xhr.onerror = failed('Network error')
    xhr.ontimeout = failed('Timed out')
    xhr.onabort = failed('Cancelled')
    signal?.addEventListener('abort', () => xhr.abort())
    xhr.send(form)
  })
}

/** GETs a file with the bearer token and returns it as a Blob with the server's file name. */
export async function downloadFile(
  path: string,
  token: string | null,
): Promise<RawResult<{ blob: Blob; filename: string | null }>> {
  try {
    const response = await fetch(`${baseUrl}${path}`, {
      headers: token ? { Authorization: `Bearer ${token}` } : {},
    })
    if (!response.ok) {
      const data = parseBody(await response.text())
      return { ok: false, status: response.status, error: { status: response.status, data } }
    }
    const disposition = response.headers.get('Content-Disposition') ?? ''
    const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)
    return {
      ok: true,
      status: response.status,
      data: { blob: await response.blob(), filename: match ? decodeURIComponent(match[1]) : null },
    }
  } catch (failure) {
    return { ok: false, status: 'FETCH_ERROR', error: { status: 'FETCH_ERROR', error: String(failure) } }
  }
}

/** Hands a Blob to the browser as a download. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = filename
  link.style.display = 'none'
  document.body.appendChild(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}
