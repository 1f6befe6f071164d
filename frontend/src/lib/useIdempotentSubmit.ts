import { useCallback, useRef } from 'react'
import { isNetworkError } from './apiError'
import { keyForAttempt, type IdempotentAttempt } from './idempotency'

export type SubmitOutcome<T> =
  | { ok: true; data: T }
  /** `network`: no definite answer came back; the same body sent again reuses the key. */
  | { ok: false; error: unknown; network: boolean }

/**
 * Sends a write that must happen at most once (placing an order, paying for one) with an
 * `Idempotency-Key`: one key per submission, reused only when the *same* body is retried after a
 * network error, so the server can recognise the retry and never charge twice. Any definite
 * answer (success or a refusal) ends the attempt; the next submission gets a new key.
 */
export function useIdempotentSubmit() {
  const attempt = useRef<IdempotentAttempt | null>(null)
  return useCallback(async <T>(body: unknown, send: (key: string) => Promise<T>): Promise<SubmitOutcome<T>> => {
    const current = keyForAttempt(attempt.current, body)
    attempt.current = current
    try {
      const data = await send(current.key)
      attempt.current = null
      return { ok: true, data }
    } catch (error) {
      const network = isNetworkError(error)
      if (network) current.unresolved = true
      else attempt.current = null
      return { ok: false, error, network }
    }
  }, [])
}
