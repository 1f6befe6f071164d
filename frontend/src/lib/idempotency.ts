/**
 * A fresh UUID v4 for an `Idempotency-Key` header. `crypto.randomUUID` needs a secure context;
 * `getRandomValues` works everywhere, so it is the fallback.
 */
export function newIdempotencyKey(): string {
  const c = globalThis.crypto
  if (typeof c?.randomUUID === 'function') return c.randomUUID()
  const bytes = new Uint8Array(16)
  c.getRandomValues(bytes)
  bytes[6] = (bytes[6] & 0x0f) | 0x40
  bytes[8] = (bytes[8] & 0x3f) | 0x80
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

export interface IdempotentAttempt {
  key: string
  /** The exact body sent with this key. */
  fingerprint: string
  /** The last try ended without a definite answer (network error): the same body may reuse the key. */
  unresolved: boolean
}

/**
 * One key per submission: a retry of the *same* body after a network error reuses the key, so the
 * server can recognise it and never charge twice; anything else gets a new key.
 */
export function keyForAttempt(previous: IdempotentAttempt | null, body: unknown): IdempotentAttempt {
  const fingerprint = JSON.stringify(body)
  if (previous && previous.unresolved && previous.fingerprint === fingerprint) return previous
  return { key: newIdempotencyKey(), fingerprint, unresolved: false }
}
