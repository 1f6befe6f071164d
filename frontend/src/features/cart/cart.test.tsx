import { screen, waitFor, within } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { cartLine, fakeCartApi, lantern } from '../../test/commerce'
import { apiError, customer, shopConfig } from '../../test/fixtures'
import { issueTokens, server } from '../../test/server'
import { renderApp } from '../../test/test-utils'
import { CART_STORAGE_KEY } from './cartToken'

function serveProduct() {
  server.use(http.get('/api/catalog/products/tin-lantern/', () => HttpResponse.json(lantern)))
}

const cartLink = () => screen.getByRole('link', { name: /^Cart, / })

// These journeys type whole forms with user-event; give them room on a busy machine.
describe('cart', { timeout: 30_000 }, () => {
  it('adds as a guest, keeps the token the server hands out and sends it on every later request', async () => {
    serveProduct()
    const api = fakeCartApi()
    const { user } = renderApp({ config: shopConfig, route: '/products/tin-lantern' })

    expect(await screen.findByRole('heading', { level: 1, name: 'Tin lantern' })).toBeInTheDocument()
    expect(cartLink()).toHaveAccessibleName('Cart, 0 items')
    // The first in-stock variant is chosen; the sold-out one says so.
    expect(screen.getByRole('radio', { name: 'Small' })).toBeChecked()
    expect(screen.getByRole('radio', { name: 'Large (sold out)' })).not.toBeChecked()

    await user.clear(screen.getByLabelText('Quantity'))
    await user.type(screen.getByLabelText('Quantity'), '2')
    await user.click(screen.getByRole('button', { name: 'Add to cart' }))

    expect(await screen.findByText('Added 2 × Tin lantern (Small) to your cart.')).toBeInTheDocument()
    await waitFor(() => expect(cartLink()).toHaveAccessibleName('Cart, 2 items'))
    expect(window.localStorage.getItem(CART_STORAGE_KEY)).toBe('guest-token-1')
    expect(api.seen[0]).toMatchObject({ method: 'POST', path: '/api/cart/lines/', cartToken: null, body: { variant_id: 101, quantity: 2 } })

    await user.click(screen.getByRole('link', { name: 'View cart' }))
    const lines = await screen.findByRole('list', { name: 'Items in your cart' })
    expect(within(lines).getByRole('link', { name: 'Tin lantern' })).toBeInTheDocument()
    expect(within(lines).getByText('£25.00')).toBeInTheDocument()
    expect(screen.getByText('Subtotal (2 items)')).toBeInTheDocument()

    await user.click(screen.getByRole('button', { name: 'Increase quantity of Tin lantern (Small)' }))
    await waitFor(() => expect(within(lines).getByText('£37.50')).toBeInTheDocument())
    await waitFor(() => expect(cartLink()).toHaveAccessibleName('Cart, 3 items'))
    expect(screen.getByText('Tin lantern (Small): quantity is now 3.')).toBeInTheDocument()

    // The server refuses a quantity: the message sits on the line and the old quantity comes back.
    const quantity = screen.getByRole('spinbutton', { name: 'Quantity of Tin lantern (Small)' })
    await user.clear(quantity)
    await user.type(quantity, '9{Enter}')
    expect(await within(lines).findByRole('alert')).toHaveTextContent('Only 4 left.')
    expect(quantity).toHaveValue(3)

    await user.click(screen.getByRole('button', { name: 'Remove Tin lantern (Small)' }))
    expect(await screen.findByText('Your cart is empty')).toBeInTheDocument()
    await waitFor(() => expect(cartLink()).toHaveAccessibleName('Cart, 0 items'))

    const later = api.seen.slice(1)
    expect(later.map((r) => `${r.method} ${r.path}`)).toEqual([
      'PATCH /api/cart/lines/1010/',
      'PATCH /api/cart/lines/1010/',
      'DELETE /api/cart/lines/1010/',
    ])
    expect(later.every((r) => r.cartToken === 'guest-token-1')).toBe(true)
  })

  it('checks the quantity against the stock, and shows the server’s out-of-stock answer', async () => {
    serveProduct()
    fakeCartApi()
    server.use(
      http.post('/api/cart/lines/', () =>
        HttpResponse.json(apiError('out_of_stock', 'Sorry, Tin lantern (Small) just sold out.'), { status: 409 }),
      ),
    )
    const { user } = renderApp({ config: shopConfig, route: '/products/tin-lantern' })

    const quantity = await screen.findByLabelText('Quantity')
    await user.clear(quantity)
    await user.type(quantity, '5')
    await user.click(screen.getByRole('button', { name: 'Add to cart' }))
    expect(quantity).toHaveAccessibleDescription('Only 4 in stock.')

    await user.clear(quantity)
    await user.type(quantity, '3')
    await user.click(screen.getByRole('button', { name: 'Add to cart' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('Sorry, Tin lantern (Small) just sold out.')
    expect(window.localStorage.getItem(CART_STORAGE_KEY)).toBeNull()
  })

  it('does not fetch a cart for a guest who never added anything', async () => {
    const api = fakeCartApi()
    server.use(http.get('/api/catalog/products/', () => HttpResponse.json({ count: 0, next: null, previous: null, results: [] })))
    renderApp({ config: shopConfig, route: '/cart' })

    expect(await screen.findByText('Your cart is empty')).toBeInTheDocument()
    expect(api.seen).toEqual([])
  })

  it.each([
    ['signs up', '/account/signup', 'Create account', '/api/auth/signup/'],
    ['logs in', '/account/login', 'Sign in', '/api/auth/login/'],
  ])('merges the guest cart when the shopper %s, then forgets the guest token', async (_verb, route, button, endpoint) => {
    window.localStorage.setItem(CART_STORAGE_KEY, 'guest-9')
    const api = fakeCartApi({ guestCarts: { 'guest-9': [cartLine(101, 2)] }, userLines: [cartLine(201, 1)] })
    server.use(
      http.post(endpoint, () => HttpResponse.json({ ...issueTokens(customer), user: customer }, { status: 201 })),
      http.get('/api/catalog/products/', () => HttpResponse.json({ count: 0, next: null, previous: null, results: [] })),
    )
    const { user, router } = renderApp({ config: shopConfig, route })

    await waitFor(() => expect(cartLink()).toHaveAccessibleName('Cart, 2 items'))
    await user.type(screen.getByLabelText('Email'), customer.email)
    await user.type(screen.getByLabelText('Password'), 'long-enough-pass')
    await user.click(screen.getByRole('button', { name: button }))

    await waitFor(() => expect(cartLink()).toHaveAccessibleName('Cart, 3 items'))
    expect(router.state.location.pathname).toBe('/')
    expect(await screen.findByText('No products yet')).toBeInTheDocument()
    const merge = api.seen.find((r) => r.path === '/api/cart/merge/')!
    expect(merge.body).toEqual({ token: 'guest-9' })
    expect(merge.authorization).toMatch(/^Bearer access-/)
    expect(window.localStorage.getItem(CART_STORAGE_KEY)).toBeNull()
    expect(api.carts.has('guest-9')).toBe(false)
  })
})
