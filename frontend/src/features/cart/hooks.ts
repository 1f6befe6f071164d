import { useAppSelector } from '../../app/hooks'
import type { Cart } from '../../types/commerce'
import { selectIsSignedIn } from '../auth/authSlice'
import { useCartQuery } from './cartApi'
import { selectCartToken } from './cartSlice'

/**
 * The shopper's cart. A guest without a token has an empty cart by definition, so nothing is
 * fetched until the first line is added (the answer then names the new token).
 */
export function useCart() {
  const token = useAppSelector(selectCartToken)
  const signedIn = useAppSelector(selectIsSignedIn)
  const hasServerCart = Boolean(token) || signedIn
  const query = useCartQuery(undefined, { skip: !hasServerCart })
  const cart: Cart | undefined = hasServerCart ? query.data : undefined
  return {
    ...query,
    cart,
    /** True while there is no answer yet for a cart that exists on the server. */
    isLoading: hasServerCart && query.isLoading,
    isEmpty: !hasServerCart || (query.data ? query.data.lines.length === 0 : false),
    itemCount: hasServerCart ? (query.data?.item_count ?? 0) : 0,
  }
}
