import { expect, test } from '@playwright/test'
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  escapeRegExp,
  fetchStatusFromPage,
  OTHER_SHOP,
  readAccessToken,
  SHOP,
  SHOP_NAME,
  shopUrl,
} from './support'

// The admin journey suspends the shop the merchant journey creates, so they run in order.
test.describe.configure({ mode: 'serial' })

const run = Date.now()
const merchant = { name: 'Mia Merchant', email: `merchant-${run}@example.com`, password: 'violet-harbour-lantern-42' }
const shopper = { name: 'Sid Shopper', email: `shopper-${run}@example.com`, password: 'quiet-meadow-teapot-17' }
const shopOrigin = shopUrl(SHOP)
const otherOrigin = shopUrl(OTHER_SHOP)

test('a merchant opens a shop; a shopper signed up there is a stranger at another shop', async ({
  page,
  browser,
}) => {
  await test.step('merchant signs up on the platform', async () => {
    await page.goto('/')
    await page.getByRole('link', { name: 'Create your shop' }).click()
    await expect(page).toHaveURL(/\/signup$/)
    await page.getByLabel('Full name (optional)').fill(merchant.name)
    await page.getByLabel('Email').fill(merchant.email)
    await page.getByLabel('Password').fill(merchant.password)
    await page.getByRole('button', { name: 'Create account' }).click()

    // Sign-up promises "you will name your shop next": straight on to the new-shop form.
    await expect(page.getByRole('heading', { name: 'Create a shop' })).toBeVisible()
    await expect(page).toHaveURL(/\/shops\/new$/)
    await expect(page.getByRole('navigation', { name: 'Main' })).toContainText(merchant.email)
  })

  await test.step('creates a shop after the live availability check', async () => {
    await page.getByLabel('Shop name').fill(SHOP_NAME)
    await page.getByLabel('Subdomain').fill(SHOP)
    await expect(page.getByText(new RegExp(`^${escapeRegExp(SHOP)}\\.localhost(:\\d+)? is available$`))).toBeVisible()
    await page.getByRole('button', { name: 'Create shop' }).click()

    await expect(page.getByRole('heading', { name: `${SHOP_NAME} is live` })).toBeVisible()
    await expect(page.getByRole('link', { name: 'Visit storefront' })).toHaveAttribute(
      'href',
      new RegExp(`^${escapeRegExp(shopOrigin)}/?$`),
    )
  })

  await test.step('the storefront is live at its own host', async () => {
    await page.goto(`${shopOrigin}/`)
    await expect(page.getByRole('heading', { level: 1, name: SHOP_NAME })).toBeVisible()
  })

  await test.step('"Open dashboard" signs the merchant in on the shop host', async () => {
    await page.goto('/shops')
    await page.getByRole('button', { name: `Open dashboard for ${SHOP_NAME}` }).click()
    await page.waitForURL(`${shopOrigin}/dashboard`)
    await expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible()
    await expect(page.getByRole('navigation', { name: 'Dashboard' })).toBeVisible()
    await expect(page.getByRole('navigation', { name: 'Account' })).toContainText(merchant.email)
  })

  const shopperContext = await browser.newContext()
  try {
    const shopperPage = await shopperContext.newPage()
    let token = ''

    await test.step(`a shopper signs up on ${SHOP}'s storefront`, async () => {
      await shopperPage.goto(`${shopOrigin}/account/signup`)
      await shopperPage.getByLabel('Full name (optional)').fill(shopper.name)
      await shopperPage.getByLabel('Email').fill(shopper.email)
      await shopperPage.getByLabel('Password').fill(shopper.password)
      await shopperPage.getByRole('button', { name: 'Create account' }).click()

      await shopperPage.waitForURL(`${shopOrigin}/`)
      await expect(shopperPage.getByRole('navigation', { name: 'Account' })).toContainText(shopper.email)
      token = await readAccessToken(shopperPage)
      expect(await fetchStatusFromPage(shopperPage, '/api/auth/me/', token)).toBe(200)
    })

    await test.step(`${OTHER_SHOP} refuses that token and shows the shopper as signed out`, async () => {
      await shopperPage.goto(`${otherOrigin}/`)
      const account = shopperPage.getByRole('navigation', { name: 'Account' })
      await expect(account.getByRole('link', { name: 'Sign in' })).toBeVisible()
      await expect(account).not.toContainText(shopper.email)

      expect(await fetchStatusFromPage(shopperPage, '/api/auth/me/', token)).toBe(401)
    })
  } finally {
    await shopperContext.close()
  }
})

test('an admin suspends the shop and reactivates it', async ({ page, context }) => {
  await test.step('admin logs in', async () => {
    await page.goto('/login')
    await page.getByLabel('Email').fill(ADMIN_EMAIL)
    await page.getByLabel('Password').fill(ADMIN_PASSWORD)
    await page.getByRole('button', { name: 'Log in' }).click()
    // A platform admin lands on the admin page.
    await expect(page).toHaveURL(/\/admin$/)
    await expect(page.getByRole('heading', { name: 'All shops' })).toBeVisible()
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' })).toBeVisible()
  })

  await page.getByRole('searchbox', { name: 'Search shops' }).fill(SHOP)
  await page.getByRole('button', { name: 'Search', exact: true }).click()
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: SHOP, exact: true }) })
  const storefront = await context.newPage()

  await test.step('suspends it with a reason', async () => {
    await row.getByRole('button', { name: /^Suspend / }).click()
    const dialog = page.getByRole('dialog', { name: /^Suspend / })
    await dialog.getByLabel('Reason').fill('End-to-end test: unpaid invoices')
    await dialog.getByRole('button', { name: 'Suspend shop' }).click()

    await expect(dialog).toBeHidden()
    await expect(row.getByText('Suspended', { exact: true })).toBeVisible()
    await expect(row.getByRole('button', { name: /^Reactivate / })).toBeVisible()
  })

  await test.step('the storefront is unavailable', async () => {
    await storefront.goto(`${shopOrigin}/`)
    await expect(storefront.getByText('This shop is temporarily unavailable')).toBeVisible()
  })

  await test.step('reactivates it and the storefront works again', async () => {
    await row.getByRole('button', { name: /^Reactivate / }).click()
    await expect(row.getByText('Active', { exact: true })).toBeVisible()
    await expect(row.getByRole('button', { name: /^Suspend / })).toBeVisible()

    await storefront.goto(`${shopOrigin}/`)
    await expect(storefront.getByRole('heading', { level: 1, name: SHOP_NAME })).toBeVisible()
    await expect(storefront.getByRole('searchbox', { name: 'Search products' })).toBeVisible()
    await expect(storefront.getByText('This shop is temporarily unavailable')).toHaveCount(0)
  })
})
