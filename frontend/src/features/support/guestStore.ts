/** A guest's conversation and its secret, kept by this browser for this shop (its origin). */
const KEY = 'shopyard.support.guest'

export interface GuestChat {
  conversation: number
  token: string
}

export function loadGuestChat(): GuestChat | null {
  try {
    const raw = window.localStorage.getItem(KEY)
    const parsed = raw ? (JSON.parse(raw) as Partial<GuestChat>) : null
    if (parsed && typeof parsed.conversation === 'number' && typeof parsed.token === 'string') {
      return { conversation: parsed.conversation, token: parsed.token }
    }
  } catch {
    // storage unavailable or corrupt: start afresh
  }
  return null
}

export function saveGuestChat(chat: GuestChat): void {
  try {
    window.localStorage.setItem(KEY, JSON.stringify(chat))
  } catch {
    // private mode: the chat still works for this visit
  }
}

export function forgetGuestChat(): void {
  try {
    window.localStorage.removeItem(KEY)
  } catch {
    // nothing kept
  }
}
