import { expect, test, type Page } from '@playwright/test'
import { COMMERCE_SHOP, fillCheckout, MERCHANT_EMAIL, MERCHANT_PASSWORD, shopUrl } from './support'

// Shoppers and merchants type whatever they like: a word longer than the screen (a pasted link,
// a key held down) must wrap inside its box, not push the page sideways at 375 px.
const LONG_WORD = 'W'.repeat(240)

async function expectNoSidewaysScroll(page: Page) {
  const widths = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    view: document.documentElement.clientWidth,
  }))
  expect(widths.scroll).toBeLessThanOrEqual(widths.view)
}

test.use({ viewport: { width: 375, height: 800 } })

test('a search for one very long word keeps the page 375 px wide', async ({ page }) => {
  // Not the letter of LONG_WORD: the product the last test adds would match it.
  await page.goto(`${shopUrl(COMMERCE_SHOP)}/?search=${'Q'.repeat(240)}`)
  await expect(page.getByText(/^No products match/)).toBeVisible()
  await expectNoSidewaysScroll(page)
})

test("a guest's order with a very long address line keeps the confirmation 375 px wide", async ({ page }) => {
  const shop = shopUrl(COMMERCE_SHOP)
  await page.goto(`${shop}/?search=mug`)
  await page.getByRole('list', { name: 'Products' }).getByRole('link').first().click()
  await page.getByRole('button', { name: 'Add to cart' }).click()
  await expect(page.getByRole('status').filter({ hasText: /Added 1 × .+ to your cart\./ })).toBeVisible()
  await page.goto(`${shop}/checkout`)
  await expect(page.getByRole('heading', { level: 1, name: 'Checkout' })).toBeVisible()
  await fillCheckout(page, {
    email: `layout-${Date.now()}@example.com`,
    fullName: 'Wendy Wordsworth',
    line1: `1 ${LONG_WORD.slice(0, 150)}`,
  })
  await page.getByRole('button', { name: 'Place order' }).click()
  await expect(page.getByRole('heading', { name: 'Thank you for your order' })).toBeVisible({ timeout: 20_000 })
  await expect(page.getByText(LONG_WORD.slice(0, 150))).toBeVisible()
  await expectNoSidewaysScroll(page)
})

async function merchantDashboard(page: Page) {
  await page.goto('/login')
  await page.getByLabel('Email').fill(MERCHANT_EMAIL)
  await page.getByLabel('Password').fill(MERCHANT_PASSWORD)
  await page.getByRole('button', { name: 'Log in' }).click()
  await page.getByRole('button', { name: /^Open dashboard for Riverside/ }).click()
  await expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible()
}

test('a product whose title is one very long word keeps its page 375 px wide', async ({ browser }) => {
  const merchant = await browser.newPage({ viewport: { width: 1280, height: 900 } })
  await merchantDashboard(merchant)
  await merchant.goto(`${shopUrl(COMMERCE_SHOP)}/dashboard/products/new`)
  const title = `Long ${LONG_WORD.slice(0, 150)} ${Date.now()}`
  await merchant.getByLabel('Title', { exact: true }).fill(title)
  await merchant.getByLabel('Status').selectOption('active')
  const variant = merchant.getByRole('group', { name: 'Variant 1' })
  await variant.getByLabel('SKU').fill(`LONG-${Date.now()}`)
  await variant.getByLabel('Price', { exact: true }).fill('3.00')
  await variant.getByLabel('Stock').fill('5')
  await merchant.getByRole('button', { name: 'Create product' }).click()
  await expect(merchant.getByText('Product created. Add images below.')).toBeVisible()
  await merchant.close()

  const page = await browser.newPage({ viewport: { width: 375, height: 800 } })
  await page.goto(`${shopUrl(COMMERCE_SHOP)}/?sort=newest`)
  await page.getByRole('list', { name: 'Products' }).getByRole('link', { name: title }).first().click()
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible()
  await expectNoSidewaysScroll(page)
  await page.close()
})

test("a chat opened with one very long word keeps the merchant's feed and inbox 375 px wide", async ({ browser }) => {
  const guest = await browser.newPage()
  await guest.goto(`${shopUrl(COMMERCE_SHOP)}/`)
  await guest.getByRole('button', { name: 'Chat with us' }).click()
  const panel = guest.getByRole('dialog', { name: /^Chat with/ })
  await panel.getByLabel('Your name').fill('Lola Longword')
  await panel.getByLabel('Your e-mail').fill(`lola-${Date.now()}@example.com`)
  const question = `Hello ${LONG_WORD}`
  await panel.getByLabel('How can we help?').fill(question)
  await panel.getByRole('button', { name: 'Start chat' }).click()
  await expect(panel.getByRole('log', { name: 'Messages' }).getByText(question)).toBeVisible()
  await guest.close()

  const merchant = await browser.newPage({ viewport: { width: 375, height: 800 } })
  await merchantDashboard(merchant)
  const nav = merchant.getByRole('navigation', { name: 'Dashboard' })
  await nav.getByRole('link', { name: 'Live feed' }).click()
  await expect(merchant.getByRole('list', { name: 'Feed' }).getByText(/Lola Longword|Hello W/).first()).toBeVisible()
  await expectNoSidewaysScroll(merchant)
  await nav.getByRole('link', { name: 'Support inbox' }).click()
  await expect(merchant.getByRole('navigation', { name: 'Conversations' }).getByText('Lola Longword').first()).toBeVisible()
  await expectNoSidewaysScroll(merchant)
  await nav.getByRole('link', { name: 'Promotions' }).click()
  await expect(merchant.getByRole('heading', { level: 1, name: 'Promotions' })).toBeVisible()
  await expectNoSidewaysScroll(merchant)
  await merchant.close()
})
