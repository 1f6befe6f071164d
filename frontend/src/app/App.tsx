import { useState } from 'react'
import { Provider } from 'react-redux'
import { createBrowserRouter } from 'react-router'
import { RouterProvider } from 'react-router/dom'
import { routesFor } from './routes'
import type { AppStore } from './store'

export function App({ store }: { store: AppStore }) {
  const [router] = useState(() => createBrowserRouter(routesFor(store.getState().config)))
  return (
    <Provider store={store}>
      <RouterProvider router={router} />
    </Provider>
  )
}
