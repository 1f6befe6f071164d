import type { ListenerMiddlewareInstance, ThunkDispatch, UnknownAction } from '@reduxjs/toolkit'
import { api } from '../../app/api'
import type { CoreState } from '../../app/state'
import { credentialsReceived } from '../auth/authSlice'
import { cartApi, storeCart } from './cartApi'
import { cartTokenForgotten } from './cartSlice'

/**
 * Right after a shopper signs in or signs up while holding a guest cart token, the guest cart is
 * merged into the account's cart and the token forgotten, so the cart survives signing up.
 */
export type CartListeners = ListenerMiddlewareInstance<CoreState, ThunkDispatch<CoreState, unknown, UnknownAction>>

export function startCartListeners(listeners: CartListeners) {
  listeners.startListening({
    actionCreator: credentialsReceived,
    effect: async (_action, listenerApi) => {
      const state = listenerApi.getState()
      if (state.config.kind !== 'shop') return
      const token = state.cart.token
      if (!token) {
        // The account may already have a cart from an earlier visit.
        listenerApi.dispatch(api.util.invalidateTags(['Cart']))
        return
      }
      const result = await listenerApi.dispatch(cartApi.endpoints.mergeCart.initiate({ token }))
      if ('data' in result && result.data) {
        listenerApi.dispatch(cartTokenForgotten())
        storeCart(result.data, listenerApi.dispatch)
        listenerApi.dispatch(api.util.invalidateTags(['Checkout']))
        return
      }
      const status = 'error' in result ? (result.error as { status?: unknown } | undefined)?.status : undefined
      // 4xx: that guest cart cannot be merged (gone, empty, someone else's); do not keep trying.
      // A network or server failure keeps the token so nothing is lost.
      if (typeof status === 'number' && status >= 400 && status < 500) listenerApi.dispatch(cartTokenForgotten())
      listenerApi.dispatch(api.util.invalidateTags(['Cart']))
    },
  })
}
