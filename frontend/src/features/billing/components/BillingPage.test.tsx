import { screen, waitFor, within } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { apiError, billingFixture, owner, shopConfig } from '../../../test/fixtures'
import { server, userFor } from '../../../test/server'
import { renderApp } from '../../../test/test-utils'
import type { Billing } from '../billingApi'

function fakeBilling(start: Billing) {
  let state = start
  const changes: string[] = []
  server.use(
    http.get('/api/billing/plan/', () => HttpResponse.json(state)),
    http.post('/api/billing/plan/', async ({ request }) => {
      if (userFor(request)?.role !== 'owner') return HttpResponse.json(apiError('permission_denied', 'Owner only.'), { status: 403 })
      const { plan } = (await request.json()) as { plan: string }
      changes.push(plan)
      if (plan === 'free') {
        return HttpResponse.json(
          {
            error: {
              code: 'downgrade_blocked',
              message: 'Before moving to Free: the Free plan allows 50 products.',
              fields: { products: ['The Free plan allows 50 products; this shop has 62 products (archive or delete 12).'] },
            },
          },
          { status: 409 },
        )
      }
      const chosen = state.plans.find((p) => p.code === plan)!
      state = {
        ...state,
        plan: chosen,
        usage: { ...state.usage, products: { used: 62, limit: chosen.max_products } },
        subscription: { ...state.subscription, status: 'active' },
      }
      return HttpResponse.json(state)
    }),
  )
  return changes
}

describe('BillingPage', () => {
  it('shows the plan and usage against every limit, and an upgrade brings the new limits', async () => {
    const changes = fakeBilling(
      billingFixture({ subscription: { status: 'none', current_period_end: null, card: { brand: 'visa', last4: '4242' }, comped: false } }),
    )
    const { user } = renderApp({ config: shopConfig, route: '/dashboard/billing', signedInAs: owner })

    expect(await screen.findByRole('heading', { name: 'Your plan: Free' })).toBeInTheDocument()
    const usage = screen.getByRole('region', { name: 'Usage against your plan' })
    expect(within(usage).getByRole('row', { name: /Products 12 50/ })).toBeInTheDocument()
    expect(within(usage).getByRole('row', { name: /Recommendations — Not included/ })).toBeInTheDocument()
    expect(screen.getByText('VISA ending in 4242')).toBeInTheDocument()

    await user.click(screen.getByRole('button', { name: 'Switch to Growth' }))
    expect(await screen.findByText('You are now on the Growth plan.')).toBeInTheDocument()
    expect(screen.getByRole('heading', { name: 'Your plan: Growth' })).toBeInTheDocument()
    expect(within(usage).getByRole('row', { name: /Products 62 2,000/ })).toBeInTheDocument()
    expect(changes).toEqual(['growth'])
  })

  it('says what must go first when a downgrade does not fit', async () => {
    fakeBilling({ ...billingFixture(), plan: billingFixture().plans[2] })
    const { user } = renderApp({ config: shopConfig, route: '/dashboard/billing', signedInAs: owner })
    await user.click(await screen.findByRole('button', { name: 'Switch to Free' }))
    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent('This plan is too small for your shop')
    expect(within(alert).getByRole('listitem')).toHaveTextContent('archive or delete 12')
  })

  it('warns the owner on every dashboard page while a payment is overdue', async () => {
    fakeBilling(
      billingFixture({
        dunning: { state: 'grace', grace_until: '2030-01-08T00:00:00Z', message: 'The last payment for your plan failed.' },
      }),
    )
    server.use(
      http.get('/api/dashboard/overview/', () =>
        HttpResponse.json({
          shop: { name: 'Acme', subdomain: 'acme', currency: 'GBP', plan: { code: 'free', name: 'Free' } },
          counts: { products: 1, customers: 0, staff: 1 },
        }),
      ),
    )
    renderApp({ config: shopConfig, route: '/dashboard', signedInAs: owner })
    const banner = await screen.findByText(/The last payment for your plan failed/)
    expect(within(banner).getByRole('link', { name: 'Go to Billing' })).toHaveAttribute('href', '/dashboard/billing')
  })

  it('pays the failed renewal from the billing page, and the warning goes', async () => {
    let state = billingFixture({
      dunning: { state: 'closed', grace_until: null, message: 'Your storefront is closed because the plan is unpaid.' },
    })
    let paid = 0
    server.use(
      http.get('/api/billing/plan/', () => HttpResponse.json(state)),
      http.post('/api/billing/pay/', () => {
        paid += 1
        state = { ...state, dunning: { state: 'ok', grace_until: null, message: '' } }
        return HttpResponse.json(state)
      }),
    )
    const { user } = renderApp({ config: shopConfig, route: '/dashboard/billing', signedInAs: owner })
    expect(await screen.findByText('Your storefront is closed')).toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: 'Pay now' }))
    await waitFor(() => expect(screen.queryByText('Your storefront is closed')).not.toBeInTheDocument())
    expect(paid).toBe(1)
  })
})
