import { expect, test } from '@playwright/test'
import { shopUrl } from './support'

const run = Date.now()
const merchant = { email: `plans-${run}@example.com`, password: 'amber-ledger-pelican-58' }
const subdomain = `plans-${run.toString(36)}`
const shopName = `Plans ${run.toString(36)}`

test('a merchant adds a card, moves to Growth and sees the new limits (platform Stripe: localstripe)', async ({
  page,
}) => {
  await test.step('signs up, opens a shop on the Free plan and its dashboard', async () => {
    await page.goto('/signup')
    await page.getByLabel('Email').fill(merchant.email)
    await page.getByLabel('Password').fill(merchant.password)
    await page.getByRole('button', { name: 'Create account' }).click()
    await page.getByLabel('Shop name').fill(shopName)
    await page.getByLabel('Subdomain').fill(subdomain)
    await expect(page.getByText(/is available$/)).toBeVisible()
    await page.getByRole('button', { name: 'Create shop' }).click()
    await expect(page.getByRole('heading', { name: `${shopName} is live` })).toBeVisible()
    await page.goto('/shops')
    await page.getByRole('button', { name: `Open dashboard for ${shopName}` }).click()
    await page.waitForURL(`${shopUrl(subdomain)}/dashboard`)
  })

  const usage = page.getByRole('region', { name: 'Usage against your plan' })
  await test.step('the billing page shows Free and its limits', async () => {
    await page.getByRole('navigation', { name: 'Dashboard' }).getByRole('link', { name: 'Billing' }).click()
    await expect(page.getByRole('heading', { name: 'Your plan: Free' })).toBeVisible()
    await expect(usage.getByRole('row', { name: /^Products 0 50$/ })).toBeVisible()
    await expect(usage.getByRole('row', { name: /^Recommendations — Not included$/ })).toBeVisible()
  })

  await test.step('a paid plan asks for a card first', async () => {
    await page.getByRole('button', { name: 'Switch to Growth' }).click()
    await expect(page.getByRole('alert')).toContainText('Add a card before choosing a paid plan.')
  })

  await test.step('enters the card in the card element; Stripe confirms it', async () => {
    await page.getByRole('button', { name: 'Add a card' }).click()
    const card = page.getByRole('group', { name: 'Card details' })
    await card.getByPlaceholder('number').fill('4242424242424242')
    await card.getByPlaceholder('exp_month').fill('12')
    await card.getByPlaceholder('exp_year').fill('34')
    await card.getByPlaceholder('cvc').fill('123')
    await card.getByPlaceholder('postal_code').fill('12345')
    await page.getByRole('button', { name: 'Save card' }).click()
    await expect(page.getByText('VISA ending in 4242')).toBeVisible()
  })

  await test.step('moves to Growth and sees the new limits at once', async () => {
    await page.getByRole('button', { name: 'Switch to Growth' }).click()
    await expect(page.getByText('You are now on the Growth plan.')).toBeVisible()
    await expect(page.getByRole('heading', { name: 'Your plan: Growth' })).toBeVisible()
    await expect(usage.getByRole('row', { name: /^Products 0 2,000$/ })).toBeVisible()
    await expect(usage.getByRole('row', { name: /^Recommendations — Included$/ })).toBeVisible()
    await expect(page.getByRole('region', { name: 'Invoices' }).getByRole('row', { name: /\$29\.00/ })).toBeVisible()
  })
})
