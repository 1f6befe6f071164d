/**
 * localStorage key of the guest cart token. Each shop host is its own origin, so a token never
 * travels to another shop. The value is the raw token string.
 */
export const CART_STORAGE_KEY = 'shopyard.cart'

export function loadCartToken(): string | null {
  try {
    const raw = window.localStorage.getItem(CART_STORAGE_KEY)
    return raw && raw.trim() ? raw.trim() : null
  } catch {
    return null
  }
}

export function saveCartToken(token: string | null): void {
  try {
    if (token) window.localStorage.setItem(CART_STORAGE_KEY, token)
    else window.localStorage.removeItem(CART_STORAGE_KEY)
  } catch {
    // Storage can be unavailable; the cart then lasts the page.
  }
}
