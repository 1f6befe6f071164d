import type { User } from './types'

/** localStorage key; each shop host is its own origin, so tokens never mix between shops. */
export const AUTH_STORAGE_KEY = 'shopyard.auth'

export interface StoredAuth {
  access: string | null
  refresh: string | null
  user: User | null
}

export const emptyAuth: StoredAuth = { access: null, refresh: null, user: null }

export function loadAuth(): StoredAuth {
  try {
    const raw = window.localStorage.getItem(AUTH_STORAGE_KEY)
    if (!raw) return emptyAuth
    const parsed = JSON.parse(raw) as Partial<StoredAuth>
    return {
      access: typeof parsed.access === 'string' ? parsed.access : null,
      refresh: typeof parsed.refresh === 'string' ? parsed.refresh : null,
      user: parsed.user ?? null,
    }
  } catch {
    return emptyAuth
  }
}

export function saveAuth(auth: StoredAuth): void {
  try {
    if (!auth.access && !auth.refresh) {
      window.localStorage.removeItem(AUTH_STORAGE_KEY)
    } else {
      window.localStorage.setItem(AUTH_STORAGE_KEY, JSON.stringify(auth))
    }
  } catch {
    // Storage can be unavailable (private mode, quota); the session then lasts the page.
  }
}
