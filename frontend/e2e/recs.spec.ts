import { createHash } from 'node:crypto'
import { expect, test, type Locator, type Page } from '@playwright/test'
import { COMMERCE_SHOP, escapeRegExp, fillCheckout, MERCHANT_EMAIL, MERCHANT_PASSWORD, shopUrl } from './support'

const shop = shopUrl(COMMERCE_SHOP)
const run = Date.now()
const VISITOR_KEY = 'shopyard.visitor'

/** A visitor id in the model arm (not the holdout) for any holdout share up to 50 %, as the server hashes it. */
function modelArmVisitor(): string {
  for (let i = 0; ; i += 1) {
    const id = `e2e-recs-${run}-${i}`
    const bucket = Number(createHash('sha256').update(id).digest().readBigUInt64BE(0)) / 2 ** 64
    if (bucket >= 0.5) return id
  }
}

interface Figures {
  impressions: number
  clicks: number
  orders: number
}

async function openPanel(page: Page) {
  await page.goto('/login')
  await page.getByLabel('Email').fill(MERCHANT_EMAIL)
  await page.getByLabel('Password').fill(MERCHANT_PASSWORD)
  await page.getByRole('button', { name: 'Log in' }).click()
  await expect(page).toHaveURL(/\/shops$/)
  await page.getByRole('button', { name: /^Open dashboard for Riverside/ }).click()
  await page.waitForURL(`${shop}/dashboard`)
  await page.getByRole('navigation', { name: 'Dashboard' }).getByRole('link', { name: 'Recommendations' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Recommendations' })).toBeVisible()
}

async function similarFigures(page: Page): Promise<Figures> {
  const row = page.getByRole('region', { name: 'Live figures' }).getByRole('row', { name: /^Similar products/ })
  await expect(row).toBeVisible()
  const read = async (name: string) => Number(await row.locator(`[data-figure="${name}"]`).textContent())
  return { impressions: await read('impressions'), clicks: await read('clicks'), orders: await read('orders') }
}

async function openProduct(page: Page, term: string, title: RegExp) {
  const box = page.getByRole('searchbox', { name: 'Search products' })
  await box.fill(term)
  await box.press('Enter')
  await page.getByRole('list', { name: 'Products' }).getByRole('link', { name: title }).first().click()
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible()
}

async function titlesIn(list: Locator): Promise<string[]> {
  await expect(list.getByRole('listitem').first()).toBeVisible()
  return list.getByRole('heading').allTextContents()
}

test('a shopper sees related products change, clicks one and buys it; the panel counts it', async ({ page, browser }) => {
  await test.step('the merchant notes the panel before', async () => {
    await openPanel(page)
  })
  const before = await similarFigures(page)

  const shopperContext = await browser.newContext()
  const visitor = modelArmVisitor()
  await shopperContext.addInitScript(([key, id]) => window.localStorage.setItem(key, id), [VISITOR_KEY, visitor])
  const shopper = await shopperContext.newPage()
  const similar = shopper.getByRole('list', { name: 'Similar products' })

  let first: string[] = []
  await test.step('views a product and sees similar products', async () => {
    await shopper.goto(`${shop}/`)
    await openProduct(shopper, 'cakestand', /^Regency cakestand 3 tier$/i)
    first = await titlesIn(similar)
    expect(first.length).toBeGreaterThan(0)
    expect(first.join('|')).not.toMatch(/Regency cakestand 3 tier/i)
  })

  let second: string[] = []
  await test.step('views another product and the related products change', async () => {
    await openProduct(shopper, 'party bunting', /^Party bunting$/i)
    await expect.poll(() => titlesIn(similar)).not.toEqual(first)
    second = await titlesIn(similar)
    expect(second.join('|')).not.toMatch(/^Party bunting$/i)
  })

  await test.step('the home page now recommends because of what was viewed', async () => {
    await shopper.goto(`${shop}/`)
    const forYou = shopper.getByRole('list', { name: 'Recommended for you' })
    await expect(forYou.getByText(/^Because you viewed (Party bunting|Regency cakestand 3 tier)$/i).first()).toBeVisible()
    await shopper.goBack()
    await expect(shopper.getByRole('heading', { level: 1, name: /^Party bunting$/i })).toBeVisible()
  })

  const picked = second[0]
  await test.step('clicks a similar product, adds it to the cart and checks out as a guest', async () => {
    await similar.getByRole('link', { name: picked, exact: true }).click()
    await expect(shopper.getByRole('heading', { level: 1, name: new RegExp(`^${escapeRegExp(picked)}$`) })).toBeVisible()
    await shopper.getByRole('button', { name: 'Add to cart' }).click()
    await expect(shopper.getByRole('status').filter({ hasText: /Added 1 × .+ to your cart\./ })).toBeVisible()
    await shopper.getByRole('link', { name: /^Cart, \d+ items?$/ }).click()
    await shopper.getByRole('link', { name: 'Checkout', exact: true }).click()
    await expect(shopper.getByRole('heading', { level: 1, name: 'Checkout' })).toBeVisible()
    await fillCheckout(shopper, { email: `recs-${run}@example.com`, fullName: 'Robin Recs', line1: '2 Riverside Walk' })
    await shopper.getByRole('button', { name: 'Place order' }).click()
    await expect(shopper.getByRole('heading', { name: 'Thank you for your order' })).toBeVisible({ timeout: 20_000 })
  })
  await shopperContext.close()

  await test.step("the merchant's panel counts the impression, the click and the attributed order", async () => {
    await expect(page.getByText(/within 7 days before/)).toBeVisible()
    await expect
      .poll(async () => {
        await page.reload()
        return similarFigures(page)
      })
      .toEqual({
        impressions: expect.any(Number),
        clicks: before.clicks + 1,
        orders: before.orders + 1,
      })
    expect((await similarFigures(page)).impressions).toBeGreaterThan(before.impressions)
  })
})
