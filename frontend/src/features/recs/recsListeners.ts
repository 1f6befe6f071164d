import type { CoreState as RootState } from '../../app/state'
import { credentialsReceived, selectAccessToken, signedOut } from '../auth/authSlice'
import { cartApi } from '../cart/cartApi'
import type { CartListeners } from '../cart/cartListeners'
import { beacon } from './beacon'
import { forgetVisitor } from './visitor'

/** Add-to-cart from anywhere in the shop reaches the beacon; batches carry the shopper's credentials. */
export function startRecsListeners(listeners: CartListeners, getState: () => RootState) {
  beacon.configure(() => {
    const state = getState()
    return { access: selectAccessToken(state), cartToken: state.cart.token }
  })
  listeners.startListening({
    actionCreator: credentialsReceived,
    effect: (_action, listenerApi) => {
      if (listenerApi.getState().config.kind === 'shop') void beacon.identify()
    },
  })
  listeners.startListening({
    actionCreator: signedOut,
    effect: async () => {
      await beacon.settled() // what was queued still belongs to the account that signed out
      forgetVisitor()
    },
  })
  listeners.startListening({
    matcher: cartApi.endpoints.addCartLine.matchFulfilled,
    effect: (action, listenerApi) => {
      if (listenerApi.getState().config.kind !== 'shop') return
      const { variant_id, quantity } = action.meta.arg.originalArgs
      const line = action.payload.lines.find((l) => String(l.variant_id) === String(variant_id))
      if (line) beacon.send({ kind: 'cart', slug: line.product_slug, quantity })
    },
  })
}
