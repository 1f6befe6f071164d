import { expect, test, type Browser, type Page } from '@playwright/test'
import { COMMERCE_SHOP, MERCHANT_EMAIL, MERCHANT_PASSWORD, shopUrl } from './support'

// A promotion reaches a shopper who is online at once (a toast, then the bell), and one who
// was offline finds it in the inbox when they come back.
const run = Date.now()
const shop = shopUrl(COMMERCE_SHOP)
const online = { email: `online-${run}@example.com`, password: 'violet-harbour-lamp-31' }
const offline = { email: `offline-${run}@example.com`, password: 'copper-meadow-gate-47' }
const promotion = { title: `Lantern evening ${run}`, text: 'Every lantern 20 % off tonight.' }

const accountNav = (page: Page) => page.getByRole('navigation', { name: 'Account' })

async function signUp(browser: Browser, who: { email: string; password: string }) {
  const context = await browser.newContext()
  const page = await context.newPage()
  await page.goto(`${shop}/account/signup`)
  await page.getByLabel('Email').fill(who.email)
  await page.getByLabel('Password').fill(who.password)
  await page.getByRole('button', { name: 'Create account' }).click()
  await expect(accountNav(page)).toContainText(who.email)
  return { context, page }
}

/** Waits until the page's own (signed-in) socket has been greeted by the server. */
function greeted(page: Page) {
  return new Promise<void>((resolve) => {
    page.on('websocket', (socket) => {
      socket.on('framereceived', ({ payload }) => {
        if (typeof payload === 'string' && payload.includes('"hello"') && payload.includes('"visitor": false')) resolve()
      })
    })
  })
}

test('a promotion reaches an online shopper live and an offline one in the inbox', async ({ page, browser }) => {
  const away = await signUp(browser, offline)
  await away.context.close() // offline from now on

  const here = await browser.newContext()
  try {
    const shopper = await here.newPage()
    const socketUp = greeted(shopper)
    await shopper.goto(`${shop}/account/signup`)
    await shopper.getByLabel('Email').fill(online.email)
    await shopper.getByLabel('Password').fill(online.password)
    await shopper.getByRole('button', { name: 'Create account' }).click()
    await expect(accountNav(shopper)).toContainText(online.email)
    await socketUp

    await test.step('the merchant sends a promotion to all shoppers from the dashboard', async () => {
      await page.goto('/login')
      await page.getByLabel('Email').fill(MERCHANT_EMAIL)
      await page.getByLabel('Password').fill(MERCHANT_PASSWORD)
      await page.getByRole('button', { name: 'Log in' }).click()
      await expect(page).toHaveURL(/\/shops$/)
      await page.getByRole('button', { name: /^Open dashboard for Riverside/ }).click()
      await page.waitForURL(`${shop}/dashboard`)
      await page.getByRole('navigation', { name: 'Dashboard' }).getByRole('link', { name: 'Promotions' }).click()
      await expect(page.getByRole('heading', { level: 1, name: 'Promotions' })).toBeVisible()
      await page.getByLabel('Title').fill(promotion.title)
      await page.getByLabel('Text').fill(promotion.text)
      await page.getByLabel('Send to').selectOption('all')
      await page.getByRole('button', { name: 'Send promotion' }).click()
      await expect(page.getByText(`“${promotion.title}” is on its way.`)).toBeVisible()
    })

    await test.step('the online shopper sees it at once, without a reload', async () => {
      const toasts = shopper.getByRole('status', { name: 'Notifications' })
      await expect(toasts).toContainText(promotion.title, { timeout: 30_000 })
      await expect(toasts).toContainText(promotion.text)
      await expect(shopper.getByRole('button', { name: /^Notifications, \d+ unread$/ })).toBeVisible()
    })

    await test.step('the offline shopper finds it in the inbox on coming back', async () => {
      const back = await browser.newContext()
      try {
        const later = await back.newPage()
        await later.goto(`${shop}/account/login`)
        await later.getByLabel('Email').fill(offline.email)
        await later.getByLabel('Password').fill(offline.password)
        await later.getByRole('button', { name: 'Sign in' }).click()
        await expect(accountNav(later)).toContainText(offline.email)
        const bell = later.getByRole('button', { name: 'Notifications, 1 unread' })
        await expect(bell).toBeVisible({ timeout: 30_000 })
        await bell.click()
        const inbox = later.getByRole('region', { name: 'Notifications' })
        await expect(inbox.getByRole('button', { name: new RegExp(`^Unread: ${promotion.title}`) })).toBeVisible()
        await inbox.getByRole('button', { name: `Mark as read: ${promotion.title}` }).click()
        await expect(later.getByRole('button', { name: 'Notifications', exact: true })).toBeVisible()
      } finally {
        await back.close()
      }
    })

    await test.step('the merchant sees how many it reached and how many opened it', async () => {
      const row = page.getByRole('region', { name: 'Sent promotions' }).getByRole('row', { name: new RegExp(promotion.title) })
      await expect(async () => {
        await page.reload()
        await expect(row.getByRole('cell').nth(1)).toHaveText('Sent', { timeout: 2_000 })
        await expect(row.getByRole('cell').nth(4)).not.toHaveText('0', { timeout: 2_000 })
      }).toPass({ timeout: 30_000 })
    })
  } finally {
    await here.close()
  }
})
