import { combineReducers, configureStore, createListenerMiddleware } from '@reduxjs/toolkit'
import { authReducer } from '../features/auth/authSlice'
import { loadAuth, saveAuth } from '../features/auth/tokenStorage'
import { startCartListeners, type CartListeners } from '../features/cart/cartListeners'
import { cartReducer } from '../features/cart/cartSlice'
import { loadCartToken, saveCartToken } from '../features/cart/cartToken'
import { startRecsListeners } from '../features/recs/recsListeners'
import { api } from './api'
import { configReducer, fallbackConfig, type AppConfig } from './config'

const rootReducer = combineReducers({
  config: configReducer,
  auth: authReducer,
  cart: cartReducer,
  [api.reducerPath]: api.reducer,
})

export type RootState = ReturnType<typeof rootReducer>

export interface SetupStoreOptions {
  config?: AppConfig
  preloadedState?: Partial<RootState>
}

export function setupStore({ config = fallbackConfig, preloadedState }: SetupStoreOptions = {}) {
  const listeners: CartListeners = createListenerMiddleware()
  const store = configureStore({
    reducer: rootReducer,
    preloadedState: { config, auth: loadAuth(), cart: { token: loadCartToken() }, ...preloadedState },
    middleware: (getDefaultMiddleware) =>
      getDefaultMiddleware().prepend(listeners.middleware).concat(api.middleware),
  })
  startCartListeners(listeners)
  startRecsListeners(listeners, () => store.getState())

  let lastAuth = store.getState().auth
  let lastCart = store.getState().cart
  store.subscribe(() => {
    const { auth, cart } = store.getState()
    if (auth !== lastAuth) {
      lastAuth = auth
      saveAuth(auth)
    }
    if (cart !== lastCart) {
      if (cart.token !== lastCart.token) saveCartToken(cart.token)
      lastCart = cart
    }
  })
  return store
}

export type AppStore = ReturnType<typeof setupStore>
export type AppDispatch = AppStore['dispatch']
