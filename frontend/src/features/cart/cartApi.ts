import { api } from '../../app/api'
import { coreState } from '../../app/state'
import type { Cart, Id } from '../../types/commerce'
import { selectIsSignedIn } from '../auth/authSlice'
import { cartTokenForgotten, cartTokenReceived } from './cartSlice'

export interface ReorderResult {
  cart: Cart
  added: { product_title: string; variant_title: string; quantity: number }[]
  unavailable: { product_title: string; variant_title: string; reason: string }[]
}

type Dispatch = (action: unknown) => unknown

/** Puts a cart answer straight into the `cart` cache entry (synchronously, so answers never reorder). */
export function storeCart(cart: Cart, dispatch: Dispatch): void {
  dispatch(cartApi.util.upsertQueryEntries([{ endpointName: 'cart', arg: undefined, value: cart }]))
}

/**
 * Every cart answer carries the cart: keep the guest token it names (never for a signed-in
 * shopper, whose cart belongs to the account) and put the cart straight into the cache.
 */
export function cartReceived(cart: Cart, dispatch: Dispatch, getState: () => unknown): void {
  const state = coreState(getState)
  if (cart.token && !selectIsSignedIn(state) && cart.token !== state.cart.token) {
    dispatch(cartTokenReceived(cart.token))
  }
  storeCart(cart, dispatch)
  // Totals and shipping prices depend on the cart.
  dispatch(api.util.invalidateTags(['Checkout']))
}

async function storeCartFrom(
  queryFulfilled: Promise<{ data: Cart }>,
  dispatch: Dispatch,
  getState: () => unknown,
): Promise<void> {
  try {
    const { data } = await queryFulfilled
    cartReceived(data, dispatch, getState)
  } catch {
    // The component shows the error.
  }
}

export const cartApi = api.injectEndpoints({
  endpoints: (build) => ({
    cart: build.query<Cart, void>({
      query: () => '/cart/',
      extraOptions: { cart: true, optionalAuth: true },
      providesTags: ['Cart'],
      async onQueryStarted(_arg, { dispatch, getState, queryFulfilled }) {
        try {
          const { data } = await queryFulfilled
          const state = coreState(getState)
          if (data.token && !selectIsSignedIn(state) && data.token !== state.cart.token) {
            dispatch(cartTokenReceived(data.token))
          }
        } catch (failure) {
          // A guest token the server no longer knows: forget it and start afresh.
          const status = (failure as { error?: { status?: unknown } }).error?.status
          const state = coreState(getState)
          if (status === 404 && state.cart.token) {
            dispatch(cartTokenForgotten())
            dispatch(api.util.invalidateTags(['Cart']))
          }
        }
      },
    }),
    addCartLine: build.mutation<Cart, { variant_id: Id; quantity: number }>({
      query: (body) => ({ url: '/cart/lines/', method: 'POST', body }),
      extraOptions: { cart: true, optionalAuth: true },
      onQueryStarted: (_arg, { dispatch, getState, queryFulfilled }) =>
        storeCartFrom(queryFulfilled, dispatch, getState),
    }),
    updateCartLine: build.mutation<Cart, { id: Id; quantity: number }>({
      query: ({ id, quantity }) => ({ url: `/cart/lines/${id}/`, method: 'PATCH', body: { quantity } }),
      extraOptions: { cart: true },
      onQueryStarted: (_arg, { dispatch, getState, queryFulfilled }) =>
        storeCartFrom(queryFulfilled, dispatch, getState),
    }),
    removeCartLine: build.mutation<Cart, { id: Id }>({
      query: ({ id }) => ({ url: `/cart/lines/${id}/`, method: 'DELETE' }),
      extraOptions: { cart: true },
      onQueryStarted: (_arg, { dispatch, getState, queryFulfilled }) =>
        storeCartFrom(queryFulfilled, dispatch, getState),
    }),
    /** Signed in: moves the guest cart named by `token` into the account's cart. */
    mergeCart: build.mutation<Cart, { token: string }>({
      query: (body) => ({ url: '/cart/merge/', method: 'POST', body }),
      extraOptions: { cart: true },
    }),
    reorder: build.mutation<ReorderResult, Id>({
      query: (id) => ({ url: `/orders/${id}/reorder/`, method: 'POST' }),
      extraOptions: { cart: true },
      async onQueryStarted(_arg, { dispatch, getState, queryFulfilled }) {
        try {
          const { data } = await queryFulfilled
          cartReceived(data.cart, dispatch, getState)
        } catch {
          // Shown by the order page.
        }
      },
    }),
  }),
})

export const {
  useCartQuery,
  useAddCartLineMutation,
  useUpdateCartLineMutation,
  useRemoveCartLineMutation,
  useReorderMutation,
} = cartApi
