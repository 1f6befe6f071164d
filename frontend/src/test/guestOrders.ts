import { http, HttpResponse } from 'msw'
import type { Order } from '../types/commerce'
import { apiError } from './fixtures'
import { server, userFor } from './server'

export interface GuestOrderRecord {
  order: Order
  /** The token the fake backend hands out for this order; absent = a backend without tokens. */
  token?: string
}

/**
 * A backend that opens an order to whoever sends its `X-Order-Token` (or a signed-in owner),
 * takes payment for it with card 4242…, and finds it by number and e-mail.
 */
export function fakeGuestOrders(records: GuestOrderRecord[], { ownerId }: { ownerId?: number } = {}) {
  const seen: { method: string; path: string; orderToken: string | null }[] = []
  const byId = new Map(records.map((r) => [String(r.order.id), r]))
  const allowed = (request: Request, record: GuestOrderRecord) => {
    const token = request.headers.get('X-Order-Token')
    return (record.token !== undefined && token === record.token) || (ownerId !== undefined && userFor(request)?.id === ownerId)
  }
  const refused = () => HttpResponse.json(apiError('not_found', 'Order not found.'), { status: 404 })
  server.use(
    http.get('/api/orders/:id/', ({ request, params }) => {
      seen.push({ method: 'GET', path: `/orders/${params.id}/`, orderToken: request.headers.get('X-Order-Token') })
      const record = byId.get(String(params.id))
      if (!record || !allowed(request, record)) return refused()
      return HttpResponse.json(record.order)
    }),
    http.post('/api/orders/:id/pay/', async ({ request, params }) => {
      seen.push({ method: 'POST', path: `/orders/${params.id}/pay/`, orderToken: request.headers.get('X-Order-Token') })
      const record = byId.get(String(params.id))
      if (!record || !allowed(request, record)) return refused()
      const { payment } = (await request.json()) as { payment: { card_number: string } }
      if (payment.card_number !== '4242424242424242') {
        return HttpResponse.json(
          { error: { code: 'card_declined', message: 'Your card was declined.' }, order: record.order },
          { status: 402 },
        )
      }
      record.order = { ...record.order, status: 'paid', payment_status: 'paid' }
      return HttpResponse.json({ ...record.order, ...(record.token ? { order_token: record.token } : {}) })
    }),
    http.post('/api/orders/lookup/', async ({ request }) => {
      const { number, email } = (await request.json()) as { number: string; email: string }
      seen.push({ method: 'POST', path: '/orders/lookup/', orderToken: null })
      const record = records.find(
        (r) => r.order.number === number && r.order.email.toLowerCase() === email.toLowerCase(),
      )
      if (!record?.token) return HttpResponse.json(apiError('not_found', 'Order not found.'), { status: 404 })
      return HttpResponse.json({ order: record.order, order_token: record.token })
    }),
  )
  return { seen }
}
