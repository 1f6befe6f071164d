import { screen } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { describe, expect, it, vi } from 'vitest'
import * as browser from '../../../lib/browser'
import { apiError, merchant } from '../../../test/fixtures'
import { server } from '../../../test/server'
import { renderWithProviders } from '../../../test/test-utils'
import type { PlatformShop } from '../../../types/api'
import { suggestSubdomain } from '../subdomain'
import { OpenDashboardButton } from './OpenDashboardButton'

const shop: PlatformShop = {
  id: 3,
  name: 'Acme',
  subdomain: 'acme',
  url: 'http://acme.localhost:8000/',
  status: 'active',
  plan: { code: 'free', name: 'Free' },
  created_at: '2025-01-01T00:00:00Z',
}

describe('OpenDashboardButton', () => {
  it('is disabled for a suspended shop', () => {
    renderWithProviders(<OpenDashboardButton shop={{ ...shop, status: 'suspended' }} />, { signedInAs: merchant })
    expect(screen.getByRole('button', { name: 'Open dashboard for Acme' })).toBeDisabled()
  })

  it('shows why the handoff failed and stays on the page', async () => {
    const redirect = vi.spyOn(browser, 'redirectTo').mockImplementation(() => undefined)
    server.use(
      http.post('/api/platform/shops/3/dashboard-handoff/', () =>
        HttpResponse.json(apiError('permission_denied', 'You do not own this shop.'), { status: 403 }),
      ),
    )
    const { user } = renderWithProviders(<OpenDashboardButton shop={shop} />, { signedInAs: merchant })

    await user.click(screen.getByRole('button', { name: 'Open dashboard for Acme' }))

    expect(await screen.findByRole('alert')).toHaveTextContent('You do not own this shop.')
    expect(redirect).not.toHaveBeenCalled()
  })
})

describe('suggestSubdomain', () => {
  it('makes a DNS-safe label from a shop name', () => {
    expect(suggestSubdomain('Café Ünïcorn & Co')).toBe('cafe-unicorn-co')
    expect(suggestSubdomain('  --Acme__Shop!! ')).toBe('acme-shop')
    expect(suggestSubdomain('x'.repeat(80))).toHaveLength(63)
  })
})
