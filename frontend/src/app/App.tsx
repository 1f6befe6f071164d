import { Provider } from 'react-redux'
import { BrowserRouter, useRoutes } from 'react-router'
import { routesFor } from './routes'
import type { AppStore } from './store'

// A declarative router: the app uses no loaders or actions, and the data router's code (about
// 15 kB gzipped) would sit in every shopper's first download. Screens load lazily (routes/).
function AppRoutes({ store }: { store: AppStore }) {
  return useRoutes(routesFor(store.getState().config))
}

export function App({ store }: { store: AppStore }) {
  return (
    <Provider store={store}>
      <BrowserRouter>
        <AppRoutes store={store} />
      </BrowserRouter>
    </Provider>
  )
}
