import { http, HttpResponse } from 'msw'
import type { Cart, CartLine, Id, Order, ProductDetail } from '../types/commerce'
import { apiError } from './fixtures'
import { server, userFor } from './server'

export const lantern: ProductDetail = {
  id: 1,
  slug: 'tin-lantern',
  title: 'Tin lantern',
  description: 'A hanging lantern.\nPunched tin.',
  currency: 'GBP',
  price: '12.50',
  compare_at_price: '15.00',
  in_stock: true,
  category: { slug: 'lighting', name: 'Lighting' },
  images: [
    { id: 11, url: '/media/lantern.jpg', thumb_url: '/media/lantern-thumb.jpg', alt: 'A tin lantern, lit' },
    { id: 12, url: '/media/lantern-2.jpg', thumb_url: '/media/lantern-2-thumb.jpg', alt: 'The lantern from above' },
  ],
  options: [{ name: 'Size', values: ['Small', 'Large'] }],
  variants: [
    { id: 101, sku: 'LAN-S', title: 'Small', options: { Size: 'Small' }, price: '12.50', compare_at_price: '15.00', stock: 4, in_stock: true },
    { id: 102, sku: 'LAN-L', title: 'Large', options: { Size: 'Large' }, price: '18.00', compare_at_price: null, stock: 0, in_stock: false },
  ],
}

export const bunting: ProductDetail = {
  id: 2,
  slug: 'party-bunting',
  title: 'Party bunting',
  description: '',
  currency: 'GBP',
  price: '4.95',
  compare_at_price: null,
  in_stock: true,
  category: null,
  images: [],
  options: [],
  variants: [{ id: 201, sku: 'PB-1', title: '', options: {}, price: '4.95', compare_at_price: null, stock: 50, in_stock: true }],
}

/** Prices are fixed per variant so that the fake server can "compute" totals from a table. */
const catalog: Record<string, { product: ProductDetail; unit: string }> = {
  '101': { product: lantern, unit: '12.50' },
  '201': { product: bunting, unit: '4.95' },
}

/** Exact decimal strings for test totals (pence arithmetic on integers, never floats of pounds). */
export function pence(amount: string): number {
  const [whole, frac = ''] = amount.split('.')
  return Number(whole) * 100 + Number((frac + '00').slice(0, 2))
}
export function pounds(p: number): string {
  return `${Math.floor(p / 100)}.${String(p % 100).padStart(2, '0')}`
}

export function cartLine(variantId: Id, quantity: number, id: Id = Number(variantId) * 10): CartLine {
  const entry = catalog[String(variantId)]
  const variant = entry.product.variants.find((v) => String(v.id) === String(variantId))!
  return {
    id,
    variant_id: variantId,
    product_slug: entry.product.slug,
    product_title: entry.product.title,
    variant_title: variant.title,
    sku: variant.sku,
    unit_price: entry.unit,
    quantity,
    line_total: pounds(pence(entry.unit) * quantity),
    image: entry.product.images[0] ? { thumb_url: entry.product.images[0].thumb_url, alt: '' } : null,
    available: variant.stock || 99,
  }
}

export function makeCart(lines: CartLine[], token: string | null = null): Cart {
  return {
    token,
    lines,
    item_count: lines.reduce((n, l) => n + l.quantity, 0),
    subtotal: pounds(lines.reduce((n, l) => n + pence(l.line_total), 0)),
    currency: 'GBP',
  }
}

export interface SeenRequest {
  method: string
  path: string
  cartToken: string | null
  authorization: string | null
  body: unknown
}

/**
 * An in-memory cart API: guest carts by `X-Cart-Token`, one cart per signed-in user, and the merge.
 * Records every request with the headers the app sent.
 */
