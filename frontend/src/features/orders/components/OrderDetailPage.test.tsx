import { screen, within } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { cartLine, fakeCartApi, makeCart, makeOrder } from '../../../test/commerce'
import { customer, shopConfig } from '../../../test/fixtures'
import { server } from '../../../test/server'
import { renderApp } from '../../../test/test-utils'

// These journeys type whole forms with user-event; give them room on a busy machine.
describe('shopper orders', { timeout: 30_000 }, () => {
  it('lists orders, shows a shipped order with its tracking number and timeline, and reorders into the cart', async () => {
    const shipped = makeOrder({
      status: 'shipped',
      tracking_number: 'RM123456789GB',
      timeline: [
        { status: 'placed', note: '', created_at: '2025-03-01T10:00:00Z' },
        { status: 'paid', note: '', created_at: '2025-03-01T10:00:05Z' },
        { status: 'shipped', note: 'Royal Mail', created_at: '2025-03-02T09:00:00Z' },
      ],
    })
    fakeCartApi()
    server.use(
      http.get('/api/orders/', () =>
        HttpResponse.json({
          count: 1,
          next: null,
          previous: null,
          results: [{ id: 7, number: '1007', status: 'shipped', payment_status: 'paid', total: '21.40', currency: 'GBP', created_at: '2025-03-01T10:00:00Z', item_count: 2 }],
        }),
      ),
      http.get('/api/orders/7/', () => HttpResponse.json(shipped)),
      http.post('/api/orders/7/reorder/', () =>
        HttpResponse.json({
          cart: makeCart([cartLine(101, 1)]),
          added: [{ product_title: 'Tin lantern', variant_title: 'Small', quantity: 1 }],
          unavailable: [{ product_title: 'Party bunting', variant_title: '', reason: 'Out of stock' }],
        }),
      ),
    )
    const { user, router } = renderApp({ config: shopConfig, route: '/account/orders', signedInAs: customer })

    await user.click(await screen.findByRole('link', { name: 'Order #1007' }))
    expect(await screen.findByRole('heading', { name: 'Order #1007' })).toBeInTheDocument()
    const facts = screen.getByText('Order number').closest('dl') as HTMLElement
    expect(within(facts).getByText('Shipped')).toBeInTheDocument()
    expect(within(facts).getByText('RM123456789GB')).toBeInTheDocument()
    expect(screen.getByText('Royal Mail')).toBeInTheDocument()

    await user.click(screen.getByRole('button', { name: 'Reorder' }))
    expect(await screen.findByRole('heading', { name: 'Your cart' })).toBeInTheDocument()
    expect(router.state.location.pathname).toBe('/cart')
    expect(screen.getByText('Added 1 item from order #1007 to your cart.')).toBeInTheDocument()
    expect(screen.getByRole('alert')).toHaveTextContent('Some items from your order are not available')
    expect(screen.getByRole('alert')).toHaveTextContent('Party bunting: Out of stock')
    expect(within(screen.getByRole('list', { name: 'Items in your cart' })).getByText('Tin lantern')).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'Cart, 1 item' })).toBeInTheDocument()
  })

  it('sends a signed-out visitor to sign in and back', async () => {
    server.use(http.get('/api/orders/', () => HttpResponse.json({ count: 0, next: null, previous: null, results: [] })))
    renderApp({ config: shopConfig, route: '/account/orders' })
    expect(await screen.findByRole('heading', { name: 'Sign in to Acme' })).toBeInTheDocument()
  })
})
