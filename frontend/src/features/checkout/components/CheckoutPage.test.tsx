import { screen, waitFor, within } from '@testing-library/react'
import type { UserEvent } from '@testing-library/user-event'
import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { cartLine, fakeCartApi, makeOrder } from '../../../test/commerce'
import { apiError, shopConfig } from '../../../test/fixtures'
import { server } from '../../../test/server'
import { renderApp } from '../../../test/test-utils'
import { CART_STORAGE_KEY } from '../../cart/cartToken'

const options = {
  currency: 'GBP',
  shipping_rates: [
    { id: 1, name: 'Standard', price: '3.95', free_over: '50.00', price_for_cart: '3.95' },
    { id: 2, name: 'Express', price: '9.95', free_over: null, price_for_cart: '9.95' },
  ],
  tax: { rate: '20.00', included: true, label: 'VAT' },
}

interface SeenCheckout {
  key: string | null
  cartToken: string | null
  body: Record<string, unknown>
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

/** A guest with two items in the cart, and a checkout endpoint that answers with `answer(n)`. */
function guestCheckout(answer: (n: number, body: Record<string, unknown>) => Response) {
  window.localStorage.setItem(CART_STORAGE_KEY, 'guest-1')
  fakeCartApi({ guestCarts: { 'guest-1': [cartLine(101, 1), cartLine(201, 1)] } })
  const checkouts: SeenCheckout[] = []
  const quotes: unknown[] = []
  server.use(
    http.get('/api/checkout/options/', () => HttpResponse.json(options)),
    http.post('/api/checkout/quote/', async ({ request }) => {
      const body = (await request.json()) as { shipping_rate_id: number; discount_code?: string }
      quotes.push(body)
      if (body.discount_code && body.discount_code !== 'SAVE10') {
        return HttpResponse.json(
          apiError('validation_error', 'Invalid discount code.', { discount_code: ['This code has expired.'] }),
          { status: 400 },
        )
      }
      const express = body.shipping_rate_id === 2
      const discount = body.discount_code === 'SAVE10'
      return HttpResponse.json({
        subtotal: '17.45',
        discount_total: discount ? '1.75' : '0.00',
        shipping_total: express ? '9.95' : '3.95',
        tax_total: '3.57',
        total: discount ? (express ? '25.65' : '19.65') : express ? '27.40' : '21.40',
        currency: 'GBP',
        discount: discount ? { code: 'SAVE10', description: '10% off' } : null,
      })
    }),
    http.post('/api/checkout/', async ({ request }) => {
      const body = (await request.json()) as Record<string, unknown>
      checkouts.push({
        key: request.headers.get('Idempotency-Key'),
        cartToken: request.headers.get('X-Cart-Token'),
        body,
      })
      return answer(checkouts.length, body)
    }),
  )
  return { checkouts, quotes }
}

async function fillCheckout(user: UserEvent, card = '4242 4242 4242 4242') {
  await user.type(await screen.findByLabelText('Email'), 'guest@example.com')
  await user.type(screen.getByLabelText('Full name'), 'Gia Guest')
  await user.type(screen.getByLabelText('Address line 1'), '1 High Street')
  await user.type(screen.getByLabelText('Town or city'), 'Bristol')
  await user.type(screen.getByLabelText('Postcode'), 'BS1 1AA')
  await fillCard(user, card)
}

async function fillCard(user: UserEvent, card: string) {
  await user.clear(screen.getByLabelText('Card number'))
  await user.type(screen.getByLabelText('Card number'), card)
  await user.clear(screen.getByLabelText('Expiry month'))
  await user.type(screen.getByLabelText('Expiry month'), '12')
  await user.clear(screen.getByLabelText('Expiry year'))
  await user.type(screen.getByLabelText('Expiry year'), '2099')
  await user.clear(screen.getByLabelText('Security code (CVC)'))
  await user.type(screen.getByLabelText('Security code (CVC)'), '123')
}

const placeOrder = () => screen.getByRole('button', { name: 'Place order' })

// These journeys type whole forms with user-event; give them room on a busy machine.
describe('checkout', { timeout: 60_000 }, () => {
  it('shows test mode, the server’s totals, and places a guest order with the cart token', async () => {
    const { checkouts, quotes } = guestCheckout(() => HttpResponse.json(makeOrder({ status: 'paid' }), { status: 201 }))
    const { user, router } = renderApp({ config: shopConfig, route: '/checkout' })

    expect(await screen.findByText('Test mode')).toBeInTheDocument()
    expect(screen.getByText('4242 4242 4242 4242')).toBeInTheDocument()
    const review = await screen.findByRole('complementary', { name: 'Your order' })
    await waitFor(() => expect(within(review).getByText('£21.40')).toBeInTheDocument())
    expect(within(review).getByText('Includes VAT (20%)')).toBeInTheDocument()
    expect(screen.getByRole('radio', { name: /Standard/ })).toBeChecked()
    expect(screen.getByText('Free on orders over £50.00')).toBeInTheDocument()

    await user.click(screen.getByRole('radio', { name: /Express/ }))
    await waitFor(() => expect(within(review).getByText('£27.40')).toBeInTheDocument())

    await user.type(screen.getByLabelText('Discount code (optional)'), 'OLD{Enter}')
    expect(await screen.findByText('This code has expired.')).toBeInTheDocument()
    expect(screen.getByLabelText('Discount code (optional)')).toHaveAccessibleDescription(/This code has expired\./)
    await user.clear(screen.getByLabelText('Discount code (optional)'))
    await user.type(screen.getByLabelText('Discount code (optional)'), 'SAVE10')
    await user.click(screen.getByRole('button', { name: 'Apply' }))
    expect(await screen.findByText('Code SAVE10 applied: 10% off.')).toBeInTheDocument()
    await waitFor(() => expect(within(review).getByText('£25.65')).toBeInTheDocument())
    expect(within(review).getByText('Discount (SAVE10)')).toBeInTheDocument()
    expect(checkouts).toHaveLength(0)

    await fillCheckout(user)
    await user.click(placeOrder())

    expect(await screen.findByRole('heading', { name: 'Thank you for your order' })).toBeInTheDocument()
    expect(screen.getByText(/is placed\./)).toHaveTextContent(
      'Order #1007 is placed. A confirmation is on its way to shopper@acme.test.',
    )
    expect(router.state.location.pathname).toBe('/checkout/confirmation/7')
    expect(checkouts).toHaveLength(1)
    expect(checkouts[0].cartToken).toBe('guest-1')
    expect(checkouts[0].key).toMatch(UUID)
    expect(checkouts[0].body).toEqual({
      email: 'guest@example.com',
      shipping_address: {
        full_name: 'Gia Guest',
        line1: '1 High Street',
        line2: '',
        city: 'Bristol',
        postcode: 'BS1 1AA',
        country: 'GB',
      },
      shipping_rate_id: 2,
      discount_code: 'SAVE10',
      payment: { card_number: '4242424242424242', exp_month: 12, exp_year: 2099, cvc: '123' },
    })
    expect(quotes).toContainEqual({ shipping_rate_id: 2, country: 'GB', discount_code: 'SAVE10' })
  })

  it('checks the form before sending and maps the server’s field errors to their inputs', async () => {
    const { checkouts } = guestCheckout(() =>
      HttpResponse.json(
        apiError('validation_error', 'Please correct the errors below.', {
          'shipping_address.postcode': ['Enter a valid UK postcode.'],
          payment: { cvc: ['Security code does not match.'] } as unknown as string[],
          gift_note: ['Gift notes are not available.'],
        }),
        { status: 400 },
      ),
    )
    const { user } = renderApp({ config: shopConfig, route: '/checkout' })

    await screen.findByLabelText('Email')
    await waitFor(() => expect(placeOrder()).toBeEnabled())
    await user.click(placeOrder())
    expect(await screen.findByRole('alert')).toHaveTextContent('Please correct the errors below.')
    expect(screen.getByLabelText('Email')).toHaveAccessibleDescription(/Enter your email address\./)
    expect(screen.getByLabelText('Card number')).toHaveAccessibleDescription('Enter the card number.')
    expect(checkouts).toHaveLength(0)

    await fillCheckout(user)
    await user.click(placeOrder())

    await waitFor(() => expect(checkouts).toHaveLength(1))
    await waitFor(() =>
      expect(screen.getByLabelText('Postcode')).toHaveAccessibleDescription('Enter a valid UK postcode.'),
    )
    expect(screen.getByLabelText('Security code (CVC)')).toHaveAccessibleDescription('Security code does not match.')
    const alert = screen.getByRole('alert')
    expect(alert).toHaveTextContent('Please correct the errors below.')
    // A field the form does not show is listed in the summary instead of being lost.
    expect(alert).toHaveTextContent('Gift note: Gift notes are not available.')
    await waitFor(() => expect(alert).toHaveFocus())
  })

  it('shows a declined card clearly and takes another card through /pay/', async () => {
    const unpaid = makeOrder({ id: 8, number: '1008', status: 'placed', payment_status: 'failed' })
    guestCheckout(() =>
      HttpResponse.json(
        { error: { code: 'card_declined', message: 'Your card was declined.' }, order: unpaid },
        { status: 402 },
      ),
    )
    const pays: { key: string | null; body: unknown }[] = []
    server.use(
      http.post('/api/orders/8/pay/', async ({ request }) => {
        const body = await request.json()
        pays.push({ key: request.headers.get('Idempotency-Key'), body })
        if (pays.length === 1) {
          return HttpResponse.json(
            { error: { code: 'card_declined', message: 'Declined again.' }, order: unpaid },
            { status: 402 },
          )
        }
        return HttpResponse.json({ ...unpaid, status: 'paid', payment_status: 'paid' })
      }),
    )
    const { user, router } = renderApp({ config: shopConfig, route: '/checkout' })

    await fillCheckout(user, '4000 0000 0000 0002')
    await user.click(placeOrder())

    const declined = await screen.findByRole('alert')
    expect(declined).toHaveTextContent('Payment declined')
    expect(declined).toHaveTextContent('Your card was declined.')
    expect(declined).toHaveTextContent('Your order #1008 is placed but not paid yet. Try another card below.')
    expect(screen.getByRole('heading', { name: 'Pay for order #1008' })).toBeInTheDocument()

    await fillCard(user, '4000 0000 0000 0002')
    await user.click(screen.getByRole('button', { name: 'Pay £21.40' }))
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('Declined again.'))
    // The card number is cleared for the next try.
    expect(screen.getByLabelText('Card number')).toHaveValue('')

    await fillCard(user, '4242 4242 4242 4242')
    await user.click(screen.getByRole('button', { name: 'Pay £21.40' }))

    expect(await screen.findByRole('heading', { name: 'Thank you for your order' })).toBeInTheDocument()
    expect(router.state.location.pathname).toBe('/checkout/confirmation/8')
    expect(pays[1].body).toEqual({ payment: { card_number: '4242424242424242', exp_month: 12, exp_year: 2099, cvc: '123' } })
    expect(pays[0].key).toMatch(UUID)
    expect(pays[1].key).toMatch(UUID)
    expect(pays[1].key).not.toBe(pays[0].key)
  })

  it('tells a guest plainly when the shop will not take another payment for the order here', async () => {
    const unpaid = makeOrder({ id: 9, number: '1009', status: 'placed', payment_status: 'failed' })
    guestCheckout(() =>
      HttpResponse.json({ error: { code: 'card_declined', message: 'Your card was declined.' }, order: unpaid }, { status: 402 }),
    )
    server.use(
      http.post('/api/orders/9/pay/', () =>
        HttpResponse.json(apiError('not_authenticated', 'Authentication credentials were not provided.'), { status: 401 }),
      ),
    )
    const { user } = renderApp({ config: shopConfig, route: '/checkout' })

    await fillCheckout(user, '4000 0000 0000 0002')
    await user.click(placeOrder())
    expect(await screen.findByRole('alert')).toHaveTextContent('Payment declined')
    // Focus moves to the news, since the button that was pressed is gone.
    await waitFor(() => expect(screen.getByRole('alert')).toHaveFocus())

    await fillCard(user, '4242 4242 4242 4242')
    await user.click(screen.getByRole('button', { name: 'Pay £21.40' }))
    await waitFor(() =>
      expect(screen.getByRole('alert')).toHaveTextContent(
        'We could not take another payment for order #1009 here. Nothing has been charged. Please contact the shop and quote order #1009.',
      ),
    )
  })

  it('sends an Idempotency-Key, reuses it when the same submission is retried after a network error, and not otherwise', async () => {
    const { checkouts } = guestCheckout((n) => {
      if (n === 1) return HttpResponse.error()
      if (n === 2) return HttpResponse.json(apiError('out_of_stock', 'Party bunting just sold out.'), { status: 409 })
      return HttpResponse.json(makeOrder(), { status: 201 })
    })
    const { user } = renderApp({ config: shopConfig, route: '/checkout' })

    await fillCheckout(user)
    await user.click(placeOrder())
    expect(await screen.findByRole('alert')).toHaveTextContent('press Place order again to retry safely')

    // Same submission after a network error: same key.
    await user.click(placeOrder())
    expect(await screen.findByText('Party bunting just sold out.')).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'Review your cart' })).toBeInTheDocument()

