import { combineReducers, configureStore } from '@reduxjs/toolkit'
import { authReducer } from '../features/auth/authSlice'
import { loadAuth, saveAuth } from '../features/auth/tokenStorage'
import { api } from './api'
import { configReducer, fallbackConfig, type AppConfig } from './config'

const rootReducer = combineReducers({
  config: configReducer,
  auth: authReducer,
  [api.reducerPath]: api.reducer,
})

export type RootState = ReturnType<typeof rootReducer>

export interface SetupStoreOptions {
  config?: AppConfig
  preloadedState?: Partial<RootState>
}

export function setupStore({ config = fallbackConfig, preloadedState }: SetupStoreOptions = {}) {
  const store = configureStore({
    reducer: rootReducer,
    preloadedState: { config, auth: loadAuth(), ...preloadedState },
    middleware: (getDefaultMiddleware) => getDefaultMiddleware().concat(api.middleware),
  })

  let lastAuth = store.getState().auth
  store.subscribe(() => {
    const { auth } = store.getState()
    if (auth !== lastAuth) {
      lastAuth = auth
      saveAuth(auth)
    }
  })
  return store
}

export type AppStore = ReturnType<typeof setupStore>
export type AppDispatch = AppStore['dispatch']
