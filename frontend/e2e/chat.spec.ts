import { expect, test, type Page } from '@playwright/test'
import { linkFromMail } from './mail'
import { COMMERCE_SHOP, MERCHANT_EMAIL, MERCHANT_PASSWORD, shopUrl } from './support'

const shop = shopUrl(COMMERCE_SHOP)
const run = Date.now()

async function openInbox(page: Page) {
  await page.goto('/login')
  await page.getByLabel('Email').fill(MERCHANT_EMAIL)
  await page.getByLabel('Password').fill(MERCHANT_PASSWORD)
  await page.getByRole('button', { name: 'Log in' }).click()
  await expect(page).toHaveURL(/\/shops$/)
  await page.getByRole('button', { name: /^Open dashboard for Riverside/ }).click()
  await page.waitForURL(`${shop}/dashboard`)
  await page.getByRole('navigation', { name: 'Dashboard' }).getByRole('link', { name: 'Support inbox' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Support inbox' })).toBeVisible()
}

test('a guest writes in the chat, the merchant sees it live in the inbox and answers, the guest sees the answer', async ({
  browser,
}) => {
  const merchantContext = await browser.newContext()
  const shopperContext = await browser.newContext({ viewport: { width: 375, height: 740 } })
  const merchant = await merchantContext.newPage()
  const shopper = await shopperContext.newPage()
  const name = `Gwen ${run}`
  const question = `Is the wool scarf machine washable? (${run})`
  const answer = `Yes, at 30 degrees (${run}).`

  await openInbox(merchant)
  const conversations = merchant.getByRole('navigation', { name: 'Conversations' })

  await shopper.goto(`${shop}/`)
  await shopper.getByRole('button', { name: 'Chat with us' }).click()
  const panel = shopper.getByRole('dialog', { name: /^Chat with/ })
  await panel.getByLabel('Your name').fill(name)
  await panel.getByLabel('Your e-mail').fill(`gwen-${run}@example.com`)
  await panel.getByLabel('How can we help?').fill(question)
  await panel.getByRole('button', { name: 'Start chat' }).click()
  const shopperLog = panel.getByRole('log', { name: 'Messages' })
  await expect(shopperLog.getByText(question)).toBeVisible()

  // it arrives in the open inbox without a reload, unread
  const item = conversations.getByRole('link', { name: new RegExp(name) })
  await expect(item).toContainText('1 unread')
  await item.click()
  const thread = merchant.getByRole('article')
  await expect(thread.getByRole('log', { name: 'Messages' }).getByText(question)).toBeVisible()
  await expect(item).not.toContainText('unread') // read on screen
  await expect(shopperLog.getByText('Seen')).toBeVisible() // the receipt reached the guest

  await thread.getByLabel(`Answer ${name}`).fill(answer)
  await thread.getByRole('button', { name: 'Send' }).click()
  await expect(shopperLog.getByText(answer)).toBeVisible()

  // the guest's history survives a reload
  await shopper.reload()
  await shopper.getByRole('button', { name: /Chat with us/ }).click()
  await expect(shopper.getByRole('log', { name: 'Messages' }).getByText(answer)).toBeVisible()

  await thread.getByRole('button', { name: 'Close conversation' }).click()
  await expect(thread).toContainText('Closed')

  await merchantContext.close()
  await shopperContext.close()
})

test('with nobody online the guest is told when to expect an answer, gets it by e-mail, and the link brings the conversation back', async ({
  browser,
}) => {
  const guestContext = await browser.newContext()
  const guest = await guestContext.newPage()
  const email = `offline-${run}@example.com`
  const question = `Do you ship to Norway? (${run})`
  const answer = `We do, in five days (${run}).`

  await guest.goto(`${shop}/`)
  await guest.getByRole('button', { name: 'Chat with us' }).click()
  const panel = guest.getByRole('dialog', { name: /^Chat with/ })
  await expect(panel.getByText(/Nobody is online right now/)).toBeVisible()
  await panel.getByLabel('Your name').fill(`Olaf ${run}`)
  await panel.getByLabel('Your e-mail').fill(email)
  await panel.getByLabel('How can we help?').fill(question)
  await panel.getByRole('button', { name: 'Start chat' }).click()
  await expect(panel.getByRole('log', { name: 'Messages' }).getByText(question)).toBeVisible()
  await guestContext.close()

  const merchantContext = await browser.newContext()
  const merchant = await merchantContext.newPage()
  await openInbox(merchant)
  await merchant.getByRole('navigation', { name: 'Conversations' }).getByRole('link', { name: new RegExp(`Olaf ${run}`) }).click()
  const thread = merchant.getByRole('article')
  await thread.getByLabel(`Answer Olaf ${run}`).fill(answer)
  await thread.getByRole('button', { name: 'Send' }).click()
  await expect(thread.getByRole('log', { name: 'Messages' }).getByText(answer)).toBeVisible()

  // another browser, nothing kept: the e-mail's link is the way back
  const link = await linkFromMail(email, '/support/')
  const laterContext = await browser.newContext({ viewport: { width: 375, height: 740 } })
  const later = await laterContext.newPage()
  await later.goto(link)
  await later.getByRole('button', { name: 'Open the chat' }).click()
  const log = later.getByRole('dialog', { name: /^Chat with/ }).getByRole('log', { name: 'Messages' })
  await expect(log.getByText(question)).toBeVisible()
  await expect(log.getByText(answer)).toBeVisible()

  await merchantContext.close()
  await laterContext.close()
})
