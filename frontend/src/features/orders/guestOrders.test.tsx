import { screen, waitFor, within } from '@testing-library/react'
import type { UserEvent } from '@testing-library/user-event'
import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { cartLine, fakeCartApi, makeOrder } from '../../test/commerce'
import { shopConfig } from '../../test/fixtures'
import { fakeGuestOrders } from '../../test/guestOrders'
import { server } from '../../test/server'
import { renderApp } from '../../test/test-utils'
import { CART_STORAGE_KEY } from '../cart/cartToken'
import { orderTokenFor, unpaidOrderId } from './orderAccess'

const options = {
  currency: 'GBP',
  shipping_rates: [{ id: 1, name: 'Standard', price: '3.95', free_over: null, price_for_cart: '3.95' }],
  tax: { rate: '20.00', included: true, label: 'VAT' },
}
const quote = {
  subtotal: '17.45', discount_total: '0.00', shipping_total: '3.95', tax_total: '3.57', total: '21.40', currency: 'GBP', discount: null,
}
const unpaid = makeOrder({ id: 8, number: '1008', status: 'placed', payment_status: 'failed', email: 'gia@example.com' })

/** A guest cart and a checkout that declines the card, with or without handing out a token. */
function decliningCheckout(token?: string) {
  window.localStorage.setItem(CART_STORAGE_KEY, 'guest-1')
  fakeCartApi({ guestCarts: { 'guest-1': [cartLine(101, 1), cartLine(201, 1)] } })
  server.use(
    http.get('/api/checkout/options/', () => HttpResponse.json(options)),
    http.post('/api/checkout/quote/', () => HttpResponse.json(quote)),
    http.post('/api/checkout/', () =>
      HttpResponse.json(
        {
          error: { code: 'card_declined', message: 'Your card was declined.' },
          order: { ...unpaid, ...(token ? { order_token: token } : {}) },
          ...(token ? { order_token: token } : {}),
        },
        { status: 402 },
      ),
    ),
  )
}

async function fillCard(user: UserEvent, card: string) {
  await user.clear(screen.getByLabelText('Card number'))
  await user.type(screen.getByLabelText('Card number'), card)
  await user.type(screen.getByLabelText('Expiry month'), '12')
  await user.type(screen.getByLabelText('Expiry year'), '2099')
  await user.type(screen.getByLabelText('Security code (CVC)'), '123')
}

async function checkOutAsGuest(user: UserEvent) {
  await user.type(await screen.findByLabelText('Email'), 'gia@example.com')
  await user.type(screen.getByLabelText('Full name'), 'Gia Guest')
  await user.type(screen.getByLabelText('Address line 1'), '1 High Street')
  await user.type(screen.getByLabelText('Town or city'), 'Bristol')
  await user.type(screen.getByLabelText('Postcode'), 'BS1 1AA')
  await fillCard(user, '4000 0000 0000 0002')
  await waitFor(() => expect(screen.getByRole('button', { name: 'Place order' })).toBeEnabled())
  await user.click(screen.getByRole('button', { name: 'Place order' }))
}

