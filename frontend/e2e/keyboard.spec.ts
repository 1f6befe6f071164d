import { expect, test, type Locator, type Page } from '@playwright/test'
import { COMMERCE_SHOP, letterTag, MERCHANT_EMAIL, MERCHANT_PASSWORD, shopUrl } from './support'

// A merchant who uses only the keyboard: sign in, products, create and edit one, open an order.
// No mouse call anywhere: every move is Tab, Shift+Tab, Enter, Space or Escape through page.keyboard.

const shop = shopUrl(COMMERCE_SHOP)
const run = Date.now()

async function isFocused(target: Locator): Promise<boolean> {
  return target.evaluate((el) => el === document.activeElement)
}

/** Presses Tab (or Shift+Tab) until `target` has the focus: a control that is never reached is a
 * keyboard user's dead end, and the test says which one. */
async function tabTo(page: Page, target: Locator, { back = false, max = 120 } = {}) {
  await expect(target).toBeVisible()
  for (let presses = 0; presses < max; presses += 1) {
    if (await isFocused(target)) return
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab')
  }
  expect(await isFocused(target), `${target} is reached with ${back ? 'Shift+Tab' : 'Tab'}`).toBe(true)
}

async function typeInto(page: Page, field: Locator, text: string, { back = false } = {}) {
  await tabTo(page, field, { back })
  await page.keyboard.press('ControlOrMeta+A')
  await page.keyboard.type(text)
  await expect(field).toHaveValue(text)
}

test('a merchant runs the dashboard with the keyboard alone', async ({ page }) => {
  const title = `Keyboard kettle ${letterTag(run)}`
  const sideNav = page.getByRole('navigation', { name: 'Dashboard' })

  await test.step('signs in on the platform and opens the shop dashboard', async () => {
    await page.goto('/login')
    await typeInto(page, page.getByLabel('Email'), MERCHANT_EMAIL)
    await typeInto(page, page.getByLabel('Password'), MERCHANT_PASSWORD)
    await page.keyboard.press('Enter')
    await expect(page).toHaveURL(/\/shops$/)

    await tabTo(page, page.getByRole('button', { name: /^Open dashboard for Riverside/ }))
    await page.keyboard.press('Enter')
    await page.waitForURL(`${shop}/dashboard`)
    await expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible()
  })

  await test.step('reaches the products list', async () => {
    await tabTo(page, sideNav.getByRole('link', { name: 'Products', exact: true }))
    await page.keyboard.press('Enter')
    await expect(page.getByRole('heading', { level: 1, name: 'Products' })).toBeVisible()
  })

  await test.step('creates a product', async () => {
    await tabTo(page, page.getByRole('link', { name: 'Add product' }))
    await page.keyboard.press('Enter')
    await typeInto(page, page.getByLabel('Title', { exact: true }), title)
    await typeInto(page, page.getByLabel('Description'), 'Made without a mouse.')
    const variant = page.getByRole('group', { name: 'Variant 1' })
    await typeInto(page, variant.getByLabel('SKU'), `KB-${run}`)
    await typeInto(page, variant.getByLabel('Price', { exact: true }), '12.00')
    await typeInto(page, variant.getByLabel('Stock'), '3')
    await tabTo(page, page.getByRole('button', { name: 'Create product' }))
    await page.keyboard.press('Enter')
    await expect(page.getByText('Product created. Add images below.')).toBeVisible()
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible()
  })

  await test.step('edits it, going back with Shift+Tab', async () => {
    const save = page.getByRole('button', { name: 'Save product' })
    await tabTo(page, save)
    await typeInto(page, page.getByLabel('Description'), 'Made and edited without a mouse.', { back: true })
    await tabTo(page, save)
    await page.keyboard.press('Space')
    await expect(page.getByRole('status').filter({ hasText: 'Product saved.' })).toBeVisible()
    await expect(page.getByLabel('Description')).toHaveValue('Made and edited without a mouse.')
  })

  await test.step('a dialog takes the focus, keeps it, and gives it back on Escape', async () => {
    const opener = page.getByRole('button', { name: 'Archive product' })
    await tabTo(page, opener)
    await page.keyboard.press('Enter')
    const dialog = page.getByRole('dialog', { name: `Archive “${title}”?` })
    await expect(dialog).toBeVisible()
    const focusInDialog = () => dialog.evaluate((el) => el.contains(document.activeElement))
    expect(await focusInDialog()).toBe(true)
    for (const key of ['Tab', 'Tab', 'Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab']) {
      await page.keyboard.press(key)
      expect(await focusInDialog(), `focus stays in the dialog after ${key}`).toBe(true)
    }
    await page.keyboard.press('Escape')
    await expect(dialog).toBeHidden()
    await expect(opener).toBeFocused()
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible()
  })

  await test.step('opens an order', async () => {
    await tabTo(page, sideNav.getByRole('link', { name: 'Orders', exact: true }), { back: true })
    await page.keyboard.press('Enter')
    await expect(page.getByRole('heading', { level: 1, name: 'Orders' })).toBeVisible()
    const first = page.getByRole('region', { name: 'Order list' }).getByRole('link', { name: /^Order #\d+$/ }).first()
    const number = ((await first.textContent()) ?? '').trim()
    await tabTo(page, first)
    await page.keyboard.press('Enter')
    await expect(page.getByRole('heading', { level: 1, name: number })).toBeVisible()
    await expect(page).toHaveURL(/\/dashboard\/orders\/\d+$/)
  })
})
