import { createSlice } from '@reduxjs/toolkit'

export interface ShopInfo {
  name: string
  subdomain: string
  currency: string
  footer_note?: string
  /** What the shop's plan includes; a feature left out is not offered (its API answers 403). */
  features?: { recommendations?: boolean }
}

export type SocialProvider = 'google' | 'facebook'

interface BaseConfig {
  root_domain: string
  root_url: string
  /** Providers configured on the server; the others' sign-in buttons are not shown. */
  social_providers?: SocialProvider[]
}

export interface PlatformConfig extends BaseConfig {
  kind: 'platform'
}

export interface ShopConfig extends BaseConfig {
  kind: 'shop'
  shop: ShopInfo
}

export type AppConfig = PlatformConfig | ShopConfig

export const fallbackConfig: PlatformConfig = {
  kind: 'platform',
  root_domain: 'localhost',
  root_url: 'http://localhost:8000',
}

/** Django replaces `<!--app-config-->` in index.html with a JSON script tag. */
export function readAppConfig(doc: Document = document): AppConfig {
  const text = doc.getElementById('app-config')?.textContent
  if (!text) return fallbackConfig
  try {
    const parsed = JSON.parse(text) as Partial<AppConfig>
    if (parsed.kind === 'shop' && parsed.shop) return parsed as ShopConfig
    if (parsed.kind === 'platform') return parsed as PlatformConfig
  } catch {
    // A malformed config is a server bug; the platform view is the safest thing to show.
  }
  return fallbackConfig
}

/** `http://acme.localhost:8000` for subdomain `acme` under root `http://localhost:8000`. */
export function shopOrigin(config: AppConfig, subdomain: string): string {
  const root = new URL(config.root_url)
  return `${root.protocol}//${subdomain}.${root.host}`
}

export function shopHost(config: AppConfig, subdomain: string): string {
  return `${subdomain}.${new URL(config.root_url).host}`
}

// The config never changes while the page lives; keeping it in the store lets the
// base query and components read it the same way.
const configSlice = createSlice({
  name: 'config',
  initialState: fallbackConfig as AppConfig,
  reducers: {},
  selectors: {
    selectConfig: (config) => config,
  },
})

export const configReducer = configSlice.reducer
export const { selectConfig } = configSlice.selectors
