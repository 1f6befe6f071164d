import { expect, test } from '@playwright/test'
import { baseURL, COMMERCE_SHOP, shopUrl } from './support'

// infra/dev.py starts a real OpenID Connect server on loopback (oidc-provider-mock) and points the
// site's Google sign-in at it: its authorize page asks for a subject (used as the e-mail) and has
// Authorize and Deny buttons.
const run = Date.now()
const shop = shopUrl(COMMERCE_SHOP)

test('a shopper signs in on a shop with Google and lands signed in there', async ({ page }) => {
  const email = `google-${run}@example.com`

  await test.step('chooses Continue with Google on the shop', async () => {
    await page.goto(`${shop}/account/login`)
    await page.getByRole('button', { name: 'Continue with Google' }).click()
    await expect(page.getByRole('heading', { name: 'Authorize Client' })).toBeVisible()
    expect(new URL(page.url()).pathname).toBe('/oauth2/authorize')
  })

  await test.step('consents at the provider and comes back signed in to that shop', async () => {
    await page.getByPlaceholder('sub').fill(email)
    await page.getByRole('button', { name: 'Authorize' }).click()
    await expect(page.getByRole('navigation', { name: 'Account' })).toContainText(email)
    expect(new URL(page.url()).host).toBe(new URL(shop).host)
    expect(page.url()).not.toContain('code=')
  })

  await test.step('the account page lists Google as a linked sign-in', async () => {
    await page.goto(`${shop}/account/security`)
    await expect(page.getByRole('list', { name: 'Linked sign-ins' })).toContainText('Google')
  })
})

test('a shopper who denies consent comes back to the sign-in page with the reason', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 })
  await page.goto(`${shop}/account/signup`)
  await page.getByRole('button', { name: 'Continue with Google' }).click()
  await page.getByRole('button', { name: 'Deny' }).click()
  await expect(page.getByRole('alert')).toContainText('Signing in with Google was cancelled.')
  expect(new URL(page.url()).host).toBe(new URL(shop).host)
  expect(new URL(page.url()).pathname).toBe('/account/signup')
  await expect(page.getByRole('button', { name: 'Continue with Google' })).toBeEnabled()
  // nothing runs off a phone's screen: the page does not scroll sideways
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  expect(overflow).toBeLessThanOrEqual(0)
})

test('a merchant signs in on the platform with Google', async ({ page }) => {
  const email = `merchant-google-${run}@example.com`
  await page.goto(`${baseURL}/login`)
  await page.getByRole('button', { name: 'Continue with Google' }).click()
  await page.getByPlaceholder('sub').fill(email)
  await page.getByRole('button', { name: 'Authorize' }).click()
  await expect(page).toHaveURL(`${baseURL}/shops`)
  await expect(page.getByRole('heading', { name: 'My shops' })).toBeVisible()
})
