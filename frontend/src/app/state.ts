import type { AuthState } from '../features/auth/authSlice'
import type { CartState } from '../features/cart/cartSlice'
import type { AppConfig } from './config'

/**
 * The slices that the API layer and its listeners read. It names no reducer, so `api.ts` and the
 * features' endpoints can type `getState()` without importing the store that imports them.
 * `RootState` (store.ts) is this plus RTK Query's cache.
 */
export interface CoreState {
  config: AppConfig
  auth: AuthState
  cart: CartState
}

/** Reads the core slices from any `getState` (RTK Query types its own as the cache's state). */
export function coreState(getState: () => unknown): CoreState {
  return getState() as CoreState
}
