import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app/App'
import { readAppConfig } from './app/config'
import { setupStore } from './app/store'
import './styles.css'

const store = setupStore({ config: readAppConfig() })

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App store={store} />
  </StrictMode>,
)
