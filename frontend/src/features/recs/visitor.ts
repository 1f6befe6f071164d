const KEY = 'shopyard.visitor'

function randomId(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID()
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`
}

let memory: string | null = null

/** The id this browser keeps for itself on this shop (localStorage is per origin, hence per shop). */
export function visitorId(): string {
  try {
    const stored = localStorage.getItem(KEY)
    if (stored && /^[A-Za-z0-9_-]{8,64}$/.test(stored)) return stored
    const fresh = randomId()
    localStorage.setItem(KEY, fresh)
    return fresh
  } catch {
    memory ??= randomId()
    return memory
  }
}

/** After sign-out this browser starts as a new visitor, so the next person on it sees nothing of the last one's. */
export function forgetVisitor(): void {
  memory = null
  try {
    localStorage.removeItem(KEY)
  } catch {
    // storage unavailable: the in-memory id was reset above
  }
}

export const VISITOR_HEADER = 'X-Visitor-Id'
