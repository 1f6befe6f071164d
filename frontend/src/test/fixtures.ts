import type { Billing } from '../features/billing/billingApi'
import type { PlatformConfig, ShopConfig } from '../app/config'
import type { User } from '../features/auth/types'

export const platformConfig: PlatformConfig = {
  kind: 'platform',
  root_domain: 'localhost',
  root_url: 'http://localhost:8000',
}

export const shopConfig: ShopConfig = {
  kind: 'shop',
  root_domain: 'localhost',
  root_url: 'http://localhost:8000',
  shop: { name: 'Acme', subdomain: 'acme', currency: 'GBP', features: { recommendations: true } },
}

export const merchant: User = { id: 1, email: 'merchant@example.com', full_name: 'Mia Merchant', role: 'merchant' }
export const admin: User = { id: 2, email: 'admin@example.com', full_name: 'Ada Admin', role: 'admin' }
export const owner: User = { id: 10, email: 'owner@acme.test', full_name: 'Olive Owner', role: 'owner' }
export const staff: User = { id: 11, email: 'staff@acme.test', full_name: 'Sam Staff', role: 'staff' }
export const customer: User = { id: 12, email: 'shopper@acme.test', full_name: 'Cy Customer', role: 'customer' }

export function apiError(code: string, message: string, fields: Record<string, string[]> = {}) {
  return { error: { code, message, fields } }
}

/** The owner's billing page as the server answers it: on Free, no card, nothing owed. */
export function billingFixture(overrides: Partial<Billing> = {}): Billing {
  const plan = (code: string, name: string, price: string, products: number | null, staffSeats: number | null,
    rpm: number, recs: boolean, domains: number | null, order: number) => ({
    id: order + 1, code, name, monthly_price: price, currency: 'USD', max_products: products, max_staff: staffSeats,
    max_api_requests_per_minute: rpm, recommendations_included: recs, max_custom_domains: domains, sort_order: order,
  })
  const plans = [
    plan('free', 'Free', '0.00', 50, 2, 60, false, 0, 0),
    plan('growth', 'Growth', '29.00', 2000, 5, 300, true, 1, 1),
    plan('pro', 'Pro', '99.00', null, null, 1200, true, 10, 2),
  ]
  return {
    plan: plans[0],
    plans,
    usage: {
      products: { used: 12, limit: 50 },
      staff: { used: 1, limit: 2 },
      custom_domains: { used: 0, limit: 0 },
      api_requests_per_minute: { used: null, limit: 60 },
      recommendations: { used: null, included: false },
    },
    subscription: { status: 'none', current_period_end: null, card: null, comped: false },
    dunning: { state: 'ok', grace_until: null, message: '' },
    stripe: { configured: true, publishable_key: 'pk_test_x', js_url: 'https://js.stripe.example/v3/' },
    ...overrides,
  }
}
