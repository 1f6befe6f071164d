import { render, type RenderOptions } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { StrictMode, type ReactElement, type ReactNode } from 'react'
import { Provider } from 'react-redux'
import { createMemoryRouter, MemoryRouter, RouterProvider, type RouteObject } from 'react-router'
import type { AppConfig } from '../app/config'
import { routesFor } from '../app/routes'
import { setupStore, type AppStore, type RootState } from '../app/store'
import type { User } from '../features/auth/types'
import { platformConfig } from './fixtures'
import { issueTokens } from './server'

interface ProviderOptions {
  config?: AppConfig
  preloadedState?: Partial<RootState>
  store?: AppStore
  /** Starts signed in as this user, with tokens the fake backend accepts. */
  signedInAs?: User
}

function makeStore({ config = platformConfig, preloadedState, store, signedInAs }: ProviderOptions): AppStore {
  if (store) return store
  const auth = signedInAs ? { ...issueTokens(signedInAs), user: signedInAs } : undefined
  return setupStore({ config, preloadedState: { ...(auth ? { auth } : {}), ...preloadedState } })
}

/** Renders one component inside the store and a memory router. */
export function renderWithProviders(
  ui: ReactElement,
  { route = '/', ...options }: ProviderOptions & { route?: string } & Omit<RenderOptions, 'wrapper'> = {},
) {
  const store = makeStore(options)
  function Wrapper({ children }: { children: ReactNode }) {
    return (
      <Provider store={store}>
        <MemoryRouter initialEntries={[route]}>{children}</MemoryRouter>
      </Provider>
    )
  }
  return { store, user: userEvent.setup(), ...render(ui, { wrapper: Wrapper }) }
}

/** Renders the real route table for the config's host kind, in StrictMode like main.tsx. */
export function renderApp({
  route = '/',
  routes,
  ...options
}: ProviderOptions & { route?: string; routes?: RouteObject[] } = {}) {
  const store = makeStore(options)
  const router = createMemoryRouter(routes ?? routesFor(store.getState().config), { initialEntries: [route] })
  const result = render(
    <StrictMode>
      <Provider store={store}>
        <RouterProvider router={router} />
      </Provider>
    </StrictMode>,
  )
  return { store, router, user: userEvent.setup(), ...result }
}
