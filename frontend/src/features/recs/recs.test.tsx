import { screen, waitFor, within } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { bunting, fakeCartApi, lantern } from '../../test/commerce'
import { shopConfig } from '../../test/fixtures'
import { server } from '../../test/server'
import { renderApp, renderWithProviders } from '../../test/test-utils'
import { beacon } from './beacon'
import { HomeRecs } from './components/HomeRecs'
import type { RecCard, RecsResponse } from './types'

function card(id: number, title: string, reason = ''): RecCard {
  return {
    id,
    slug: title.toLowerCase().replace(/ /g, '-'),
    title,
    price: '3.00',
    compare_at_price: null,
    currency: 'GBP',
    in_stock: true,
    image: null,
    category: null,
    position: id - 1,
    reason: { kind: 'viewed', text: reason, product: null },
  }
}

function answer(widget: RecsResponse['widget'], items: RecCard[], requestId = `req-${widget}`): RecsResponse {
  return { widget, request_id: requestId, arm: 'model', strategy: 'blend', fallback: null, model_version: 3, items }
}

/** Every beacon batch the app sends, with the visitor header it carried. */
function recordBeacons() {
  const batches: { visitor: string | null; body: { visitor_id: string; events: Record<string, unknown>[] } }[] = []
  server.use(
    http.post('/api/recs/events/', async ({ request }) => {
      batches.push({ visitor: request.headers.get('X-Visitor-Id'), body: await request.json() as never })
      return HttpResponse.json({ stored: 1 }, { status: 202 })
    }),
  )
  return batches
}

describe('Recommendation widgets', () => {
  it('shows "Recommended for you" with each card\'s reason and hides an empty "Trending now"', async () => {
    const visitors: (string | null)[] = []
    server.use(
      http.get('/api/recs/for-you/', ({ request }) => {
        visitors.push(request.headers.get('X-Visitor-Id'))
        return HttpResponse.json(answer('for_you', [card(1, 'Blue mug', 'Because you viewed Red mug'), card(2, 'Teapot')]))
      }),
      http.get('/api/recs/trending/', () => HttpResponse.json(answer('trending', []))),
    )
    renderWithProviders(<HomeRecs />, { config: shopConfig })
    const shelf = await screen.findByRole('list', { name: 'Recommended for you' })
    expect(within(shelf).getAllByRole('listitem')).toHaveLength(2)
    expect(within(shelf).getByText('Because you viewed Red mug')).toBeInTheDocument()
    expect(within(shelf).getByRole('link', { name: 'Blue mug' })).toHaveAttribute('href', '/products/blue-mug')
    await waitFor(() => expect(screen.queryByRole('heading', { name: 'Trending now' })).not.toBeInTheDocument())
    // the same visitor id on every request, kept by the browser
    expect(visitors[0]).toMatch(/^[A-Za-z0-9_-]{8,64}$/)
    expect(localStorage.getItem('shopyard.visitor')).toBe(visitors[0])
  })

  it('hides a widget that fails rather than showing shoppers an error', async () => {
    server.use(
      http.get('/api/recs/for-you/', () => HttpResponse.json({ error: { code: 'x', message: 'x', fields: {} } }, { status: 500 })),
      http.get('/api/recs/trending/', () => HttpResponse.json(answer('trending', [card(5, 'Kite')]))),
    )
    renderWithProviders(<HomeRecs />, { config: shopConfig })
    expect(await screen.findByRole('list', { name: 'Trending now' })).toBeInTheDocument()
    await waitFor(() => expect(screen.queryByRole('heading', { name: 'Recommended for you' })).not.toBeInTheDocument())
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
  })

  it('sends a click with the request id that showed the card', async () => {
    const batches = recordBeacons()
    server.use(
      http.get('/api/recs/for-you/', () => HttpResponse.json(answer('for_you', [card(1, 'Blue mug')], 'req-42'))),
      http.get('/api/recs/trending/', () => HttpResponse.json(answer('trending', []))),
    )
    const { user } = renderWithProviders(<HomeRecs />, { config: shopConfig })
    await user.click(await screen.findByRole('link', { name: 'Blue mug' }))
    await beacon.flush()
    await waitFor(() => expect(batches).toHaveLength(1))
    expect(batches[0].body.events).toEqual([
      { kind: 'click', product_id: 1, widget: 'for_you', request_id: 'req-42', position: 0 },
    ])
    expect(batches[0].visitor).toBe(batches[0].body.visitor_id)
  })

  it('on a product page: sends the view, shows similar products, and "Add both" adds both', async () => {
    const batches = recordBeacons()
    const cartApi = fakeCartApi()
    server.use(
      http.get('/api/catalog/products/tin-lantern/', () => HttpResponse.json(lantern)),
      http.get('/api/catalog/products/party-bunting/', () => HttpResponse.json(bunting)),
      http.get('/api/recs/products/tin-lantern/similar/', () =>
        HttpResponse.json(answer('similar', [card(7, 'Candle', 'Similar to Tin lantern')])),
      ),
      http.get('/api/recs/products/tin-lantern/bought-together/', () =>
        HttpResponse.json(answer('bought_together', [{ ...card(2, 'Party bunting', 'Often bought with Tin lantern'), id: 2 }])),
      ),
    )
    const { user } = renderApp({ config: shopConfig, route: '/products/tin-lantern' })
    expect(await screen.findByRole('list', { name: 'Similar products' })).toHaveTextContent('Candle')
    expect(screen.getByRole('list', { name: 'Frequently bought together' })).toHaveTextContent(
      'Often bought with Tin lantern',
    )
    await waitFor(() => expect(batches.flatMap((b) => b.body.events)).toContainEqual({ kind: 'view', product_id: 1 }))

    await user.click(screen.getByRole('button', { name: 'Add both to cart' }))
    expect(await screen.findByText('Added Tin lantern and Party bunting to your cart.')).toBeInTheDocument()
    const added = cartApi.seen.filter((r) => r.method === 'POST' && r.path === '/api/cart/lines/').map((r) => r.body)
    expect(added).toEqual([
      { variant_id: 101, quantity: 1 },
      { variant_id: 201, quantity: 1 },
    ])
    // the add-to-carts reach the beacon by slug (the cart knows slugs)
    await beacon.flush()
    await waitFor(() =>
      expect(batches.flatMap((b) => b.body.events)).toEqual(
        expect.arrayContaining([
          { kind: 'cart', slug: 'tin-lantern', quantity: 1 },
          { kind: 'cart', slug: 'party-bunting', quantity: 1 },
        ]),
      ),
    )
  })
})

