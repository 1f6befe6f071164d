import react from '@vitejs/plugin-react'
import { defineConfig } from 'vitest/config'

// Django serves the built files under /static/ and index.html for every non-API path.
// The dev server keeps base '/' so that client-side routes work at their real paths.
export default defineConfig(({ command }) => ({
  base: command === 'build' ? '/static/' : '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
  },
  server: {
    allowedHosts: ['.localhost'],
    proxy: {
      '/api': { target: process.env.API_PROXY_TARGET ?? 'http://localhost:8000', changeOrigin: false },
      // Live notifications (the backend's ASGI server).
      '/ws': { target: process.env.API_PROXY_TARGET ?? 'http://localhost:8000', changeOrigin: false, ws: true },
    },
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    restoreMocks: true,
    // A budget, not a wait: journeys that type whole forms take seconds on a busy 2-core machine.
    testTimeout: 30_000,
  },
}))
