import type { Page } from '@playwright/test'

export const baseURL = process.env.E2E_BASE_URL ?? 'http://localhost:8000'
export const SHOP = process.env.E2E_SHOP ?? 'acme'
export const OTHER_SHOP = process.env.E2E_OTHER_SHOP ?? 'riverside'
export const ADMIN_EMAIL = process.env.E2E_ADMIN_EMAIL ?? 'admin@example.com'
export const ADMIN_PASSWORD = process.env.E2E_ADMIN_PASSWORD ?? 'demo-admin-pass-123'

/** The merchant's shop is named after its subdomain: "acme" -> "Acme". */
export const SHOP_NAME = SHOP.charAt(0).toUpperCase() + SHOP.slice(1)

/** `http://acme.localhost:8123` for base `http://localhost:8123`; Chromium resolves *.localhost itself. */
export function shopUrl(subdomain: string): string {
  const base = new URL(baseURL)
  return `${base.protocol}//${subdomain}.${base.host}`
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** The front end keeps `{access, refresh, user}` under this localStorage key, per origin. */
const AUTH_STORAGE_KEY = 'shopyard.auth'

export async function readAccessToken(page: Page): Promise<string> {
  const token = await page.evaluate((key) => {
    const raw = window.localStorage.getItem(key)
    return raw ? (JSON.parse(raw) as { access?: string }).access ?? null : null
  }, AUTH_STORAGE_KEY)
  if (!token) throw new Error(`No access token in localStorage on ${page.url()}`)
  return token
}

/** Runs fetch inside the page, i.e. from that page's origin, and returns the status code. */
export async function fetchStatusFromPage(page: Page, path: string, accessToken: string): Promise<number> {
  return page.evaluate(
    async ({ path, accessToken }) => {
      const response = await fetch(path, { headers: { Authorization: `Bearer ${accessToken}` } })
      return response.status
    },
    { path, accessToken },
  )
}

/** The stocked demo shop the commerce journeys shop in (GBP, Standard/Express shipping, VAT included). */
export const COMMERCE_SHOP = process.env.E2E_COMMERCE_SHOP ?? 'riverside'
/** The demo merchant who owns COMMERCE_SHOP and opens its dashboard from the platform. */
export const MERCHANT_EMAIL = process.env.E2E_MERCHANT_EMAIL ?? 'merchant@example.com'
export const MERCHANT_PASSWORD = process.env.E2E_MERCHANT_PASSWORD ?? 'demo-merchant-pass-123'

/** The guest cart token lives under this localStorage key, per shop origin. */
export const CART_STORAGE_KEY = 'shopyard.cart'

/** A valid 1×1 transparent PNG, for image uploads. */
export const ONE_PIXEL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
)

/** Letters only (no digits), so that a search engine treats it as one ordinary word. */
export function letterTag(seed: number): string {
  return seed
    .toString()
    .split('')
    .map((digit) => String.fromCharCode(97 + Number(digit)))
    .join('')
}

/** The offline test gateway's cards (storefront/payments.py): approved and declined. */
export const APPROVED_CARD = '4242 4242 4242 4242'
export const DECLINED_CARD = '4000 0000 0000 0002'

export interface CheckoutDetails {
  /** Typed only when given: a signed-in shopper's checkout has no e-mail field. */
  email?: string
  fullName: string
  line1: string
  /** APPROVED_CARD unless given. */
  card?: string
}

/** Fills COMMERCE_SHOP's checkout form: an address in Bristol, Standard shipping, and a test card. */
export async function fillCheckout(page: Page, { email, fullName, line1, card = APPROVED_CARD }: CheckoutDetails) {
  if (email !== undefined) await page.getByLabel('Email').fill(email)
  await page.getByLabel('Full name').fill(fullName)
  await page.getByLabel('Address line 1').fill(line1)
  await page.getByLabel('Town or city').fill('Bristol')
  await page.getByLabel('Postcode').fill('BS1 4DJ')
  await page.getByLabel('Country').selectOption('GB')
  await page.getByRole('radio', { name: /Standard/ }).check()
  await fillTestCard(page, card)
}

/** The offline gateway's card fields, with an expiry two years ahead. */
export async function fillTestCard(page: Page, card: string) {
  await page.getByLabel('Card number').fill(card)
  await page.getByLabel('Expiry month').fill('12')
  await page.getByLabel('Expiry year').fill(String(new Date().getFullYear() + 2))
  await page.getByLabel('Security code (CVC)').fill('123')
}
