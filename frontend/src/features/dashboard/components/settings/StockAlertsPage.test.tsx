import { screen, waitFor, within } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { apiError, owner, shopConfig } from '../../../../test/fixtures'
import { server } from '../../../../test/server'
import { renderApp } from '../../../../test/test-utils'

const stored = { tax_rate: '20.00', prices_include_tax: true, tax_label: 'VAT', contact_email: '', low_stock_threshold: 5 }

function fakeSettings(refuse?: (body: Record<string, unknown>) => Response | null) {
  const sent: unknown[] = []
  let current = { ...stored }
  server.use(
    http.get('/api/dashboard/settings/', () => HttpResponse.json(current)),
    http.put('/api/dashboard/settings/', async ({ request }) => {
      const body = (await request.json()) as Record<string, unknown>
      sent.push(body)
      const refused = refuse?.(body)
      if (refused) return refused
      current = { ...current, ...body }
      return HttpResponse.json(current)
    }),
  )
  return sent
}

const field = () => screen.getByLabelText('Low-stock threshold')

describe('Stock alerts', { timeout: 30_000 }, () => {
  it('shows the threshold, is in the settings navigation, and saves a new one with the other settings kept', async () => {
    const sent = fakeSettings()
    const { user } = renderApp({ config: shopConfig, route: '/dashboard/stock-alerts', signedInAs: owner })
    expect(await screen.findByRole('heading', { name: 'Stock alerts' })).toBeInTheDocument()
    await waitFor(() => expect(field()).toHaveValue('5'))
    expect(within(screen.getByRole('navigation', { name: 'Dashboard' })).getByRole('link', { name: 'Stock alerts' })).toHaveAttribute(
      'href',
      '/dashboard/stock-alerts',
    )
    await user.clear(field())
    await user.type(field(), '12')
    await user.click(screen.getByRole('button', { name: 'Save stock alerts' }))
    expect(await screen.findByText('Saved: a variant is low on stock at 12 or fewer.')).toBeInTheDocument()
    expect(sent).toEqual([{ ...stored, low_stock_threshold: 12 }])
  })

  it('shows what is wrong by the field, its own check first, then the server’s', async () => {
    const sent = fakeSettings(() =>
      HttpResponse.json(apiError('validation_error', 'Check the settings.', { low_stock_threshold: ['Ensure this value is less than or equal to 10000000.'] }), {
        status: 400,
      }),
    )
    const { user } = renderApp({ config: shopConfig, route: '/dashboard/stock-alerts', signedInAs: owner })
    await waitFor(() => expect(field()).toHaveValue('5'))
    for (const bad of ['-1', 'a few', '2.5', '']) {
      await user.clear(field())
      if (bad) await user.type(field(), bad)
      await user.click(screen.getByRole('button', { name: 'Save stock alerts' }))
      expect(field()).toHaveAccessibleDescription(expect.stringContaining('Enter a whole number from 0 to 10,000,000.'))
      expect(field()).toHaveAttribute('aria-invalid', 'true')
    }
    expect(sent).toEqual([])
    await user.clear(field())
    await user.type(field(), '9999999')
    await user.click(screen.getByRole('button', { name: 'Save stock alerts' }))
    await waitFor(() => expect(field()).toHaveAccessibleDescription(expect.stringContaining('less than or equal to 10000000')))
    expect(sent).toHaveLength(1)
  })

  it('says so when the settings cannot be loaded', async () => {
    server.use(http.get('/api/dashboard/settings/', () => HttpResponse.json(apiError('server_error', 'Down.'), { status: 503 })))
    renderApp({ config: shopConfig, route: '/dashboard/stock-alerts', signedInAs: owner })
    expect(await screen.findByRole('button', { name: /try again|retry/i })).toBeInTheDocument()
  })
})
