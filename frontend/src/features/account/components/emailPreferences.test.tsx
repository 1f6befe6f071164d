import { screen, waitFor } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { customer, shopConfig } from '../../../test/fixtures'
import { server } from '../../../test/server'
import { renderApp } from '../../../test/test-utils'

describe('e-mail preferences on the account page', { timeout: 30_000 }, () => {
  it('saves each choice as it is ticked', async () => {
    const puts: unknown[] = []
    server.use(
      http.put('/api/account/email-preferences/', async ({ request }) => {
        const body = (await request.json()) as { choices: Record<string, boolean> }
        puts.push(body)
        return HttpResponse.json([
          { kind: 'order_shipped', title: 'Shipped orders, with tracking', email: true },
          { kind: 'promotion', title: 'Promotions and offers', email: body.choices.promotion ?? false },
        ])
      }),
    )
    const { user } = renderApp({ config: shopConfig, route: '/account', signedInAs: customer })
    const promo = await screen.findByRole('checkbox', { name: 'Promotions and offers' })
    expect(promo).not.toBeChecked()
    expect(screen.getByRole('checkbox', { name: 'Shipped orders, with tracking' })).toBeChecked()
    await user.click(promo)
    await waitFor(() => expect(screen.getByRole('checkbox', { name: 'Promotions and offers' })).toBeChecked())
    expect(puts).toEqual([{ choices: { promotion: true } }])
    expect(screen.getByText('Promotions and offers: by e-mail too.')).toBeInTheDocument()
  })
})