describe('Signing in', () => {
  it('tells the server this visitor is now the account, with the new token', async () => {
    const batches: { auth: string | null; body: unknown }[] = []
    server.use(
      http.post('/api/recs/events/', async ({ request }) => {
        batches.push({ auth: request.headers.get('Authorization'), body: await request.json() })
        return HttpResponse.json({ stored: 0 }, { status: 202 })
      }),
    )
    const { store } = renderWithProviders(<p>page</p>, { config: shopConfig })
    const { credentialsReceived } = await import('../auth/authSlice')
    store.dispatch(
      credentialsReceived({ access: 'access-x', refresh: 'refresh-x', user: { id: 3, email: 'a@b.test', full_name: '', role: 'customer' } }),
    )
    await waitFor(() => expect(batches).toHaveLength(1))
    expect(batches[0].auth).toBe('Bearer access-x')
    expect(batches[0].body).toEqual({ visitor_id: localStorage.getItem('shopyard.visitor'), events: [] })
  })
})

describe('A shop whose plan has no recommendations', () => {
  const freeShop = { ...shopConfig, shop: { ...shopConfig.shop, features: { recommendations: false } } }

  function recordWidgetRequests() {
    const asked: string[] = []
    server.use(
      http.get('/api/recs/*', ({ request }) => {
        asked.push(new URL(request.url).pathname)
        return HttpResponse.json({ error: { code: 'plan_limit_reached', message: 'No recs.', fields: {} } }, { status: 403 })
      }),
    )
    return asked
  }

  it('asks for no widget and shows no shelf on the product page', async () => {
    const asked = recordWidgetRequests()
    server.use(http.get('/api/catalog/products/tin-lantern/', () => HttpResponse.json(lantern)))
    renderApp({ config: freeShop, route: '/products/tin-lantern' })
    expect(await screen.findByRole('heading', { name: 'Tin lantern', level: 1 })).toBeInTheDocument()
    expect(screen.queryByText('Loading suggestions…')).not.toBeInTheDocument()
    expect(screen.queryByRole('heading', { name: 'Similar products' })).not.toBeInTheDocument()
    await beacon.settled()
    expect(asked).toEqual([])
  })

  it('asks for no widget on the home page, and does once the plan includes them', async () => {
    const asked = recordWidgetRequests()
    const { unmount } = renderWithProviders(<HomeRecs />, { config: freeShop })
    expect(screen.queryByText('Loading suggestions…')).not.toBeInTheDocument()
    await beacon.settled()
    expect(asked).toEqual([])
    unmount()
    // the next page load after an upgrade carries the feature
    renderWithProviders(<HomeRecs />, { config: shopConfig })
    await waitFor(() => expect(asked).toEqual(expect.arrayContaining(['/api/recs/for-you/', '/api/recs/trending/'])))
  })
})
