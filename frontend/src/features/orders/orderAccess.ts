import type { Id } from '../../types/commerce'

/**
 * What lets a guest come back to an order: its `order_token` (from the checkout answer, the
 * e-mail link or a lookup), kept in this origin's storage, so per shop. The checkout also
 * remembers an order whose payment failed, so a reload of /checkout shows it again.
 */
export const ORDER_TOKENS_KEY = 'shopyard.orderTokens'
export const UNPAID_ORDER_KEY = 'shopyard.unpaidOrder'
export const ORDER_TOKEN_HEADER = 'X-Order-Token'
const KEEP_TOKENS = 20

function readTokens(): [string, string][] {
  try {
    const parsed: unknown = JSON.parse(window.localStorage.getItem(ORDER_TOKENS_KEY) ?? '[]')
    return Array.isArray(parsed)
      ? parsed.filter((e): e is [string, string] => Array.isArray(e) && typeof e[0] === 'string' && typeof e[1] === 'string')
      : []
  } catch {
    return []
  }
}

function write(key: string, value: string | null) {
  try {
    if (value === null) window.localStorage.removeItem(key)
    else window.localStorage.setItem(key, value)
  } catch {
    // Storage unavailable (private mode, quota): the order stays reachable by lookup.
  }
}

export function orderTokenFor(orderId: Id): string | null {
  return readTokens().find(([id]) => id === String(orderId))?.[1] ?? null
}

export function rememberOrderToken(orderId: Id, token: string | null | undefined): void {
  if (!token) return
  const others = readTokens().filter(([id]) => id !== String(orderId))
  write(ORDER_TOKENS_KEY, JSON.stringify([[String(orderId), token], ...others].slice(0, KEEP_TOKENS)))
}

/** The token in a checkout, pay or lookup answer: `order_token` beside the order or inside it. */
export function tokenInAnswer(body: unknown): string | null {
  const answer = body as { order_token?: unknown; order?: { order_token?: unknown } } | null | undefined
  const token = answer?.order_token ?? answer?.order?.order_token
  return typeof token === 'string' && token ? token : null
}

/** `X-Order-Token` for this order when one is held (signed-in owners need none). */
export function orderTokenHeaders(orderId: Id): Record<string, string> {
  const token = orderTokenFor(orderId)
  return token ? { [ORDER_TOKEN_HEADER]: token } : {}
}

export function unpaidOrderId(): string | null {
  try {
    return window.localStorage.getItem(UNPAID_ORDER_KEY)
  } catch {
    return null
  }
}

export function rememberUnpaidOrder(orderId: Id): void {
  write(UNPAID_ORDER_KEY, String(orderId))
}

export function forgetUnpaidOrder(): void {
  write(UNPAID_ORDER_KEY, null)
}
