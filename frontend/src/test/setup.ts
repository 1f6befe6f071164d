import '@testing-library/jest-dom/vitest'
import { cleanup, configure } from '@testing-library/react'
import { afterAll, afterEach, beforeAll } from 'vitest'
import { resetSessions, server } from './server'

// findBy*/waitFor give up after 1 s by default, too soon when the machine is busy.
configure({ asyncUtilTimeout: 4000 })

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  cleanup()
  server.resetHandlers()
  resetSessions()
  window.localStorage.clear()
})
afterAll(() => server.close())