describe('getting back to an unpaid order', { timeout: 60_000 }, () => {
  it('keeps a declined order on screen, shows it again after a reload, and pays it with the order token', async () => {
    decliningCheckout('tok-8')
    const first = renderApp({ config: shopConfig, route: '/checkout' })
    await checkOutAsGuest(first.user)

    expect(await screen.findByRole('heading', { name: 'Pay for order #1008' })).toBeInTheDocument()
    const summary = screen.getByRole('complementary', { name: 'Your order' })
    expect(within(summary).getByText('Tin lantern')).toBeInTheDocument()
    expect(within(summary).getByText('£21.40')).toBeInTheDocument()
    expect(unpaidOrderId()).toBe('8')
    expect(orderTokenFor(8)).toBe('tok-8')

    // A reload: a new store, the same browser storage; the cart is empty now (the order holds it).
    first.unmount()
    fakeCartApi({ guestCarts: { 'guest-1': [] } })
    const { seen } = fakeGuestOrders([{ order: unpaid, token: 'tok-8' }])
    const { user, router } = renderApp({ config: shopConfig, route: '/checkout' })

    expect(await screen.findByRole('heading', { name: 'Pay for order #1008' })).toBeInTheDocument()
    expect(screen.getByText(/Your order #1008 is placed but not paid yet/)).toBeInTheDocument()
    expect(within(screen.getByRole('complementary', { name: 'Your order' })).getByText('Party bunting')).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'View order #1008' })).toHaveAttribute('href', '/orders/8')

    await fillCard(user, '4242 4242 4242 4242')
    await user.click(screen.getByRole('button', { name: 'Pay £21.40' }))
    expect(await screen.findByRole('heading', { name: 'Thank you for your order' })).toBeInTheDocument()
    expect(router.state.location.pathname).toBe('/checkout/confirmation/8')
    expect(seen).toContainEqual({ method: 'GET', path: '/orders/8/', orderToken: 'tok-8' })
    expect(seen).toContainEqual({ method: 'POST', path: '/orders/8/pay/', orderToken: 'tok-8' })
    expect(unpaidOrderId()).toBeNull()
  })

  it('still works with a backend that hands out no token: a reload falls back to the cart', async () => {
    decliningCheckout()
    const first = renderApp({ config: shopConfig, route: '/checkout' })
    await checkOutAsGuest(first.user)
    expect(await screen.findByRole('heading', { name: 'Pay for order #1008' })).toBeInTheDocument()
    expect(orderTokenFor(8)).toBeNull()

    first.unmount()
    fakeCartApi({ guestCarts: { 'guest-1': [cartLine(201, 1)] } })
    const { seen } = fakeGuestOrders([{ order: unpaid }])
    renderApp({ config: shopConfig, route: '/checkout' })

    expect(await screen.findByRole('button', { name: 'Place order' })).toBeInTheDocument()
    expect(seen).toContainEqual({ method: 'GET', path: '/orders/8/', orderToken: null })
    await waitFor(() => expect(unpaidOrderId()).toBeNull())
  })

  it('opens an e-mailed /orders/:id?token= link, keeps the token and drops it from the address bar', async () => {
    const { seen } = fakeGuestOrders([{ order: unpaid, token: 'tok-8' }])
    const { router } = renderApp({ config: shopConfig, route: '/orders/8?token=tok-8' })

    expect(await screen.findByRole('heading', { name: 'Order #1008' })).toBeInTheDocument()
    expect(router.state.location.pathname).toBe('/orders/8')
    expect(router.state.location.search).toBe('')
    expect(orderTokenFor(8)).toBe('tok-8')
    expect(seen).toEqual([{ method: 'GET', path: '/orders/8/', orderToken: 'tok-8' }])
    expect(screen.getByRole('heading', { name: 'Pay for this order' })).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Reorder' })).not.toBeInTheDocument()
  })

  it('tells a guest without the token how to find the order instead', async () => {
    fakeGuestOrders([{ order: unpaid, token: 'tok-8' }])
    renderApp({ config: shopConfig, route: '/orders/8' })

    expect(await screen.findByText(/This browser cannot open that order/)).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'Find your order' })).toHaveAttribute('href', '/orders/lookup')
  })

  it('does not thank a guest for an order this browser never placed', async () => {
    fakeGuestOrders([{ order: unpaid, token: 'tok-8' }])
    renderApp({ config: shopConfig, route: '/checkout/confirmation/8' })

    expect(await screen.findByText(/This browser cannot open that order/)).toBeInTheDocument()
    expect(screen.queryByText(/Thank you for your order|Your order has been placed/)).not.toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'Find your order' })).toHaveAttribute('href', '/orders/lookup')
  })

  it('finds an order by number and e-mail, then opens it with the token from the answer', async () => {
    const { seen } = fakeGuestOrders([{ order: unpaid, token: 'tok-8' }])
    const { user, router } = renderApp({ config: shopConfig, route: '/orders/lookup' })

    await user.click(await screen.findByRole('button', { name: 'Find order' }))
    const invalid = await screen.findByRole('alert')
    await waitFor(() => expect(invalid).toHaveFocus())
    expect(screen.getByLabelText('Order number')).toHaveAccessibleDescription('Enter the order number from your confirmation.')

    await user.type(screen.getByLabelText('Order number'), '1008')
    await user.type(screen.getByLabelText('Email'), 'someone@example.com')
    await user.click(screen.getByRole('button', { name: 'Find order' }))
    await waitFor(() =>
      expect(screen.getByRole('alert')).toHaveTextContent('No order matches that number and e-mail address.'),
    )
    await waitFor(() => expect(screen.getByRole('alert')).toHaveFocus())

    await user.clear(screen.getByLabelText('Email'))
    await user.type(screen.getByLabelText('Email'), 'Gia@Example.com')
    await user.click(screen.getByRole('button', { name: 'Find order' }))

    expect(await screen.findByRole('heading', { name: 'Order #1008' })).toBeInTheDocument()
    expect(router.state.location.pathname).toBe('/orders/8')
    expect(seen.at(-1)).toEqual({ method: 'GET', path: '/orders/8/', orderToken: 'tok-8' })
  })
})
