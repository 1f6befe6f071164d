import { http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import type { User } from '../features/auth/types'
import { apiError, billingFixture } from './fixtures'

/** Access tokens the fake backend accepts, and whom they belong to. */
const sessions = new Map<string, User>()
let issued = 0
let ticketsIssued = 0
let visitorTicketsIssued = 0
/** The visitor ids sent with each visitor ticket request (null: none). */
let visitorIdsShown: (string | null)[] = []

export function issueTokens(user: User) {
  issued += 1
  const access = `access-${user.id}-${issued}`
  sessions.set(access, user)
  return { access, refresh: `refresh-${user.id}-${issued}` }
}

/** How many WebSocket tickets the fake backend has handed out in this test. */
export function ticketsIssuedCount(): number {
  return ticketsIssued
}

/** How many visitors' tickets (no sign-in: public promotions only) it handed out. */
export function visitorTicketsIssuedCount(): number {
  return visitorTicketsIssued
}

export function visitorIdsSent(): (string | null)[] {
  return visitorIdsShown
}

export function resetSessions() {
  sessions.clear()
  ticketsIssued = 0
  visitorTicketsIssued = 0
  visitorIdsShown = []
}

export function userFor(request: Request): User | undefined {
  const token = request.headers.get('Authorization')?.replace(/^Bearer /, '')
  return token ? sessions.get(token) : undefined
}

const unauthorized = () =>
  HttpResponse.json(apiError('not_authenticated', 'Authentication credentials were not provided.'), {
    status: 401,
  })

function me({ request }: { request: Request }) {
  const user = userFor(request)
  return user ? HttpResponse.json(user) : unauthorized()
}

/** Answers that most screens need; tests add their own with server.use(). */
export const defaultHandlers = [
  http.get('/api/auth/me/', me),
  http.get('/api/platform/auth/me/', me),
  // Tests that exercise refresh install their own; by default refresh tokens are refused.
  http.post('/api/auth/refresh/', () => HttpResponse.json(apiError('token_not_valid', 'Token is invalid.'), { status: 401 })),
  http.post('/api/platform/auth/refresh/', () =>
    HttpResponse.json(apiError('token_not_valid', 'Token is invalid.'), { status: 401 }),
  ),
  http.post('/api/auth/logout/', () => new HttpResponse(null, { status: 204 })),
  // The security page lists linked Google/Facebook sign-ins.
  ...['/api/auth/social/links/', '/api/platform/auth/social/links/'].map((path) =>
    http.get(path, ({ request }) =>
      userFor(request) ? HttpResponse.json({ links: [], has_password: true, providers: [] }) : unauthorized(),
    ),
  ),
  http.post('/api/platform/auth/logout/', () => new HttpResponse(null, { status: 204 })),
  http.get('/api/shop/', () =>
    HttpResponse.json({ name: 'Acme', subdomain: 'acme', currency: 'GBP', status: 'active' }),
  ),
  // Checkout and "pay this order" ask which gateway takes cards: the offline test one by default.
  http.get('/api/billing/payment-config/', () => HttpResponse.json({ gateway: 'offline-test', publishable_key: '' })),
  // The storefront header shows the cart and the catalog lists categories on every page.
  http.get('/api/cart/', () =>
    HttpResponse.json({ token: null, lines: [], item_count: 0, subtotal: '0.00', currency: 'GBP' }),
  ),
  http.get('/api/catalog/categories/', () => HttpResponse.json([])),
  http.get('/api/billing/plan/', ({ request }) => (userFor(request) ? HttpResponse.json(billingFixture()) : unauthorized())),
  http.get('/api/billing/invoices/', ({ request }) => (userFor(request) ? HttpResponse.json([]) : unauthorized())),
  http.get('/api/platform/admin/plans/', ({ request }) => (userFor(request) ? HttpResponse.json(billingFixture().plans) : unauthorized())),
  // Checkout asks a signed-in shopper's address book; tests that use it install fakeAddressBook().
  http.get('/api/account/addresses/', ({ request }) => (userFor(request) ? HttpResponse.json([]) : unauthorized())),
  // Recommendations widgets on storefront pages: nothing to show (hidden) unless a test says otherwise.
  http.get('/api/recs/*', ({ request }) =>
    HttpResponse.json({
      widget: 'for_you', request_id: 'r-0', arm: 'model', strategy: null, fallback: null, model_version: null,
      items: [], url: request.url,
    }),
  ),
  http.post('/api/recs/events/', () => HttpResponse.json({ stored: 0 }, { status: 202 })),
  // Support chat on every storefront page: no conversation yet, nobody online (chat tests add their own).
  http.get('/api/support/conversations/', ({ request }) => (userFor(request) ? HttpResponse.json([]) : unauthorized())),
  http.get('/api/support/status/', () =>
    HttpResponse.json({ staff_online: false, reply_within_hours: 24, text: 'Nobody is online right now.' }),
  ),
  // Live notifications: a signed-in person on a shop host gets single-use tickets ticket-1, ticket-2…,
  // a visitor (no token) visitor-1, visitor-2…
  http.post('/api/notifications/ws-ticket/', async ({ request }) => {
    if (!request.headers.get('Authorization')) {
      visitorTicketsIssued += 1
      const ticket = `visitor-${visitorTicketsIssued}`
      const body = (await request.json().catch(() => ({}))) as { visitor_id?: string }
      visitorIdsShown.push(body.visitor_id ?? null)
      // the server signs a visitor id once and keeps it when it is shown again
      const visitorId = body.visitor_id ?? 'visitor-id.signed'
      return HttpResponse.json(
        { ticket, expires_in: 60, url: `/ws/notifications/?ticket=${ticket}`, visitor: true, visitor_id: visitorId },
        { status: 201 },
      )
    }
    if (!userFor(request)) return unauthorized()
    ticketsIssued += 1
    const ticket = `ticket-${ticketsIssued}`
    return HttpResponse.json({ ticket, expires_in: 60, url: `/ws/notifications/?ticket=${ticket}` }, { status: 201 })
  }),
  http.get('/api/dashboard/feed/', ({ request }) => (userFor(request) ? HttpResponse.json([]) : unauthorized())),
  http.get('/api/account/email-preferences/', ({ request }) =>
    userFor(request)
      ? HttpResponse.json([
          { kind: 'order_shipped', title: 'Shipped orders, with tracking', email: true },
          { kind: 'promotion', title: 'Promotions and offers', email: false },
        ])
      : unauthorized(),
  ),
  // The inbox: empty unless a test installs fakeInbox().
  http.get('/api/notifications/state/', ({ request }) =>
    userFor(request) ? HttpResponse.json({ unread: 0, last_seq: 0 }) : unauthorized(),
  ),
  http.get('/api/notifications/', ({ request }) =>
    userFor(request) ? HttpResponse.json({ count: 0, next: null, previous: null, results: [] }) : unauthorized(),
  ),
]

export const server = setupServer(...defaultHandlers)
