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
  shop: { name: 'Acme', subdomain: 'acme', currency: 'GBP' },
}

export const merchant: User = { id: 1, email: 'merchant@example.com', full_name: 'Mia Merchant', role: 'merchant' }
export const admin: User = { id: 2, email: 'admin@example.com', full_name: 'Ada Admin', role: 'admin' }
export const owner: User = { id: 10, email: 'owner@acme.test', full_name: 'Olive Owner', role: 'owner' }
export const staff: User = { id: 11, email: 'staff@acme.test', full_name: 'Sam Staff', role: 'staff' }
export const customer: User = { id: 12, email: 'shopper@acme.test', full_name: 'Cy Customer', role: 'customer' }

export function apiError(code: string, message: string, fields: Record<string, string[]> = {}) {
  return { error: { code, message, fields } }
}