    // A definite answer ends that attempt: the next submission is a new one.
    await user.click(placeOrder())
    expect(await screen.findByRole('heading', { name: 'Thank you for your order' })).toBeInTheDocument()

    expect(checkouts).toHaveLength(3)
    expect(checkouts[0].key).toMatch(UUID)
    expect(checkouts[1].key).toBe(checkouts[0].key)
    expect(checkouts[2].key).toMatch(UUID)
    expect(checkouts[2].key).not.toBe(checkouts[0].key)
  })

  it('sends a signed-in shopper without an email field and links the confirmation to their orders', async () => {
    const { customer } = await import('../../../test/fixtures')
    fakeCartApi({ userLines: [cartLine(201, 2)] })
    const seen: Record<string, unknown>[] = []
    server.use(
      http.get('/api/checkout/options/', () => HttpResponse.json(options)),
      http.post('/api/checkout/quote/', () =>
        HttpResponse.json({
          subtotal: '9.90',
          discount_total: '0.00',
          shipping_total: '3.95',
          tax_total: '2.31',
          total: '13.85',
          currency: 'GBP',
          discount: null,
        }),
      ),
      http.post('/api/checkout/', async ({ request }) => {
        seen.push((await request.json()) as Record<string, unknown>)
        return HttpResponse.json(makeOrder({ email: customer.email }), { status: 201 })
      }),
      http.get('/api/orders/', () => HttpResponse.json({ count: 0, next: null, previous: null, results: [] })),
    )
    const { user } = renderApp({ config: shopConfig, route: '/checkout', signedInAs: customer })

    expect(await screen.findByText(customer.email, { selector: 'strong' })).toBeInTheDocument()
    expect(screen.queryByLabelText('Email')).not.toBeInTheDocument()
    expect(screen.getByLabelText('Full name')).toHaveValue(customer.full_name)
    await user.type(screen.getByLabelText('Address line 1'), '1 High Street')
    await user.type(screen.getByLabelText('Town or city'), 'Bristol')
    await user.type(screen.getByLabelText('Postcode'), 'BS1 1AA')
    await fillCard(user, '4242424242424242')
    await user.click(placeOrder())

    expect(await screen.findByRole('heading', { name: 'Thank you for your order' })).toBeInTheDocument()
    expect(seen[0]).not.toHaveProperty('email')
    expect(screen.getByRole('link', { name: 'View your orders' })).toHaveAttribute('href', '/account/orders')
  })
})