export function fakeCartApi({ guestCarts = {} as Record<string, CartLine[]>, userLines = [] as CartLine[] } = {}) {
  const seen: SeenRequest[] = []
  const carts = new Map<string, CartLine[]>(Object.entries(guestCarts))
  let user = [...userLines]
  let issued = 0

  async function record(request: Request) {
    const text = request.method === 'GET' || request.method === 'DELETE' ? '' : await request.clone().text()
    seen.push({
      method: request.method,
      path: new URL(request.url).pathname,
      cartToken: request.headers.get('X-Cart-Token'),
      authorization: request.headers.get('Authorization'),
      body: text ? JSON.parse(text) : null,
    })
  }

  /** The cart this request addresses, creating a guest cart (and token) when needed. */
  function resolve(request: Request, create: boolean): { token: string | null; lines: CartLine[] } | null {
    if (userFor(request)) return { token: null, lines: user }
    const token = request.headers.get('X-Cart-Token')
    if (token) return carts.has(token) ? { token, lines: carts.get(token)! } : null
    if (!create) return { token: null, lines: [] }
    issued += 1
    const fresh = `guest-token-${issued}`
    carts.set(fresh, [])
    return { token: fresh, lines: carts.get(fresh)! }
  }

  function save(request: Request, token: string | null, lines: CartLine[]) {
    if (userFor(request)) user = lines
    else if (token) carts.set(token, lines)
  }

  server.use(
    http.get('/api/cart/', async ({ request }) => {
      await record(request)
      const cart = resolve(request, false)
      if (!cart) return HttpResponse.json(apiError('not_found', 'Cart not found.'), { status: 404 })
      return HttpResponse.json(makeCart(cart.lines, cart.token))
    }),
    http.post('/api/cart/lines/', async ({ request }) => {
      await record(request)
      const { variant_id, quantity } = (await request.json()) as { variant_id: number; quantity: number }
      if (!catalog[String(variant_id)]) return HttpResponse.json(apiError('not_found', 'No such variant.'), { status: 404 })
      if (quantity > 10) {
        return HttpResponse.json(apiError('out_of_stock', 'Only 4 Tin lantern (Small) left in stock.'), { status: 409 })
      }
      const cart = resolve(request, true)!
      const existing = cart.lines.find((l) => String(l.variant_id) === String(variant_id))
      const lines = existing
        ? cart.lines.map((l) => (l === existing ? cartLine(variant_id, l.quantity + quantity, l.id) : l))
        : [...cart.lines, cartLine(variant_id, quantity)]
      save(request, cart.token, lines)
      return HttpResponse.json(makeCart(lines, cart.token), { status: 201 })
    }),
    http.patch('/api/cart/lines/:id/', async ({ request, params }) => {
      await record(request)
      const { quantity } = (await request.json()) as { quantity: number }
      const cart = resolve(request, false)
      if (!cart) return HttpResponse.json(apiError('not_found', 'Cart not found.'), { status: 404 })
      if (quantity > 4) {
        return HttpResponse.json(apiError('validation_error', 'Check the quantity.', { quantity: ['Only 4 left.'] }), {
          status: 400,
        })
      }
      const lines = cart.lines.map((l) => (String(l.id) === params.id ? cartLine(l.variant_id, quantity, l.id) : l))
      save(request, cart.token, lines)
      return HttpResponse.json(makeCart(lines, cart.token))
    }),
    http.delete('/api/cart/lines/:id/', async ({ request, params }) => {
      await record(request)
      const cart = resolve(request, false)
      if (!cart) return HttpResponse.json(apiError('not_found', 'Cart not found.'), { status: 404 })
      const lines = cart.lines.filter((l) => String(l.id) !== params.id)
      save(request, cart.token, lines)
      return HttpResponse.json(makeCart(lines, cart.token))
    }),
    http.post('/api/cart/merge/', async ({ request }) => {
      await record(request)
      if (!userFor(request)) return HttpResponse.json(apiError('not_authenticated', 'Sign in.'), { status: 401 })
      const { token } = (await request.json()) as { token: string }
      const guest = carts.get(token)
      if (!guest) return HttpResponse.json(apiError('not_found', 'Cart not found.'), { status: 404 })
      user = [...user, ...guest]
      carts.delete(token)
      return HttpResponse.json(makeCart(user, null))
    }),
  )
  return { seen, carts, userLines: () => user }
}

export function makeOrder(overrides: Partial<Order> = {}): Order {
  return {
    id: 7,
    number: '1007',
    status: 'paid',
    payment_status: 'paid',
    email: 'shopper@acme.test',
    lines: [
      {
        id: 1,
        product_slug: 'tin-lantern',
        product_title: 'Tin lantern',
        variant_title: 'Small',
        sku: 'LAN-S',
        unit_price: '12.50',
        quantity: 1,
        line_total: '12.50',
      },
      {
        id: 2,
        product_slug: 'party-bunting',
        product_title: 'Party bunting',
        variant_title: '',
        sku: 'PB-1',
        unit_price: '4.95',
        quantity: 1,
        line_total: '4.95',
      },
    ],
    subtotal: '17.45',
    discount_total: '0.00',
    shipping_total: '3.95',
    tax_total: '3.57',
    total: '21.40',
    currency: 'GBP',
    shipping_address: {
      full_name: 'Cy Customer',
      line1: '1 High Street',
      line2: '',
      city: 'Bristol',
      postcode: 'BS1 1AA',
      country: 'GB',
    },
    shipping_method: 'Standard',
    tracking_number: null,
    timeline: [{ status: 'placed', note: '', created_at: '2025-03-01T10:00:00Z' }, { status: 'paid', note: '', created_at: '2025-03-01T10:00:05Z' }],
    created_at: '2025-03-01T10:00:00Z',
    ...overrides,
  }
}
