import { expect, test, type BrowserContext, type Page } from '@playwright/test'
import { MERCHANT_EMAIL, MERCHANT_PASSWORD, shopUrl } from './support'

// A shop takes cards through its own Stripe account: here localstripe, a fake Stripe that
// `make test` starts. Stripe.js is requested from js.stripe.com as in production; the browser is
// given localstripe's stand-in for it, which sends its calls back to js.stripe.com, answered by
// localstripe too.
const LOCALSTRIPE = process.env.E2E_LOCALSTRIPE_URL ?? ''
const shop = shopUrl('nordic')
const run = Date.now()

async function serveStripeFromLocalstripe(context: BrowserContext) {
  await context.route('https://js.stripe.com/**', async (route) => {
    const url = new URL(route.request().url())
    const script = url.pathname.endsWith('/stripe.js') || url.pathname.startsWith('/v3')
    const response = await route.fetch({ url: script ? `${LOCALSTRIPE}/js.stripe.com/v3/` : `${LOCALSTRIPE}${url.pathname}${url.search}` })
    await route.fulfill({ response, ...(script ? { contentType: 'application/javascript' } : {}) })
  })
}

async function putBeanieInCart(page: Page) {
  await page.goto(`${shop}/`)
  const box = page.getByRole('searchbox', { name: 'Search products' })
  await box.fill('beanie')
  await box.press('Enter')
  await page.getByRole('list', { name: 'Products' }).getByRole('link', { name: /Merino beanie/ }).first().click()
  await expect(page.getByRole('heading', { level: 1, name: /Merino beanie/ })).toBeVisible()
  await page.getByRole('radio', { name: 'M', exact: true }).check()
  await page.getByRole('button', { name: 'Add to cart' }).click()
  await expect(page.getByRole('status').filter({ hasText: /Added 1 × .+ to your cart\./ })).toBeVisible()
}

async function checkoutWithStripeCard(page: Page, card: string) {
  await page.goto(`${shop}/checkout`)
  await expect(page.getByRole('heading', { level: 1, name: 'Checkout' })).toBeVisible()
  await expect(page.getByText('Stripe test mode')).toBeVisible()
  await page.getByLabel('Email').fill(`stripe-${run}@example.com`)
  await page.getByLabel('Full name').fill('Aino Shopper')
  await page.getByLabel('Address line 1').fill('Mannerheimintie 1')
  await page.getByLabel('Town or city').fill('Helsinki')
  await page.getByLabel('Postcode').fill('00100')
  await page.getByLabel('Country').selectOption('FI')
  await page.getByRole('radio', { name: /Posti parcel/ }).check()
  await fillStripeCard(page, card)
  await page.getByRole('button', { name: 'Place order' }).click()
}

/** Stripe's card element (localstripe's stand-in: its fields are named by placeholder). */
async function fillStripeCard(page: Page, card: string) {
  const element = page.getByRole('group', { name: 'Card' })
  await element.getByPlaceholder('number').fill(card)
  await element.getByPlaceholder('exp_month').fill('12')
  await element.getByPlaceholder('exp_year').fill('34')
  await element.getByPlaceholder('cvc').fill('123')
}

test.skip(!LOCALSTRIPE, 'needs localstripe (E2E_LOCALSTRIPE_URL), which make test starts')

test('the merchant enters the shop’s Stripe keys; a shopper pays by card with 3-D Secure, and a declined card can be replaced', async ({
  page,
  browser,
}) => {
  await test.step('the merchant enters the Stripe keys in the dashboard', async () => {
    await page.goto('/login')
    await page.getByLabel('Email').fill(MERCHANT_EMAIL)
    await page.getByLabel('Password').fill(MERCHANT_PASSWORD)
    await page.getByRole('button', { name: 'Log in' }).click()
    await expect(page).toHaveURL(/\/shops$/)
    await page.getByRole('button', { name: /^Open dashboard for Nordic/ }).click()
    await page.waitForURL(`${shop}/dashboard`)
    await page.getByRole('navigation', { name: 'Dashboard' }).getByRole('link', { name: 'Payments' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Payments' })).toBeVisible()
    await page.getByLabel('Publishable key').fill('pk_test_nordicknits12345')
    await page.getByLabel('Secret key').fill('sk_test_nordicknits98765')
    await page.getByLabel('Webhook signing secret').fill('whsec_nordicknits55555')
    await page.getByRole('button', { name: 'Save Stripe keys' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'Stripe keys saved.' })).toBeVisible()
    // the secret is never shown again, only its end
    await expect(page.getByText('Set, ending in …8765.', { exact: false })).toBeVisible()
    await expect(page.getByLabel('Secret key')).toHaveValue('')
  })

  const context = await browser.newContext()
  await serveStripeFromLocalstripe(context)
  const shopper = await context.newPage()

  await test.step('a card that needs authentication goes through the 3-D Secure step, then the order is paid', async () => {
    await putBeanieInCart(shopper)
    await checkoutWithStripeCard(shopper, '4000002500003155')
    // Stripe's authentication step (localstripe's stand-in for the bank's page)
    await shopper.getByRole('button', { name: 'Complete authentication' }).click()
    await expect(shopper.getByRole('heading', { name: 'Thank you for your order' })).toBeVisible({ timeout: 20_000 })
  })

  await test.step('a declined card says why; the order stays payable and another card pays it', async () => {
    await putBeanieInCart(shopper)
    await checkoutWithStripeCard(shopper, '4000000000000341')
    const declined = shopper.getByRole('alert').filter({ hasText: 'Payment declined' })
    await expect(declined).toBeVisible({ timeout: 20_000 })
    await expect(declined).toContainText(/declined/i)
    await expect(shopper.getByRole('heading', { name: /^Pay for order / })).toBeVisible()
    await fillStripeCard(shopper, '4242424242424242')
    await shopper.getByRole('button', { name: /^Pay / }).click()
    await expect(shopper.getByRole('heading', { name: 'Thank you for your order' })).toBeVisible({ timeout: 20_000 })
  })

  await test.step('the merchant sees both attempts with Stripe’s ids and refunds part of the order', async () => {
    await page.goto(`${shop}/dashboard/orders`)
    await page.getByRole('link', { name: /^Order #\d+/ }).first().click()
    await expect(page.getByText(/Payment of .+ failed/)).toBeVisible()
    await expect(page.getByText(/Payment of .+ succeeded/)).toBeVisible()
    await expect(page.locator('.payment-history code').first()).toHaveText(/^pi_/)
    await page.getByRole('region', { name: 'Fulfilment' }).getByRole('button', { name: 'Refund' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByLabel(/Amount to refund/).fill('5.00')
    await dialog.getByRole('button', { name: 'Refund order' }).click()
    await expect(page.getByText(/Refund of .+5\.00 succeeded/)).toBeVisible()
    await expect(page.getByText('Partly refunded').first()).toBeVisible()
  })
  await context.close()
})
