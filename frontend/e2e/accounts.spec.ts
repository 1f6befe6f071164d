import { expect, test } from '@playwright/test'
import { linkFromMail } from './mail'
import { COMMERCE_SHOP, MERCHANT_EMAIL, MERCHANT_PASSWORD, shopUrl } from './support'

const run = Date.now()
const shop = shopUrl(COMMERCE_SHOP)

test('a shopper who forgot the password resets it from the e-mail and signs in with the new one', async ({
  page,
}) => {
  const shopper = { email: `forgetful-${run}@example.com`, password: 'first-garden-kettle-31' }
  const newPassword = 'second-orchard-lamp-58'

  await test.step('signs up, then signs out', async () => {
    await page.goto(`${shop}/account/signup`)
    await page.getByLabel('Email').fill(shopper.email)
    await page.getByLabel('Password').fill(shopper.password)
    await page.getByRole('button', { name: 'Create account' }).click()
    await expect(page.getByRole('navigation', { name: 'Account' })).toContainText(shopper.email)
    await page.getByRole('button', { name: 'Sign out' }).click()
    // signed out once the header says so (going on before that lands a signed-in visitor on /)
    await expect(page.getByRole('navigation', { name: 'Account' })).not.toContainText(shopper.email)
  })

  await test.step('asks for a reset link', async () => {
    await page.goto(`${shop}/account/login`)
    await page.getByRole('link', { name: 'Forgot your password?' }).click()
    // The sign-in page has an Email field too: wait for the reset page's own.
    await expect(page.getByRole('heading', { level: 1, name: 'Reset your password' })).toBeVisible()
    await page.getByLabel('Email').fill(shopper.email)
    await page.getByRole('button', { name: 'Send the link' }).click()
    await expect(page.getByRole('main').getByRole('status')).toContainText('If an account exists for this e-mail')
  })

  await test.step('opens the link from the e-mail and chooses a new password', async () => {
    const link = await linkFromMail(shopper.email, '/reset-password')
    expect(new URL(link).host).toBe(new URL(shop).host)
    await page.goto(link)
    await page.getByLabel('New password', { exact: true }).fill(newPassword)
    await page.getByRole('button', { name: 'Save the new password' }).click()
    await expect(page.getByRole('main').getByRole('status')).toContainText('Your password has been changed')
  })

  await test.step('the old password no longer works, the new one does', async () => {
    await page.goto(`${shop}/account/login`)
    await page.getByLabel('Email').fill(shopper.email)
    await page.getByLabel('Password').fill(shopper.password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect(page.getByRole('alert')).toContainText('Email or password is not correct')
    await page.getByLabel('Password').fill(newPassword)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect(page.getByRole('navigation', { name: 'Account' })).toContainText(shopper.email)
  })
})

test('an owner invites a support member, who signs in and cannot open products', async ({ page, browser }) => {
  const helper = { email: `helper-${run}@example.com`, password: 'patient-river-stone-64' }

  await test.step('the owner invites a support member from the staff page', async () => {
    await page.goto('/login')
    await page.getByLabel('Email').fill(MERCHANT_EMAIL)
    await page.getByLabel('Password').fill(MERCHANT_PASSWORD)
    await page.getByRole('button', { name: 'Log in' }).click()
    await page.getByRole('button', { name: /^Open dashboard for Riverside/ }).click()
    await page.waitForURL(`${shop}/dashboard`)
    await page.getByRole('navigation', { name: 'Dashboard' }).getByRole('link', { name: 'Staff' }).click()
    await page.getByRole('textbox', { name: 'Email' }).fill(helper.email)
    await page.getByRole('combobox', { name: 'Role' }).selectOption('support')
    await page.getByRole('button', { name: 'Send invitation' }).click()
    await expect(page.getByText(`Invitation sent to ${helper.email}`)).toBeVisible()
    await expect(page.getByRole('rowheader', { name: helper.email })).toBeVisible()
  })

  const context = await browser.newContext()
  const other = await context.newPage()
  await test.step('the invitee accepts from the e-mail and lands in the dashboard', async () => {
    await other.goto(await linkFromMail(helper.email, '/accept-invitation'))
    await expect(other.getByText(/You are invited to join as support/)).toBeVisible()
    await other.getByLabel('Password').fill(helper.password)
    await other.getByRole('button', { name: 'Join the team' }).click()
    await expect(other.getByRole('heading', { name: 'Overview' })).toBeVisible()
  })

  await test.step('support sees orders and customers, not products', async () => {
    const nav = other.getByRole('navigation', { name: 'Dashboard' })
    await expect(nav.getByRole('link', { name: 'Orders' })).toBeVisible()
    await expect(nav.getByRole('link', { name: 'Customers' })).toBeVisible()
    await expect(nav.getByRole('link', { name: 'Products' })).toHaveCount(0)
    await other.goto(`${shop}/dashboard/products`)
    await expect(other.getByRole('alert')).toContainText('Your role in this shop does not allow this')
  })
  await context.close()
})
