import { defineConfig } from '@playwright/test'

// The backend (Django serving the built front end) is started by the Makefile, not here.
const baseURL = process.env.E2E_BASE_URL ?? 'http://localhost:8000'

export default defineConfig({
  testDir: './e2e',
  // The journeys build on each other (the admin suspends the merchant's shop): keep file order.
  fullyParallel: false,
  // Files would run alphabetically; the commerce journeys must run after the foundation ones, so
  // each file is a project and commerce depends on foundation. (If foundation fails, commerce is
  // reported as not run; `npx playwright test --project=commerce --no-deps` runs it alone.)
  projects: [
    { name: 'foundation', testMatch: /foundation\.spec\.ts$/ },
    { name: 'commerce', testMatch: /commerce\.spec\.ts$/, dependencies: ['foundation'] },
    { name: 'accounts', testMatch: /accounts\.spec\.ts$/, dependencies: ['commerce'] },
    // Counts its own figures against the panel's figures before it, so it needs no other journey.
    { name: 'recs', testMatch: /recs\.spec\.ts$/ },
    // Google sign-in against the OpenID Connect stand-in infra/dev.py starts; needs only the demo shops.
    { name: 'social', testMatch: /social\.spec\.ts$/ },
    // Its own guest and the demo merchant's inbox: needs no other journey.
    { name: 'chat', testMatch: /chat\.spec\.ts$/ },
    // Opens a shop of its own and pays the platform through localstripe (infra/dev.py starts it).
    { name: 'billing', testMatch: /billing\.spec\.ts$/ },
    // Its own shop (nordic) and Stripe account (localstripe): needs no other journey.
    { name: 'payments', testMatch: /payments\.spec\.ts$/ },
    { name: 'notifications', testMatch: /notifications\.spec\.ts$/ },
    // Long words at 375 px on the demo shop riverside: needs no other journey.
    { name: 'layout', testMatch: /layout\.spec\.ts$/ },
    // The demo merchant on riverside, with the keyboard alone: needs no other journey.
    { name: 'keyboard', testMatch: /keyboard\.spec\.ts$/ },
  ],
  workers: 1,
  retries: 0,
  reporter: 'list',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  outputDir: './test-results',
  use: {
    baseURL,
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
})
