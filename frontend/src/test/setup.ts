import '@testing-library/jest-dom/vitest'
import { cleanup, configure } from '@testing-library/react'
import { afterAll, afterEach, beforeAll, beforeEach, vi } from 'vitest'
import { routesFor } from '../app/routes'
import { preloadPages } from '../app/routes/lazyPage'
import { FakeWebSocket } from './fakeWebSocket'
import { resetSessions, server } from './server'

// Pages are split into chunks loaded on a first visit (app/routes/lazyPage.tsx); tests render
// routes at once, as a returning visitor's cached chunks would.
void routesFor
await preloadPages()

// findBy*/waitFor give up after 1 s by default, too soon when the machine is busy (user-event
// typing alone has taken seconds under load): they still return as soon as the element is there.
configure({ asyncUtilTimeout: 15_000 })

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
// No test opens a real socket; notifications tests drive these fakes as the server.
beforeEach(() => vi.stubGlobal('WebSocket', FakeWebSocket))
afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
  FakeWebSocket.reset()
  server.resetHandlers()
  resetSessions()
  window.localStorage.clear()
})
afterAll(() => server.close())
