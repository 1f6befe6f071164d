import { screen, waitFor } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { expect, it } from 'vitest'
import { cartLine, fakeCartApi } from '../../../test/commerce'
import { shopConfig } from '../../../test/fixtures'
import { server } from '../../../test/server'
import { renderApp } from '../../../test/test-utils'
import { CART_STORAGE_KEY } from '../../cart/cartToken'

const RATES: Record<string, { id: number; name: string; price: string }[]> = {
  GB: [{ id: 1, name: 'Royal Mail', price: '3.95' }],
  DE: [{ id: 2, name: 'Europe Post', price: '8.00' }],
  US: [],
}

it('shows the delivery options and totals of the chosen country', async () => {
  window.localStorage.setItem(CART_STORAGE_KEY, 'guest-1')
  fakeCartApi({ guestCarts: { 'guest-1': [cartLine(101, 1)] } })
  const asked: (string | null)[] = []
  const quoted: unknown[] = []
  server.use(
    http.get('/api/checkout/options/', ({ request }) => {
      const country = new URL(request.url).searchParams.get('country')
      asked.push(country)
      const rates = RATES[country ?? 'GB'] ?? []
      return HttpResponse.json({
        currency: 'GBP',
        country,
        delivers: rates.length > 0,
        shipping_rates: rates.map((rate) => ({ ...rate, free_over: null, price_for_cart: rate.price })),
        tax: { rate: country === 'DE' ? '19.00' : '20.00', included: true, label: 'VAT' },
      })
    }),
    http.post('/api/checkout/quote/', async ({ request }) => {
      const body = (await request.json()) as { shipping_rate_id: number; country?: string }
      quoted.push(body)
      const shipping = body.shipping_rate_id === 2 ? '8.00' : '3.95'
      return HttpResponse.json({
        subtotal: '10.00', discount_total: '0.00', shipping_total: shipping, tax_total: '1.00',
        total: body.shipping_rate_id === 2 ? '18.00' : '13.95', currency: 'GBP', discount: null,
      })
    }),
  )
  const { user } = renderApp({ config: shopConfig, route: '/checkout' })

  expect(await screen.findByRole('radio', { name: /Royal Mail/ })).toBeChecked()
  expect(asked[0]).toBe('GB') // a GBP shop starts from the United Kingdom

  await user.selectOptions(screen.getByLabelText('Country'), 'US')
  expect(await screen.findByText(/This shop does not deliver to United States/)).toBeInTheDocument()
  expect(screen.queryByRole('radio')).not.toBeInTheDocument()

  await user.selectOptions(screen.getByLabelText('Country'), 'DE')
  expect(await screen.findByRole('radio', { name: /Europe Post/ })).toBeChecked()
  await waitFor(() => expect(quoted).toContainEqual({ shipping_rate_id: 2, country: 'DE' }))
  expect(asked).toEqual(expect.arrayContaining(['GB', 'US', 'DE']))
}, 30_000)
